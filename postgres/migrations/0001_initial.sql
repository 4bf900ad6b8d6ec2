-- jobstats schema version 1. Times are unix nanoseconds (bigint), as Go
-- keeps them, so that lifecycle rules compare exactly what they compared
-- when the listing was stored; NULL is the zero time. The view
-- listing_times shows them as timestamptz for people. Text keys are
-- COLLATE "C" so that they sort by bytes, as in the bbolt file.

CREATE TABLE listings (
	id                      text COLLATE "C" PRIMARY KEY,
	source                  text NOT NULL,
	source_id               text NOT NULL,
	sources                 text[] NOT NULL DEFAULT '{}',
	url                     text NOT NULL DEFAULT '',
	title                   text NOT NULL DEFAULT '',
	company                 text NOT NULL DEFAULT '',
	location                text NOT NULL DEFAULT '',
	workplace               text NOT NULL DEFAULT '',
	employment_type         text NOT NULL DEFAULT '',
	country                 text NOT NULL DEFAULT '',
	region                  text NOT NULL DEFAULT '',
	city                    text NOT NULL DEFAULT '',
	remote_scope            text NOT NULL DEFAULT '',
	posted_at               bigint,
	salary_text             text NOT NULL DEFAULT '',
	-- salary_min is NULL exactly when the listing has no structured salary.
	salary_min              bigint,
	salary_max              bigint,
	salary_currency         text,
	salary_period           text,
	salary_period_inferred  boolean,
	salary_from             text,
	degree_text             text NOT NULL DEFAULT '',
	degree                  text NOT NULL DEFAULT '',
	role                    text NOT NULL DEFAULT '',
	seniority               text NOT NULL DEFAULT '',
	experience_years        integer NOT NULL DEFAULT 0,
	skills                  text[] NOT NULL DEFAULT '{}',
	certifications          text[] NOT NULL DEFAULT '{}',
	-- uint64 hashes, stored bit for bit in a signed bigint.
	fingerprint             bigint NOT NULL DEFAULT 0,
	simhash                 bigint NOT NULL DEFAULT 0,
	first_seen              bigint,
	last_seen               bigint,
	closed_at               bigint,
	-- earlier closures, flattened: closed, reopened, closed, reopened, ...
	gaps                    bigint[] NOT NULL DEFAULT '{}',
	description             text NOT NULL DEFAULT ''
);

CREATE INDEX listings_closed_at ON listings (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX listings_role ON listings (lower(role));

CREATE SEQUENCE runs_id_seq;

-- One row per crawl run: the record is the jobstats.Run as JSON; source
-- and status are kept apart for the queries that select by them.
CREATE TABLE runs (
	id      bigint PRIMARY KEY,
	source  text NOT NULL,
	status  text NOT NULL,
	record  jsonb NOT NULL
);
CREATE INDEX runs_source ON runs (source, id DESC);
CREATE INDEX runs_running ON runs (id) WHERE status = 'running';

CREATE TABLE snapshots (
	key   text COLLATE "C" NOT NULL,
	at    bigint NOT NULL,
	data  bytea NOT NULL,
	PRIMARY KEY (key, at)
);

CREATE TABLE validators (
	url            text COLLATE "C" PRIMARY KEY,
	etag           text NOT NULL,
	last_modified  text NOT NULL
);

-- The ticks of each source's schedule that a daemon worker claimed: the
-- first worker to insert (source, tick) runs it, every other skips it.
CREATE TABLE crawl_ticks (
	source      text NOT NULL,
	tick        bigint NOT NULL,
	worker      text NOT NULL,
	claimed_at  timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (source, tick)
);

CREATE VIEW listing_times AS
SELECT id, source, role, company,
	to_timestamp(first_seen / 1e9) AS first_seen,
	to_timestamp(last_seen / 1e9) AS last_seen,
	to_timestamp(closed_at / 1e9) AS closed_at,
	to_timestamp(posted_at / 1e9) AS posted_at
FROM listings;
