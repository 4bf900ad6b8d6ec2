// Package stats aggregates listings into salary and market statistics per
// role and market. It does no I/O: a caller streams listings, or the facts
// a store keeps of them, into an Aggregator, a Stream or a Table and asks
// for a Summary, which the report package renders.
//
// # Listings, facts, streams and tables
//
// Statistics read a dozen fields of a listing: its jobstats.Fact, whose
// strings are numbers (jobstats.Sym) of a jobstats.Symbols table. A store
// keeps the facts beside each listing, so that a report never decodes
// whole listings (storage.DB.Facts). Every way in ends in the same
// aggregation, so that each rule is applied in one place:
//
//   - Aggregator.Add takes a listing (it derives its facts with
//     jobstats.Fact.Set), Aggregator.AddFact a store's facts;
//   - Stream computes several summaries in one pass over a store's facts,
//     each on a goroutine of its own: `stats report` (the figures and those
//     30 days before), `export stats`, and the points `stats history`
//     recomputes. Its memory is the aggregations', whatever the number of
//     listings;
//   - Table keeps the facts in memory (about 150 bytes a listing), for a
//     server that answers many filters: a page (one role in one market)
//     takes about 10 ms per million listings, since a table keeps the rows
//     of each role apart.
//
// Their signatures, AddFact(syms, fact) error, are those of a store's scan
// of facts, so that one feeds the other directly:
//
//	stream := stats.NewStream(now, monthAgo)
//	err := db.Facts(ctx, stream.AddFact)
//	sums := stream.Summaries()
//
// The rules on strings (the filter's fields, employment labels,
// currencies, roles that differ in case) run once per distinct symbol, and
// their answers are kept; a page counts companies, places and skills in
// dense arrays; a page's salaries are sorted once (by radix) and split into
// its levels' sorted samples; pages are summarized on every core. A
// listing whose fingerprint no other has (jobstats.Fact.Alone) is not
// looked up among the jobs seen, which is the one order-dependent rule.
//
// # What is counted
//
// A listing belongs to the role in its Role field, or, when that is empty,
// to its title with white space collapsed (RoleOf); roles that differ only
// in case are one role. Options.Filter selects the listings (Filter: role,
// markets, workplace, companies, sources, levels, skills, posting date);
// every listing passed to Add that the filter keeps is "considered"
// (Summary.Listings). The job openings are those open at Options.AsOf
// (jobstats.Listing.OpenAt), or, when AsOf is zero, those not closed. A
// listing that is the same job as an opening already counted (a cross-post
// or repost: jobstats.SameJob) is counted once (Summary.Duplicates).
//
// # Markets and pages
//
// A market is where a job's pay is set (MarketOf, from
// jobstats.Listing.Market): a country ("US"), or for a fully remote job
// open to a region group or to anyone, that remote market ("remote:EU",
// "remote:worldwide"); a remote job open to one country is in that
// country's market. Listings whose place is unknown form the market
// MarketUnknown, named "Unknown location": never pooled into another.
//
// Each role has a markets table (Role.Markets: openings, median salary in
// the report currency and in the market's currency, salaries behind it)
// and pages (Role.Pages): one per market with at least
// Options.MinOpenings openings, or, with Options.Pool, one page for all
// markets (market MarketAll), which lists the markets and currencies it
// pools. Every figure of a page is over its openings only.
//
// # Pay types
//
// Only salaried openings make the headline salary figures: full-time,
// part-time (quoted per hour or day, annualized as a full-time
// equivalent) and those of unknown employment type (PayTypeOf). Contract,
// freelance and temporary openings (and, when the type is unknown, pay
// quoted per day) are reported apart in Page.Contract; internships (and
// listings of unknown type at the intern level) in Page.Internship. Their
// pay is given per period as stated (per hour, per day, per month, ...),
// converted but not annualized. EmploymentOf reads the employment type,
// normalized or as sources wrote it before normalization.
//
// # Salary figures
//
// A listing contributes one figure, its annual pay in the report currency
// (Annual): each bound of its Salary is multiplied by the periods in a year
// (Options.Annualization: by default 2080 hours, 260 days, 52 weeks, 12
// months) and converted with Options.Rates; the figure is the midpoint of
// the range, or its one bound. An opening is left out of the headline
// salaries, and counted in Page.Excluded under one reason, when
//
//   - contract: it is contract, freelance or temporary work;
//   - internship: it is an internship;
//   - no_salary: it states no pay;
//   - unknown_period: the pay has no period;
//   - unknown_currency: the currency is unknown or has no rate;
//   - implausible: a bound, converted to US dollars (or kept in the report
//     currency when the table has no USD rate), lies outside
//     Options.Plausible (default 1,000 to 2,000,000), or the minimum exceeds
//     the maximum.
//
// Salary count plus the excluded total always equals the openings. A
// page's local currency is the currency of more than half of its stated
// pay; its local figures are the report-currency figures converted back.
//
// # Sample rules
//
// A median, an average, a minimum and a maximum need at least MinMedian (5)
// figures; percentiles (p10, p25, p75, p90) at least MinPercentiles (10);
// below that the figure is null and reports say "too few to say (n=3)".
// The count is always given. Percentiles use linear interpolation between
// the closest ranks (Hyndman–Fan method 7, as Excel's PERCENTILE.INC and
// NumPy's default), so the median of an even count is the mean of the two
// middle values.
//
// Every median comes with a distribution-free confidence interval
// (MedianCI): the order statistics [x(k), x(n+1-k)] with the largest k for
// which the interval covers the population median with probability at
// least 95%, computed exactly from the Binomial(n, 1/2) distribution; it
// assumes only independent draws. Five figures cannot reach 95%: their
// interval is the whole sample at 93.75%, and Interval.Level says so.
//
// A page's salary histogram (Page.SalaryHistogram, NewHistogram) bins the
// same figures, from MinPercentiles of them on, in about HistogramBins bins
// of one round width (1, 2, 2.5 or 5 times a power of ten) from the bin
// of the lowest figure to that of the highest; its counts add up to
// Salary.Count.
//
// Within a page, a level whose median is below a lower level's, both from
// at least MinMedian salaries, is flagged (Level.BelowLevel,
// Page.Inversions): a reader, or a test, can catch a sample or an
// understanding that is off. Shares say what they are shares of: the
// degree share is of the listings that state a requirement, a skill's of
// the page's openings. Figures are rounded to hundredths. No figure is 0
// or NaN for lack of data.
//
// # Latest openings
//
// Recent keeps, per role and market, the openings a filter selects that
// were posted last (Posting: title, company, place, link, date), counting
// a job once as the Aggregator does; the web pages list them. Its strings
// are as the sources wrote them: whoever shows them escapes them.
//
// # Summary JSON schema (schema_version 2)
//
//	{
//	  "schema_version": 2,
//	  "generated_at": RFC 3339 time,
//	  "as_of": RFC 3339 time | null (null: currently open listings),
//	  "last_updated": RFC 3339 time | null (newest last_seen considered, capped at as_of),
//	  "currency": "USD", "rates_base": "USD", "rates_date": "YYYY-MM-DD",
//	  "annualization": {"hours": 2080, "days": 260, "weeks": 52, "months": 12},
//	  "plausible_usd": [1000, 2000000],
//	  "role": role filter (omitted when none),
//	  "filter": {"role", "markets": [key], "workplace": "remote" | "onsite", "companies": [..],
//	             "sources": [..], "seniorities": [..], "skills": [..], "posted_since": RFC 3339}
//	            (each key omitted when not set),
//	  "filter_text": the filter in words, without the role (omitted when none),
//	  "pooled": bool, "min_openings": integer,
//	  "listings": listings considered, "open": job openings, "duplicates": openings counted once,
//	  "roles": [{
//	    "name": "Backend Engineer", "openings": 74 (all markets),
//	    "markets": [{"market": "US" | "remote:EU" | "unknown", "name": "United States",
//	                 "openings", "salary_count", "median": number | null,
//	                 "local_currency": "USD" | "", "median_local": number | null,
//	                 "has_page": bool}],
//	    "pages": [{
//	      "role", "market": key | "all", "market_name", "openings",
//	      "local_currency": ISO 4217 | "",
//	      "currencies": [{"name": "GBP", "count"}]   (stated pay by currency, most first),
//	      "markets": [{"market", "name", "openings"}] (the markets a page counts),
//	      "salary": pay,                            (headline: salaried, annual, report currency)
//	      "salary_local": pay | null,               (the same in local_currency)
//	      "salary_histogram": {"width", "bins": [{"low", "high", "count"}]} | null,
//	                                                (the figures behind salary, binned; null below 10)
//	      "excluded": {"no_salary", "unknown_period", "unknown_currency", "implausible",
//	                   "contract", "internship"},
//	      "contract": group | null, "internship": group | null,
//	      "degree": {"stated", "required", "equivalent", "preferred", "not_required",
//	                 "unknown", "required_share": 0..1 | null, "equivalent_share": 0..1 | null},
//	      "workplace": {"remote", "hybrid", "onsite", "unknown", "remote_share": 0..1 | null},
//	      "employment": [{"name": "full_time" .. "freelance" | "unknown", "count"}],
//	      "locations": [{"name": "Austin, TX", "count"}]   (top 5),
//	      "by_seniority": [{"level": "intern".."principal" | "unknown", "openings", "salary": pay,
//	                        "experience_years": {"count", "median": number | null},
//	                        "below_level": lower level (omitted when none)}],
//	      "seniority_inversions": [{"level", "median", "lower_level", "lower_median"}],
//	      "companies": [{"name", "openings"}]        (top 10),
//	      "skills": [{"name", "count", "share": 0..1}] (top Options.TopSkills),
//	      "certifications": [{"name", "count"}]     (all),
//	      "last_updated": RFC 3339 time | null,
//	      "change_since": RFC 3339 time | null,
//	      "openings_change": integer | null,
//	      "median_change": number | null
//	    }]
//	  }]
//	}
//
//	pay   = {"count", "average", "median", "median_ci": {"low", "high", "level"} | null,
//	         "p10", "p25", "p75", "p90", "min", "max"}     (each number | null, see the sample rules)
//	group = {"openings", "excluded": {...}, "rates": [{"period": "hour" | "day" | "week" | "month" | "year",
//	         "pay": pay, "pay_local": pay | null}]}      (pay per period, not annualized)
//
// Roles are sorted by openings, most first, then by name; markets and pages
// likewise; by_seniority from intern to principal, then other levels, then
// "unknown". The change fields are null until Summary.CompareWith is given
// an earlier summary; pages compare with the same role and market.
//
// Version 2 changed from version 1: a role's figures moved into its pages
// (one per market); salary became a pay object whose figures are null for
// small samples, with a confidence interval and p10/p90; excluded gained
// contract and internship; the rest was added.
//
// # Cost
//
// Add and AddFact copy what they need and retain nothing of their
// arguments. An Aggregator's memory grows with the number of roles,
// markets, companies, skills and locations, by 12 bytes per listing with
// usable pay, and by a map entry of two words per job for the same-job
// check of listings not known to be alone; never with description sizes.
// On the 2-core development machine an aggregation takes about 100 ns a
// listing, and the summary about 100 ns a salary (mostly sorting).
package stats
