// Package scraper fetches job listings from the sources a config names. It
// is the only package that imports colly and goquery (the html kind reads
// boards with CSS selectors through it).
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
// There is one road to the network: every request of every kind, the
// jsonld kind's colly collector included, goes through one
// http.RoundTripper per crawl (politeTransport) that sends the configured
// User-Agent, keeps per-host parallelism and the rate budget (rate, delay
// and robots.txt Crawl-delay, the largest wins), retries timeouts,
// connection errors, bodies cut short, 429 and 5xx with exponential
// backoff and full jitter honouring Retry-After, bounds every attempt by
// the timeout and every body by max_body_size after decompression, and,
// for kinds that crawl pages, obeys robots.txt (RFC 9309) on every
// redirect hop and keeps to the allowed domains. Conditional requests
// (ETag, If-Modified-Since) go through Options.Validators. The settings
// come resolved from config.Source.Politeness, the one table of defaults.
//
// A page that fails is counted in Stats and never stops the crawl; Stats
// also says whether the crawl saw the source's whole index (Incomplete),
// which listings must stay open though they were not handed over
// (KeepOpen), and which it knew to be unchanged without fetching them
// (Unchanged: the jsonld kind's sitemap pages whose lastmod has not
// moved). Discover finds the job board behind a company's career page.
package scraper
