package metrics

import (
	"context"
	"log/slog"
	"net/http"
	"sort"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/jobstats/jobstats"
)

// Runs reads the recorded runs: every source's, newest first. storage.DB
// has this method.
type Runs interface {
	Runs(ctx context.Context, source string, limit int) ([]jobstats.Run, error)
}

// Options configure a Collector. Runs is required.
type Options struct {
	// Runs reads the run records.
	Runs Runs
	// Count, when set, counts the stored listings and the open ones for
	// jobstats_listings.
	Count func(ctx context.Context) (total, open int, err error)
	// Timeout bounds one scrape's reads; default 10 seconds.
	Timeout time.Duration
	// Logger receives read errors; nil discards.
	Logger *slog.Logger
}

// DurationBuckets are the buckets of jobstats_crawl_run_duration_seconds:
// from a second to six hours.
var DurationBuckets = []float64{1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 3 * 3600, 6 * 3600}

var (
	descRuns        = prometheus.NewDesc("jobstats_crawl_runs_total", "Crawl runs recorded in the store, by source and status.", []string{"source", "status"}, nil)
	descFetched     = prometheus.NewDesc("jobstats_crawl_pages_fetched_total", "Pages fetched by the recorded crawl runs.", []string{"source"}, nil)
	descFailed      = prometheus.NewDesc("jobstats_crawl_pages_failed_total", "Pages that failed in the recorded crawl runs.", []string{"source"}, nil)
	descStored      = prometheus.NewDesc("jobstats_crawl_listings_stored_total", "Listings stored by the recorded crawl runs.", []string{"source"}, nil)
	descLastSuccess = prometheus.NewDesc("jobstats_crawl_last_success_timestamp_seconds", "End of the newest crawl run with status ok or partial, as a Unix time.", []string{"source"}, nil)
	descLastRun     = prometheus.NewDesc("jobstats_crawl_last_run_timestamp_seconds", "Start of the newest crawl run, as a Unix time.", []string{"source"}, nil)
	descRunning     = prometheus.NewDesc("jobstats_crawl_running", "Crawl runs in progress.", []string{"source"}, nil)
	descDuration    = prometheus.NewDesc("jobstats_crawl_run_duration_seconds", "Duration of the finished crawl runs.", []string{"source"}, nil)
	descListings    = prometheus.NewDesc("jobstats_listings", "Listings stored, by state.", []string{"state"}, nil)
	descUp          = prometheus.NewDesc("jobstats_store_read_success", "1 when the store could be read at this scrape, else 0.", nil, nil)
	descReadTime    = prometheus.NewDesc("jobstats_store_read_duration_seconds", "How long reading the store took at this scrape.", nil, nil)
)

// Collector is a prometheus.Collector of the run records.
type Collector struct{ o Options }

// New returns a Collector for o.
func New(o Options) *Collector {
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return &Collector{o: o}
}

// Describe implements prometheus.Collector.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descRuns, descFetched, descFailed, descStored, descLastSuccess, descLastRun,
		descRunning, descDuration, descListings, descUp, descReadTime} {
		ch <- d
	}
}

// Collect implements prometheus.Collector: it reads the runs (I/O) and
// turns them into metrics (Aggregate, pure).
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), c.o.Timeout)
	defer cancel()
	start := time.Now()
	runs, err := c.o.Runs.Runs(ctx, "", 0)
	var total, open int
	if err == nil && c.o.Count != nil {
		total, open, err = c.o.Count(ctx)
	}
	ch <- prometheus.MustNewConstMetric(descReadTime, prometheus.GaugeValue, time.Since(start).Seconds())
	if err != nil {
		c.o.Logger.Warn("metrics: read the store", "err", err)
		ch <- prometheus.MustNewConstMetric(descUp, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(descUp, prometheus.GaugeValue, 1)
	if c.o.Count != nil {
		ch <- prometheus.MustNewConstMetric(descListings, prometheus.GaugeValue, float64(open), "open")
		ch <- prometheus.MustNewConstMetric(descListings, prometheus.GaugeValue, float64(total-open), "closed")
	}
	for _, s := range Aggregate(runs) {
		for _, st := range sortedKeys(s.Runs) {
			ch <- prometheus.MustNewConstMetric(descRuns, prometheus.CounterValue, float64(s.Runs[st]), s.Source, st)
		}
		ch <- prometheus.MustNewConstMetric(descFetched, prometheus.CounterValue, float64(s.PagesFetched), s.Source)
		ch <- prometheus.MustNewConstMetric(descFailed, prometheus.CounterValue, float64(s.PagesFailed), s.Source)
		ch <- prometheus.MustNewConstMetric(descStored, prometheus.CounterValue, float64(s.Stored), s.Source)
		ch <- prometheus.MustNewConstMetric(descRunning, prometheus.GaugeValue, float64(s.Running), s.Source)
		if !s.LastRun.IsZero() {
			ch <- prometheus.MustNewConstMetric(descLastRun, prometheus.GaugeValue, unix(s.LastRun), s.Source)
		}
		if !s.LastSuccess.IsZero() {
			ch <- prometheus.MustNewConstMetric(descLastSuccess, prometheus.GaugeValue, unix(s.LastSuccess), s.Source)
		}
		ch <- prometheus.MustNewConstHistogram(descDuration, uint64(s.Finished), s.DurationSum, s.Buckets, s.Source)
	}
}

func unix(t time.Time) float64 { return float64(t.UnixNano()) / 1e9 }

// Source is what the metrics say of one source's runs.
type Source struct {
	Source       string
	Runs         map[string]int // by status
	PagesFetched int
	PagesFailed  int
	Stored       int
	Running      int
	LastRun      time.Time // start of the newest run
	LastSuccess  time.Time // end of the newest ok or partial run
	Finished     int       // runs with an end, in the duration histogram
	DurationSum  float64
	Buckets      map[float64]uint64 // cumulative counts by upper bound (DurationBuckets)
}

// Aggregate turns run records into each source's figures, sorted by
// source. It is pure: Collect reads, Aggregate counts.
func Aggregate(runs []jobstats.Run) []Source {
	by := map[string]*Source{}
	for _, r := range runs {
		s := by[r.Source]
		if s == nil {
			s = &Source{Source: r.Source, Runs: map[string]int{}, Buckets: map[float64]uint64{}}
			for _, b := range DurationBuckets {
				s.Buckets[b] = 0
			}
			by[r.Source] = s
		}
		s.Runs[string(r.Status)]++
		s.PagesFetched += r.PagesFetched
		s.PagesFailed += r.PagesFailed
		s.Stored += r.Stored
		if r.Start.After(s.LastRun) {
			s.LastRun = r.Start
		}
		switch r.Status {
		case jobstats.RunRunning:
			s.Running++
		case jobstats.RunOK, jobstats.RunPartial:
			if r.End.After(s.LastSuccess) {
				s.LastSuccess = r.End
			}
		}
		if r.Status != jobstats.RunRunning && !r.End.IsZero() && !r.End.Before(r.Start) {
			d := r.End.Sub(r.Start).Seconds()
			s.Finished++
			s.DurationSum += d
			for _, b := range DurationBuckets {
				if d <= b {
					s.Buckets[b]++
				}
			}
		}
	}
	out := make([]Source, 0, len(by))
	for _, s := range by {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Source < out[j].Source })
	return out
}

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Handler returns the /metrics handler: the collector's metrics, with the
// Go runtime's and the process's.
func Handler(c *Collector) http.Handler {
	reg := prometheus.NewRegistry()
	reg.MustRegister(c, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorLog: nil, ErrorHandling: promhttp.ContinueOnError})
}
