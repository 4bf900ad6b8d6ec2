package stats_test

import (
	"testing"

	"github.com/jobstats/jobstats/stats"
)

func TestNewHistogram(t *testing.T) {
	tests := []struct {
		name   string
		v      []float64
		width  float64
		low    float64
		counts []int
	}{
		{"too few", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9}, 0, 0, nil},
		{"round thousands", []float64{50000, 52000, 61000, 70000, 75000, 80000, 90000, 99000, 100000, 110000},
			5000, 50000, []int{2, 0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 0, 1}},
		{"one value", []float64{7, 7, 7, 7, 7, 7, 7, 7, 7, 7}, 1, 7, []int{10}},
		{"last bin takes the top", []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 12}, 1, 0, []int{1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := stats.NewHistogram(tt.v)
			if tt.counts == nil {
				if h != nil {
					t.Fatalf("got %+v, want nil", h)
				}
				return
			}
			if h == nil {
				t.Fatal("got nil")
			}
			if h.Width != tt.width || h.Bins[0].Low != tt.low {
				t.Errorf("width %v from %v, want %v from %v", h.Width, h.Bins[0].Low, tt.width, tt.low)
			}
			var got []int
			total := 0
			for i, b := range h.Bins {
				got = append(got, b.Count)
				total += b.Count
				if b.High-b.Low != h.Width {
					t.Errorf("bin %d: %v to %v is not %v wide", i, b.Low, b.High, h.Width)
				}
			}
			if total != len(tt.v) {
				t.Errorf("counts add up to %d, want %d", total, len(tt.v))
			}
			if len(got) != len(tt.counts) {
				t.Fatalf("counts %v, want %v", got, tt.counts)
			}
			for i := range got {
				if got[i] != tt.counts[i] {
					t.Fatalf("counts %v, want %v", got, tt.counts)
				}
			}
		})
	}
}
