// Package stats aggregates listings into salary and market statistics per
// role. It does no I/O: a caller streams stored listings into an Aggregator
// with Add and asks for a Summary, which the report package renders.
//
// # What is counted
//
// A listing belongs to the role in its Role field, or, when that is empty,
// to its title with white space collapsed (RoleOf); roles that differ only
// in case are one role. Options.Role keeps a single role. Every listing
// passed to Add and matching the role filter is "considered"
// (Summary.Listings); the job openings are those open at Options.AsOf
// (jobstats.Listing.OpenAt), or, when AsOf is zero, those not closed.
// Every per-role figure is computed over openings only.
//
// # Salary figures
//
// A listing contributes one figure, its annual pay in the report currency
// (Annual): each bound of its Salary is multiplied by the periods in a year
// (Options.Annualization: by default 2080 hours, 260 days, 52 weeks, 12
// months) and converted with Options.Rates; the figure is the midpoint of
// the range, or its one bound. A listing is left out of salary figures, and
// counted in Role.Excluded under one reason, when
//
//   - no_salary: it states no pay;
//   - unknown_period: the pay has no period;
//   - unknown_currency: the currency is unknown or has no rate;
//   - implausible: a bound, converted to US dollars (or kept in the report
//     currency when the table has no USD rate), lies outside
//     Options.Plausible (default 1,000 to 2,000,000), or the minimum exceeds
//     the maximum.
//
// Salary count plus the excluded total always equals the openings. The
// average is the arithmetic mean; percentiles (p25, median, p75) use linear
// interpolation between the closest ranks (Hyndman–Fan method 7, as Excel's
// PERCENTILE.INC and NumPy's default), so the median of an even count is
// the mean of the two middle values. Figures are rounded to hundredths. No
// figure is ever 0 or NaN for lack of data: a role or level without a
// usable salary has a null Salary, and a degree share without any stated
// requirement is null.
//
// # Summary JSON schema (schema_version 1)
//
//	{
//	  "schema_version": 1,
//	  "generated_at": RFC 3339 time,
//	  "as_of": RFC 3339 time | null (null: currently open listings),
//	  "last_updated": RFC 3339 time | null (newest last_seen considered, capped at as_of),
//	  "currency": "USD", "rates_base": "USD", "rates_date": "YYYY-MM-DD",
//	  "annualization": {"hours": 2080, "days": 260, "weeks": 52, "months": 12},
//	  "plausible_usd": [1000, 2000000],
//	  "role": role filter (omitted when none),
//	  "listings": listings considered, "open": job openings,
//	  "roles": [{
//	    "name": "Backend Engineer", "openings": 4,
//	    "salary": {"count", "average", "median", "p25", "p75", "min", "max"} | null,
//	    "excluded": {"no_salary", "unknown_period", "unknown_currency", "implausible"},
//	    "degree": {"stated", "required", "equivalent", "preferred", "not_required",
//	               "unknown", "required_share": 0..1 | null, "equivalent_share": 0..1 | null},
//	    "by_seniority": [{"level": "intern".."principal" | "unknown", "openings", "salary": {...} | null}],
//	    "companies": [{"name", "openings"}]        (top 10),
//	    "skills": [{"name", "count", "share": 0..1}] (top Options.TopSkills),
//	    "certifications": [{"name", "count"}]     (all),
//	    "last_updated": RFC 3339 time | null,
//	    "change_since": RFC 3339 time | null,
//	    "openings_change": integer | null,
//	    "median_change": number | null
//	  }]
//	}
//
// Roles are sorted by openings, most first, then by name; by_seniority from
// intern to principal, then other levels, then "unknown". The change fields
// are null until Summary.CompareWith is given an earlier summary.
//
// # Cost
//
// Add does not retain the listing and allocates only when it meets a new
// role, company, skill or certification, or grows a salary slice; memory
// grows by two float64s per listing with a usable salary (one for its role,
// one for its level) and never with description sizes.
package stats
