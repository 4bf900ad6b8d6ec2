// Package parse understands job listings: it turns free text into facts.
//
// Everything here is pure text in, facts out: no I/O, no clocks, no global
// mutable state, so every function can be tested on a literal and fuzzed
// alone, and every source can use it at ingest.
//
//   - Salary understanding reads pay as sources write it ("$120k–$150k",
//     "€60.000 - 75.000 brutto/Jahr", "up to $19/hour") into a
//     jobstats.Salary.
//   - Degree understanding classifies what a listing says about a
//     university degree (Degree, DegreeCredential): required, equivalent
//     experience accepted, preferred, not required, or nothing said.
//   - Title understanding derives a canonical role and the seniority written
//     in a job title (Title), and the seniority implied by required years of
//     experience (SeniorityFromYears).
//   - Skills understanding finds technologies (Skills) and named
//     certifications (Certifications) with a precompiled taxonomy, and the
//     skills a job asks for (JobSkills: its requirements, responsibilities
//     and stack sections, not the title or the company's paragraphs).
//   - Location understanding reads where a job is and who may apply
//     (Location, RemoteLocation, PlaceOf, RemoteScopeIn) into ISO 3166
//     codes, a city and a remote scope, and names countries, regions and
//     markets (CountryName, CountryCode, RegionName, MarketName,
//     ExpandCountries, InGroup, CountryCurrency). Countries and
//     subdivisions come from github.com/biter777/countries; the major
//     cities from cities.tsv, a table written for this project.
//   - Employment understanding normalizes the kind of engagement
//     (EmploymentType, EmploymentFromTitle, EmploymentFromText,
//     Employment) and reads the years of experience asked
//     (ExperienceYears).
//   - Enrich applies all of these to a scraped listing.
//
// The tables behind these functions are built once, at package
// initialisation or (the place lexicon, about 9 ms) on first use; the
// functions are safe for concurrent use.
package parse
