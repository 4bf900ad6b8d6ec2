// Package metrics exposes the crawl runs recorded in the store in the
// Prometheus text format. It is the only importer of the Prometheus
// client library. The values come from the run records (jobstats.Run),
// read afresh at every scrape, so a `jobstats serve` beside a
// `jobstats daemon` reports the daemon's runs too.
//
// # Metrics
//
//	jobstats_crawl_runs_total{source,status}             counter: runs recorded, by final status (running included)
//	jobstats_crawl_pages_fetched_total{source}           counter: pages fetched by all recorded runs
//	jobstats_crawl_pages_failed_total{source}            counter: pages that failed
//	jobstats_crawl_listings_stored_total{source}         counter: listings written to the database
//	jobstats_crawl_last_success_timestamp_seconds{source} gauge: end of the newest run with status ok or partial
//	jobstats_crawl_last_run_timestamp_seconds{source}    gauge: start of the newest run, whatever its status
//	jobstats_crawl_running{source}                       gauge: runs in progress
//	jobstats_crawl_run_duration_seconds{source}          histogram: duration of the finished runs
//	jobstats_listings{state}                             gauge: listings stored, by state (open, closed); only with Options.Count
//	jobstats_store_read_success                          gauge: 1 when the store could be read at this scrape, else 0
//	jobstats_store_read_duration_seconds                 gauge: how long reading the store took
//
// The counters count the runs the store still holds; a store that drops
// old runs makes them fall, which Prometheus reads as a counter reset.
package metrics
