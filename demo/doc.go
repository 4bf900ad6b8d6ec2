// Package demo is the built-in, offline job board that `jobstats demo`
// crawls.
//
// A Board is a deterministic synthetic job board served over HTTP: a
// robots.txt that disallows /admin/, index pages /jobs?page=N with PerPage
// job links and rel=next, and one full HTML page per job with a schema.org
// JobPosting in JSON-LD. Everything is generated from a seed with
// math/rand/v2's PCG source, so the same Options always give the same
// bytes, and nothing touches the network or the clock.
//
// The board is built to exercise every part of jobstats:
//
//   - Roles: 14 canonical roles (Backend Engineer and Backend Developer
//     among them, kept distinct) with titles written the many ways real
//     boards write them: "Sr. Back-end Engineer (Remote)",
//     "Backend Engineer II - Payments", "Senior Data Engineer (m/w/d)",
//     "SRE", "ML Engineer Internship", shouted in capitals now and then.
//   - Seniority from intern to principal, in the title or, when the title
//     has no level word, only as years of experience in the description.
//   - Markets: jobs in the US, the UK, Germany, the Netherlands, Canada,
//     India, Brazil and Poland, and fully remote jobs open within one of
//     those countries, across the EU, or worldwide. The JSON-LD carries
//     the structured place a location understanding reads:
//     jobLocation.address with addressCountry (ISO code), addressRegion
//     (written as local boards do: "CA", "Bayern", "Karnataka") and
//     addressLocality ("München"); for remote jobs jobLocationType
//     TELECOMMUTE with applicantLocationRequirements (a Country, or an
//     AdministrativeArea "European Union" or "Worldwide"). Job.Country,
//     Region, City, RemoteScope and Market are what it should make of them.
//     Pay is set per market and level, so that within every market the
//     median rises with the level.
//   - Kinds of pay: employmentType FULL_TIME, PART_TIME (paid per hour),
//     CONTRACTOR (day rates in the UK, Germany and remote EU, hourly in
//     the US, Canada and the Netherlands, monthly B2B in Poland and
//     India), TEMPORARY (hourly) and INTERN (hourly in North America,
//     monthly elsewhere); Job.Employment is the normalized value.
//   - Pay in JSON-LD baseSalary for most jobs (ranges, single values, a
//     bare MonetaryAmount value, a bare number with salaryCurrency; per
//     year, month, day or hour) in the currency of the location (USD, GBP,
//     EUR, CAD, INR, BRL, PLN); about 20% with pay only in the description
//     ("$120k–$150k + equity", "£450 - £550 per day (Outside IR35)",
//     "60.000 € - 75.000 € brutto/Jahr", "INR 18-25 LPA",
//     "R$ 12.000 - 15.000 por mês", "18 000 – 24 000 zł"), and about 8%
//     with no pay at all. Descriptions also hold numbers that are not pay:
//     funding rounds, head counts, founding years, "401(k) match up to 4%",
//     equity percentages, learning budgets, street numbers.
//   - Degree statements in English, German and Portuguese: required,
//     "or equivalent experience", preferred, not required, high school
//     only, or nothing; educationRequirements in JSON-LD for some, as a
//     string or an EducationalOccupationalCredential.
//   - Skills under their synonyms (Go/Golang, PostgreSQL/Postgres,
//     Kubernetes/K8s) and certifications (AWS Certified Solutions
//     Architect, CKA, CISSP, ...).
//   - Crawling: JSON-LD as a single object, an @graph beside an
//     Organization, or an array; @type as string or array; a few pages
//     with broken JSON-LD on purpose (Job.Malformed); an /about page with no
//     posting; links to other job pages and to external sites; a link to
//     /admin/ that robots.txt forbids (Board.DisallowedHits counts visits).
//
// Board.Jobs returns the ground truth a crawl and the listing
// understanding can be checked against. Serve runs a board on a local
// address until its context is done.
package demo
