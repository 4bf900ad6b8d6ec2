// Package scraper fetches job listings from the sources a config names. It
// is the only package that imports colly and goquery.
//
// Each source kind (jsonld, html, greenhouse, lever, ashby, smartrecruiters,
// workable, recruitee, personio, workday, teamtailor, comeet, remoteok,
// remotive, arbeitnow, himalayas, jobicy, crackeddevs, hn, rss,
// workingnomads) turns its source's fields into jobstats.Listing
// values and hands them to a Sink page by page; it does not classify
// anything (package parse does). Every kind splits I/O from parsing: a pure
// parse function of the response body, tested on fixtures in testdata/,
// and a Crawl that fetches and pages.
//
// Politeness is shared: the configured User-Agent, robots.txt for HTML
// crawls, a per-host request budget and parallelism, conditional requests
// (ETag, If-Modified-Since) through Options.Validators, retries with
// exponential backoff and jitter on timeouts, 429 and 5xx honouring
// Retry-After, a per-request timeout and a response size cap. A page that
// fails is counted in Stats and never stops the crawl.
package scraper
