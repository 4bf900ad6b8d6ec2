package parse_test

import (
	"testing"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/parse"
)

func BenchmarkEnrich(b *testing.B) {
	desc := benchDescription(b)
	b.SetBytes(int64(len(desc)))
	b.ReportAllocs()
	for b.Loop() {
		l := jobstats.Listing{
			Title:          "Senior Backend Engineer (m/w/d) - Payments",
			Company:        "Acme",
			Location:       "Berlin, Germany; Remote",
			EmploymentType: "Full-time",
			SalaryText:     "€70,000 – €90,000 per year",
			Description:    desc,
		}
		parse.Enrich(&l, parse.EnrichOptions{})
	}
}
