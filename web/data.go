package web

import (
	"context"
	"time"

	"github.com/jobstats/jobstats/stats"
)

// Query asks for the statistics of the listings Filter selects. Markets
// with fewer than MinOpenings openings get no page of their own (0 means
// 1: every market has one).
type Query struct {
	Filter      stats.Filter
	MinOpenings int
}

// Summarizer computes statistics: it is the one way the web reads figures,
// so that a faster implementation (an index kept in memory) drops in.
// Summaries returns the summary of each query, in order, exactly as
// `jobstats stats report --format json` gives it for the same filter and
// minimum (including the change against 30 days before).
type Summarizer interface {
	Summaries(ctx context.Context, qs ...Query) ([]stats.Summary, error)
}

// SummaryFunc makes a Summarizer of a function that answers one query:
// it is called once per query.
type SummaryFunc func(ctx context.Context, q Query) (stats.Summary, error)

// Summaries implements Summarizer.
func (f SummaryFunc) Summaries(ctx context.Context, qs ...Query) ([]stats.Summary, error) {
	out := make([]stats.Summary, len(qs))
	for i, q := range qs {
		s, err := f(ctx, q)
		if err != nil {
			return nil, err
		}
		out[i] = s
	}
	return out, nil
}

// Archive is what the web shows beyond the statistics: how a role's
// figures moved over time and its latest openings.
type Archive interface {
	// History returns the figures of role after every stored snapshot,
	// oldest first, in every market f keeps, as `jobstats stats history
	// --format json` gives them for the same filter.
	History(ctx context.Context, role string, f stats.Filter) ([]Point, error)
	// Latest returns, for each role and market, the n openings f selects
	// that were posted last, newest first (stats.Recent). The web links
	// a posting's URL only when it is http or https.
	Latest(ctx context.Context, f stats.Filter, n int) ([]stats.Posting, error)
}

// Point is a role's figures in one market at one time.
type Point struct {
	At          time.Time `json:"at"`
	Market      string    `json:"market"`
	Openings    int       `json:"openings"`
	SalaryCount int       `json:"salary_count"`
	// Median is the median annual salary in the report currency; nil
	// below stats.MinMedian salaries.
	Median *float64 `json:"median"`
}
