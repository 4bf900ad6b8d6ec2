// Package web publishes the salary report as web pages: a static site
// (WriteSite) and a live server (NewServer) with filters, a JSON API,
// /healthz and /metrics. It renders with html/template and draws its
// charts as inline SVG; it uses no web framework, no JavaScript and no
// resource of another host.
//
// # Where the figures come from
//
// Every figure comes from a Summarizer: Summaries(ctx, queries...) returns,
// for each Query (a stats.Filter and the fewest openings for a market's
// page), the stats.Summary that `jobstats stats report --format json`
// prints for the same filter. The CLI's implementation aggregates the
// stored listings in one scan per batch; a faster one (an index kept in
// memory) drops in behind the same interface. SummaryFunc adapts a
// function that answers one query. An Archive adds the trend (the stored
// snapshots of `stats history`) and the latest openings; without one,
// pages leave both out.
//
// # Pages and URLs
//
// Paths are stable, readable slugs (Slug: lower case, words joined by
// hyphens, "+" and "#" spelled out; a market key such as "remote:EU"
// becomes "remote-eu"):
//
//	/                                  every role and its markets: openings, median, trend sparkline
//	/backend-engineer/                 a role: its markets table
//	/backend-engineer/us/              a role in a market: the page
//	/backend-engineer/remote-eu/       a remote market
//	/backend-engineer/unknown/         listings whose place is unknown
//	.../data.json                      the page's report JSON (the stats schema; see package stats)
//	.../data.csv                       the page's stats CSV (see package report)
//	/style.css, /favicon.svg           the only other resources a page loads
//	/sitemap.xml, /robots.txt
//
// A page has: the lead (openings, median, salaries behind it), key
// figures (median with its confidence interval, 10th–90th percentile
// range, openings and their change, remote share, degree share), the
// salary distribution (histogram), salary by seniority (p25–p75 bands with
// median ticks), contract rates and internship pay, degree requirements,
// remote work, employment types and locations, companies hiring, skills,
// certifications, the trend over the stored snapshots, the latest
// openings, and how the numbers are made (the sample behind each figure,
// the openings left out by reason, the currencies, the exchange-rate date,
// the annualization, the sample rules and the confidence interval). Each
// chart is an image with a <title> and <desc> (role="img",
// aria-labelledby) and comes with its data table.
//
// Every figure of the report on a page is a <data> element whose value
// attribute is the number as the page's data.json has it and whose
// data-field attribute is its JSON Pointer (RFC 6901) there, such as
// "/roles/0/pages/0/salary/median"; the sample rules' constants are
// <data data-const="min_median">. Tests check each one against the
// report, and that no other number appears in the text.
//
// Each page carries schema.org Occupation structured data (JSON-LD) with
// estimatedSalary as MonetaryAmountDistribution (median and percentile10,
// 25, 75, 90, currency, duration P1Y) in the report currency and, where
// the market has one, its own, only where the sample rules give those
// figures; and occupationLocation for a country or remote region.
//
// # The live server
//
// NewServer serves the same pages from the data at request time, with
// filters as query parameters, which plain links keep and a GET form sets:
//
//	workplace=remote|onsite|any    remote=true, onsite=true   fully remote jobs, or the others
//	seniority=senior[,lead]        company=NAME               skill=NAME
//	source=NAME                    posted_since=YYYY-MM-DD | 30d
//
// Each parameter given replaces the base filter's (Options.Base: the
// config's report defaults and the command's flags); an empty value
// clears it. The JSON API takes the same parameters, and role and country
// (a code, a name, a region group such as EU, remote:worldwide or
// unknown; repeatable or comma-separated):
//
//	GET /api/v1/report?role=Backend+Engineer&country=US&seniority=senior&min_openings=1
//	    the report JSON (stats schema 2) for that filter; 400 with {"error": ...} for a bad parameter
//	GET /api/v1/history?role=Backend+Engineer&country=US
//	    [{"at", "market", "openings", "salary_count", "median"}] after every stored snapshot
//	GET /healthz                    200 "ok" when the store can be read (Options.Check), else 503
//	GET /metrics                    Options.Metrics (package metrics), 404 without
//
// Every response carries the security headers (SecurityHeaders): the
// Content-Security-Policy CSP (default-src 'none'; style-src 'self';
// img-src 'self' data:; base-uri 'none'; form-action 'self';
// frame-ancestors 'none'), X-Content-Type-Options: nosniff,
// Referrer-Policy: no-referrer, X-Frame-Options: DENY. Pages repeat the
// policy in a meta element (without frame-ancestors, which a meta element
// cannot set) so the static site has it too. Scraped strings only ever
// reach a page through html/template (or, in SVG, HTML escaping), and a
// listing's link only when it is http or https. With Options.Marker the
// server keeps what it computed until the data changes. Serve runs a
// handler with read, write and idle timeouts and shuts down gracefully
// when its context ends.
package web
