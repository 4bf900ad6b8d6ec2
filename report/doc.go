// Package report renders statistics and exports listings: a stats.Summary
// as Markdown pages, an aligned text table, JSON or CSV, and listings,
// streamed one at a time, as CSV, JSON or JSON Lines. It writes to an
// io.Writer and does no other I/O. The formats below are stable: columns
// and keys are added at the end, never renamed, reordered or removed.
//
// # Figures
//
// Money is shown in whole units of the report currency with thousands
// separators, with a symbol for USD ($), EUR (€) and GBP (£) and the code
// otherwise ("CHF 120,000"); percentages are rounded to whole numbers; a
// figure without data is "n/a", never 0. Salaries are annual (see package
// stats for annualization, conversion, exclusions and the percentile
// method).
//
// # Markdown (Markdown)
//
// One page per role, most openings first, separated by "---":
//
//	# Backend Engineer Average Salaries and Statistics
//
//	## Overview
//
//	- Job openings: 4
//	- Average Salary: $108,750
//	- Median Salary: $105,000
//	- Degree Requirement: 75% of employers require a degree
//	- Change since 2026-10-21: +1 openings, median salary +$2,000   (only when compared)
//
//	Salary figures from 3 of 4 openings; 1 left out: no salary.
//	Degree figures from 4 of 4 openings that state a requirement; 0 say nothing.
//	Salaries are annual, in USD, converted at exchange rates of 2026-11-02. Updated 3 days ago (2026-11-17).
//
// then the sections "Salary by Seniority" (level, openings, median, 25th–75th
// percentile), "Degree Requirements" (require, accept equivalent
// experience, preferred, not required, say nothing), "Top Companies
// Hiring", "Top Skills" (openings and share of openings) and
// "Certifications". Names are escaped, so markup and HTML in titles render
// as text.
//
// # Text (Text)
//
// A heading line (openings, roles, date, currency, freshness) and a table
// with the columns ROLE, OPENINGS, AVERAGE, MEDIAN, DEGREE (share requiring
// a degree among openings that state one) and, when the summary was
// compared with an earlier one, CHANGE.
//
// # JSON (JSON)
//
// The stats.Summary schema, indented; see package stats.
//
// # Stats CSV (StatsCSV)
//
// Columns, in order (StatsColumns):
//
//	role                      role name
//	level                     "all" for the role's row; a seniority level
//	                          (intern … principal, or unknown) for the rows after it
//	openings                  job openings
//	salary_count              openings with a usable salary
//	average, median, p25, p75, min, max
//	                          annual salary statistics in the report currency,
//	                          at most two decimals; empty when salary_count is 0
//	currency                  report currency (ISO 4217)
//	excluded_no_salary, excluded_unknown_period, excluded_unknown_currency, excluded_implausible
//	                          openings left out of the salary figures, by reason
//	degree_stated, degree_required, degree_equivalent, degree_preferred, degree_not_required, degree_unknown
//	                          openings by degree requirement
//	degree_required_share, degree_equivalent_share
//	                          fractions 0–1 of degree_stated (4 decimals); empty when none stated
//	openings_change, median_change
//	                          change against an earlier summary; empty when unknown
//	as_of                     when the openings were counted (RFC 3339, UTC)
//
// Only the role rows ("all") fill the exclusion, degree and change columns.
//
// # Listing CSV (NewListingWriter, format "csv")
//
// UTF-8, comma-separated, a header row, one row per listing. The first
// columns carry the names JobSpy uses, with the same meaning:
//
//	id               stable listing id (source:source_id)
//	site             source name the listing was crawled from
//	job_url          URL of the posting
//	title            title as published
//	company, location
//	date_posted      publication date, YYYY-MM-DD (UTC); empty when unknown
//	job_type         employment type, normalized: full_time, part_time, contract, temporary,
//	                 internship or freelance; empty when unknown (JobSpy writes fulltime,
//	                 parttime: drop the underscore to compare)
//	is_remote        true when the job is fully remote, else false
//	interval         pay period: hour, day, week, month or year (empty when unknown)
//	min_amount, max_amount
//	                 pay as stated per interval, in units ("45.5", "120000"); empty for an open bound
//	currency         ISO 4217 code of the stated pay
//	salary_source    structured (a source's pay field) or text (parsed)
//	job_level        seniority: intern, junior, mid, senior, lead, principal
//	skills           canonical skills, joined with ", "
//	description      plain text
//
// then jobstats' own:
//
//	role             the role the listing is counted under (its role, else its cleaned title)
//	degree           required, equivalent, preferred, not_required or unknown
//	annual_min, annual_max
//	                 annual pay in the report currency (at most two decimals); empty when
//	                 it cannot be computed (see salary_excluded)
//	report_currency  the report currency
//	first_seen, last_seen, closed_at
//	                 RFC 3339 times in UTC; closed_at is empty while the listing is open
//	sources          every source the job was seen on, joined with ", "
//	workplace        onsite, hybrid, remote, or empty when unknown
//	salary_text      pay as the source wrote it
//	certifications   certifications mentioned, joined with ", "
//	salary_excluded  why the pay is left out of statistics: no_salary, unknown_period,
//	                 unknown_currency or implausible (annual figures are still shown for
//	                 implausible); empty when it counts
//	country          where the job is: ISO 3166-1 alpha-2 code ("US"); for a remote job
//	                 open to one country, that country; empty when unknown
//	region           state or province: ISO 3166-2 code without the country prefix
//	                 ("CA", "ON", "KA"); empty when unknown
//	city             the city's common English name; empty when unknown or several
//	remote_scope     for a fully remote job, where applicants may live: a country code,
//	                 a region group (EU, Europe, EMEA, Americas, North America, LATAM,
//	                 APAC) or worldwide; empty when not remote or unknown
//	experience_years minimum years of experience asked; empty when none stated
//
// Every cell that begins with =, +, -, @, a tab or a carriage return is
// prefixed with a single quote (Neutralize), so that spreadsheets do not
// run it as a formula; stated amounts are never negative, so no number is
// altered.
//
// # Listing JSON and JSON Lines (formats "json" and "jsonl")
//
// "jsonl" writes one object a line; "json" writes one array with one object
// a line. Keys mean what the CSV columns of the same name mean; unknown
// values are null, lists are never null:
//
//	{
//	  "id": string, "site": string, "sources": [string], "job_url": string,
//	  "title": string, "company": string, "location": string,
//	  "date_posted": "YYYY-MM-DD" | null, "job_type": string,
//	  "is_remote": bool, "workplace": string,
//	  "salary": {
//	    "min_amount": number | null, "max_amount": number | null,
//	    "currency": string, "interval": string,
//	    "period_inferred": bool, "salary_source": string
//	  } | null,
//	  "salary_text": string,
//	  "annual_min": number | null, "annual_max": number | null,
//	  "report_currency": string, "salary_excluded": string | null,
//	  "job_level": string, "role": string, "degree": string,
//	  "skills": [string], "certifications": [string],
//	  "description": string,
//	  "first_seen": RFC 3339 | null, "last_seen": RFC 3339 | null,
//	  "closed_at": RFC 3339 | null,
//	  "country": string | null, "region": string | null, "city": string | null,
//	  "remote_scope": string | null, "experience_years": number | null
//	}
//
// period_inferred is true when the source wrote no period and it was
// inferred from the amount and currency. Characters such as < > & are
// written as themselves, not escaped.
package report
