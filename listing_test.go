package jobstats_test

import (
	"testing"

	"github.com/jobstats/jobstats"
)

func TestMarket(t *testing.T) {
	remote := jobstats.WorkplaceRemote
	tests := []struct {
		name string
		l    jobstats.Listing
		want string
	}{
		{"on site", jobstats.Listing{Country: "US"}, "US"},
		{"unknown", jobstats.Listing{}, ""},
		{"hybrid ignores a scope", jobstats.Listing{Country: "DE", Workplace: jobstats.WorkplaceHybrid, RemoteScope: jobstats.RemoteEU}, "DE"},
		{"remote in one country", jobstats.Listing{Workplace: remote, RemoteScope: "CA"}, "CA"},
		{"remote in one country, company elsewhere", jobstats.Listing{Country: "US", Workplace: remote, RemoteScope: "CA"}, "CA"},
		// EU has the shape of a country code; it is a group.
		{"remote EU", jobstats.Listing{Country: "DE", Workplace: remote, RemoteScope: jobstats.RemoteEU}, "remote:EU"},
		{"remote worldwide", jobstats.Listing{Workplace: remote, RemoteScope: jobstats.RemoteWorldwide}, "remote:worldwide"},
		{"remote APAC", jobstats.Listing{Workplace: remote, RemoteScope: jobstats.RemoteAPAC}, "remote:APAC"},
		{"remote, scope unknown", jobstats.Listing{Country: "GB", Workplace: remote}, "GB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.Market(); got != tt.want {
				t.Errorf("Market() = %q, want %q", got, tt.want)
			}
		})
	}
}
