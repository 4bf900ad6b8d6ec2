package parse

import (
	"strings"
	"testing"

	"github.com/biter777/countries"
)

// TestCityTableRegions checks every row of cities.tsv: a known country
// code, a region that is an ISO 3166-2 subdivision of it, a population.
func TestCityTableRegions(t *testing.T) {
	ix := locIdx()
	if len(ix.cities) < 800 {
		t.Fatalf("city table has %d rows, want the whole table", len(ix.cities))
	}
	for _, c := range ix.cities {
		if !ix.isCountry(c.country) {
			t.Errorf("%s: country %q is not an ISO code", c.name, c.country)
		}
		if c.region != "" && !countries.SubdivisionCode(c.country+"-"+c.region).IsValid() {
			t.Errorf("%s: %s-%s is not an ISO 3166-2 subdivision", c.name, c.country, c.region)
		}
		if c.pop <= 0 {
			t.Errorf("%s: no population", c.name)
		}
	}
	for line := range strings.SplitSeq(locCityTable, "\n") {
		if line != "" && line[0] != '#' && strings.Count(line, "\t") != 4 {
			t.Errorf("cities.tsv: %q has not five columns", line)
		}
	}
}

// TestLocationAliases checks that the hand-written aliases name codes the
// ISO data knows.
func TestLocationAliases(t *testing.T) {
	ix := locIdx()
	for alias, code := range locCountryAliases {
		if !ix.isCountry(code) {
			t.Errorf("country alias %q: %q is not a country", alias, code)
		}
	}
	for alias, full := range locRegionAliases {
		if !countries.SubdivisionCode(full).IsValid() {
			t.Errorf("region alias %q: %q is not a subdivision", alias, full)
		}
	}
	for code := range locCountryNames {
		if !ix.isCountry(code) {
			t.Errorf("display name for unknown code %q", code)
		}
	}
}

// BenchmarkLocIndex measures building the lexicon, paid once per process
// on first use.
func BenchmarkLocIndex(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		buildLocIndex()
	}
}
