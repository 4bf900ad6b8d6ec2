// Package crawl runs sources: one run of one source fetches its board
// through a scraper.Source, understands every listing (Runner.Enrich),
// stores them in batches, decides whether the run saw the whole board,
// keeps open what the board still lists, closes what complete runs no
// longer list, and records the run. It holds the rules of a run; the
// rules of a listing's lifecycle are the domain's (jobstats.Lifecycle,
// jobstats.Sweep, jobstats.Closing), and the database is behind the small
// Store interface this package owns, so a run is tested with a fake store
// and fake sources, and any database can serve.
//
// # Completeness
//
// A run is complete when the scraper saw the source's whole index
// (scraper.Stats.Incomplete is "": no max_pages cap, no failed index page,
// no timeout or cancellation) and returned no error, and every id it asks
// to keep open (scraper.Stats.KeepOpen: listings still listed whose detail
// page failed) is a stored listing of the source, by its SourceID or, for
// a page that failed, by the URL it was read from (when the Store is also
// a ListingScanner); an id that is not may have been an index page. Only a complete run closes listings, and only
// those that the last CloseAfter complete runs all missed (default
// jobstats.DefaultCloseAfter, 2), so a board that drops a listing for one
// response does not move the figures. A closed listing's ClosedAt is the
// end of the first complete run that missed it, so reports as of a past
// day count it open exactly while the board listed it. A run answered 304
// Not Modified is complete, and sees what the previous complete run saw.
// Decide states the status rules: ok, partial (something failed, yet the
// run may be complete), failed (nothing found, or not stored), interrupted.
//
// # Writers never lose to readers
//
// A run stores in the background: fetching never waits for the store.
// When the store is busy (Runner.Busy: another process holds it), the run
// keeps its batches, in memory up to Runner.MaxMemory and past that in a
// spill file, retries with backoff and logs one warning per stall. A run
// whose crawl has ended waits up to Runner.LockWait for the store, then
// reports honestly how many listings it could not store. The run record is
// written first, rewritten after every batch (so a run whose process dies
// keeps true counts) and at least every HeartbeatEvery, and written last
// with a little extra patience. Recover marks the runs of dead processes
// interrupted.
//
// HTTP cache validators are loaded before a run and saved after it only
// when it ended ok: after any other run the next one fetches in full,
// rather than be told "not modified" about pages whose listings it never
// stored.
//
// # Many processes
//
// Runner.Acquire, when set, is called before each run to take what the run
// needs outside this process: with a database that many workers share, the
// lock of the source (so that no two processes run it at once) and of its
// hosts. Recover's Recovery.Dead lets such a caller mark the runs it knows
// are dead (their process would hold the lock it now holds), whatever
// their host says.
//
// # Snapshots
//
// Runner.Snapshot is called once after a group of runs (RunAll, or the
// runs of a daemon that were in flight together), not after every run, so
// that the statistics are computed once per crawl.
package crawl
