// Package report renders statistics and exports listings: a stats.Summary
// as Markdown pages, an aligned text table, JSON or CSV, and listings,
// streamed one at a time, as CSV, JSON or JSON Lines. It writes to an
// io.Writer and does no other I/O. The formats below are stable: columns
// and keys are added at the end, never renamed, reordered or removed.
//
// # Figures
//
// Money is shown in whole units with thousands separators, with a symbol
// for USD ($), EUR (€) and GBP (£) and the code otherwise ("CHF 120,000",
// "INR 2,800,000"); percentages are rounded to whole numbers. A figure
// whose sample is too small reads "too few to say (n=3)" (or "too few" in a
// table, whose n is in another column), one without data "n/a"; never 0.
// Salaries are annual in the report currency, and, where a market has a
// currency of its own, also in it ("$103,018 (£78,500)"); see package stats
// for annualization, conversion, pay types, exclusions, the sample rules
// and the confidence interval.
//
// # Markdown (Markdown)
//
// For each role, most openings first: a markets table, then one page per
// market, all separated by "---". A role with a single market goes straight
// to its page. When a filter was applied, a first line names it.
//
//	# Backend Engineer Salaries by Market
//
//	184 openings in 10 markets; each market with at least 5 openings has a page below, most openings first.
//
//	| Market | Openings | Median salary (USD) | Median (local currency) | Salaries |
//	| United States | 41 | $159,750 | $159,750 | 32 |
//	| United Kingdom | 28 | $103,018 | £78,500 | 16 |
//	| Unknown location | 3 | too few | too few | 2 |
//
//	Without a page of their own (fewer than 5 openings; ...): Unknown location (3).
//
//	---
//
//	# Backend Engineer Average Salaries and Statistics — United Kingdom
//
//	## Overview
//
//	- Job openings: 28
//	- Median Salary: $103,018 (£78,500), 95% confidence interval $70,210–$126,640, from 16 salaries
//	- Average Salary: $102,567
//	- Salary Range: $68,241–$130,906 (10th to 90th percentile); lowest $63,648, highest $171,260
//	- Degree Requirement: 16% of listings that state a requirement ask for a degree (3 of 19)
//	- Remote: 11% of openings are fully remote (3 of 28; 0 hybrid, 0 on-site, 25 not stated)
//	- Employment Type: 18 full-time, 10 contract
//	- Top Locations: London (8), Manchester (8), ...
//	- Change since 2026-10-21: +1 openings, median salary +$2,000   (only when compared)
//
//	Salary figures from 16 of 28 openings: ...; 12 left out: 2 no salary, 10 contract, freelance or temporary (see Contract Rates).
//	Pay is stated in GBP and converted to USD.            (or: "in 3 currencies: ...", and on a pooled page the markets it pools)
//	Salaries are annual, in USD, converted at exchange rates of 2026-11-02; ...
//	Degree figures from 19 of 28 openings that state a requirement; 9 say nothing.
//	A median needs at least 5 figures and percentiles 10; ...
//
// then the sections "Salary by Seniority" (level, openings, salaries, median,
// 95% CI, 25th–75th percentile, median years of experience asked; a level
// whose median is below a lower level's is marked "(!)" and explained
// under the table), "Contract Rates" and "Internships" (only when the page
// has such openings: pay per period as stated, with n, the interval and the
// local median), "Degree Requirements", "Top Companies Hiring", "Top
// Skills" (openings and share of openings) and "Certifications". Names are
// escaped, so markup and HTML in titles render as text.
//
// # Text (Text)
//
// A heading line (openings, roles, date, currency, freshness), an index of
// the roles (ROLE, OPENINGS, MARKETS, LARGEST MARKET, ITS MEDIAN), then the
// same markets tables and pages as Markdown, as plain text: headings
// underlined, tables aligned, pages separated by a line.
//
// # JSON (JSON)
//
// The stats.Summary schema, indented; see package stats.
//
// # Stats CSV (StatsCSV)
//
// Columns, in order (StatsColumns). Each page (a role in a market, or
// pooled) has a row with level "all", then one row per seniority level:
//
//	role                      role name
//	level                     "all" for the page's row; a seniority level
//	                          (intern … principal, or unknown) for the rows after it
//	openings                  job openings
//	salary_count              openings with a headline salary
//	average, median, p25, p75, min, max
//	                          annual salary statistics in the report currency, at most two
//	                          decimals; empty when the sample is too small (see package stats)
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
// then, since schema version 2:
//
//	market, market_name       the page's market key ("US", "remote:EU", "unknown", "all") and name
//	local_currency, median_local
//	                          the market's currency and the median in it; empty when none
//	median_ci_low, median_ci_high, median_ci_level
//	                          the median's confidence interval and its coverage (0–1)
//	p10, p90                  the 10th and 90th percentiles
//	excluded_contract, excluded_internship
//	                          openings left out as contract (freelance, temporary) work, or internships
//	remote_share              fully remote openings over all, 0–1
//	experience_years_count, experience_years_median
//	                          (level rows) listings stating the years of experience asked, and their median
//	below_level               (level rows) the lower level whose median is above this one's
//	contract_openings, contract_hour_count, contract_hour_median, contract_day_count, contract_day_median
//	internship_openings, internship_hour_count, internship_hour_median, internship_month_count, internship_month_median
//	                          the pay types reported apart: openings, and per period how many
//	                          state pay and their median (report currency, not annualized)
//
// Only the page rows ("all") fill the exclusion, degree, change, share and
// pay-type columns; markets without a page are not written.

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
//	job_type         employment type as stored: normalized by parse.Enrich (full_time,
//	                 part_time, contract, temporary, internship, freelance, empty when
//	                 unknown); a record written by jobstats before the normalization
//	                 keeps the source's label (employment_type is always normalized)
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
//	country, region, city, remote_scope
//	                 the understood place: ISO 3166-1 alpha-2 code, ISO 3166-2
//	                 subdivision code without the country, English city name, and for
//	                 remote jobs where applicants may live (a country code, EU, EMEA,
//	                 ..., or worldwide); empty when unknown
//	experience_years the minimum years of experience asked; empty when none stated
//	market           the market the listing's figures belong to: a country code,
//	                 remote:SCOPE, or unknown
//	employment_type  full_time, part_time, contract, temporary, internship, freelance,
//	                 or empty when unknown
//	pay_type         salaried, contract or internship: which figures its pay goes to
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
//	  "remote_scope": string | null, "experience_years": integer | null,
//	  "market": string, "employment_type": string | null, "pay_type": string
//	}
//
// period_inferred is true when the source wrote no period and it was
// inferred from the amount and currency. Characters such as < > & are
// written as themselves, not escaped.
package report
