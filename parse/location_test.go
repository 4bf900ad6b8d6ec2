package parse_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/parse"
)

// locCase is one location string and what it must read as; remote is
// "" (not remote), "R" (remote) or the remote scope.
type locCase struct {
	text                  string
	country, region, city string
	remote                string
}

// locCases are location strings in the shapes the fifteen source kinds
// and JSON-LD pages write them. Remote: "" not remote, "R" remote without
// a scope, otherwise remote with that scope.
var locCases = []locCase{
	// The issue's list.
	{"San Francisco, CA", "US", "CA", "San Francisco", ""},
	{"NYC", "US", "NY", "New York", ""},
	{"Remote - US", "US", "", "", "US"},
	{"USA Only", "US", "", "", ""},
	{"London, ON", "CA", "ON", "London", ""},
	{"London", "GB", "ENG", "London", ""},
	{"London, UK", "GB", "ENG", "London", ""},
	{"Cambridge, MA", "US", "MA", "Cambridge", ""},
	{"Cambridge, UK", "GB", "ENG", "Cambridge", ""},
	{"Bengaluru, Karnataka, India", "IN", "KA", "Bengaluru", ""},
	{"Hybrid – Amsterdam", "NL", "NH", "Amsterdam", ""},
	{"Remote (EMEA)", "", "", "", jobstats.RemoteEMEA},
	{"Anywhere", "", "", "", jobstats.RemoteWorldwide},
	{"3 Locations", "", "", "", ""},
	{"München", "DE", "BY", "Munich", ""},
	{"Köln", "DE", "NW", "Cologne", ""},
	{"Zürich", "CH", "ZH", "Zurich", ""},
	{"Wien", "AT", "9", "Vienna", ""},
	{"Berlin, Germany; Remote", "DE", "BE", "Berlin", "DE"},

	// US shapes.
	{"Chicago, IL", "US", "IL", "Chicago", ""},
	{"Chicago, Illinois, United States", "US", "IL", "Chicago", ""},
	{"New York, NY (HQ)", "US", "NY", "New York", ""},
	{"New York, New York", "US", "NY", "New York", ""},
	{"New York City, NY", "US", "NY", "New York", ""},
	{"Brooklyn, NY", "US", "NY", "New York", ""},
	{"Washington, D.C.", "US", "DC", "Washington", ""},
	{"Washington, DC", "US", "DC", "Washington", ""},
	{"Seattle, WA", "US", "WA", "Seattle", ""},
	{"Seattle, Washington", "US", "WA", "Seattle", ""},
	{"Austin, TX", "US", "TX", "Austin", ""},
	{"Austin TX", "US", "TX", "Austin", ""},
	{"Austin, Austin, Texas, United States", "US", "TX", "Austin", ""},
	{"Boston, MA, USA", "US", "MA", "Boston", ""},
	{"Greater Boston Area", "US", "MA", "Boston", ""},
	{"San Francisco Bay Area", "US", "CA", "San Francisco", ""},
	{"SF Bay Area", "US", "CA", "San Francisco", ""},
	{"Los Angeles, CA, United States", "US", "CA", "Los Angeles", ""},
	{"San Jose, CA, United States", "US", "CA", "San Jose", ""},
	{"St. Louis, MO, United States", "US", "MO", "St. Louis", ""},
	{"Saint Louis, MO, USA", "US", "MO", "St. Louis", ""},
	{"Riverside, CA", "US", "CA", "Riverside", ""},
	{"Tampa, FL", "US", "FL", "Tampa", ""},
	{"Troy, MI", "US", "MI", "Troy", ""},
	{"Pleasanton, CA", "US", "CA", "Pleasanton", ""},
	{"Plano, TX", "US", "TX", "Plano", ""},
	{"Mountain View, California", "US", "CA", "Mountain View", ""},
	{"Menlo Park, CA (On-site)", "US", "CA", "Menlo Park", ""},
	{"Paris, Texas", "US", "TX", "Paris", ""},
	{"Portland, OR", "US", "OR", "Portland", ""},
	{"Portland, ME", "US", "ME", "Portland", ""},
	{"Portland, Maine", "US", "ME", "Portland", ""},
	{"Vancouver, WA", "US", "WA", "Vancouver", ""},
	{"Dublin, OH", "US", "OH", "Dublin", ""},
	{"Birmingham, AL", "US", "AL", "Birmingham", ""},
	{"Athens, GA", "US", "GA", "Athens", ""},
	{"Atlanta, Georgia", "US", "GA", "Atlanta", ""},
	{"Wilmington, DE", "US", "DE", "Wilmington", ""},
	{"Arlington, VA", "US", "VA", "Arlington", ""},
	{"Columbia, MD", "US", "MD", "Columbia", ""},
	{"Springfield, IL", "US", "IL", "Springfield", ""},
	{"Londonderry, New Hampshire", "US", "NH", "Londonderry", ""},
	{"California", "US", "CA", "", ""},
	{"Texas, United States", "US", "TX", "", ""},
	{"United States", "US", "", "", ""},
	{"United States of America", "US", "", "", ""},
	{"USA", "US", "", "", ""},
	{"U.S.", "US", "", "", ""},
	{"US", "US", "", "", ""},
	{"San Francisco, CA | New York City, NY | Seattle, WA", "US", "", "", ""},
	{"San Francisco, CA; New York, NY", "US", "", "", ""},
	{"San Francisco or New York", "US", "", "", ""},
	{"New York, NY or Remote (US)", "US", "NY", "New York", "US"},
	{"SF / NYC / Remote", "US", "", "", "US"},

	// Remote shapes.
	{"Remote", "", "", "", "R"},
	{"Remote job", "", "", "", "R"},
	{"Fully Remote", "", "", "", "R"},
	{"100% Remote", "", "", "", "R"},
	{"Remote, US", "US", "", "", "US"},
	{"Remote, USA", "US", "", "", "US"},
	{"Remote, United States", "US", "", "", "US"},
	{"Remote - United States", "US", "", "", "US"},
	{"United States - Remote", "US", "", "", "US"},
	{"United States - Remote Flexibility", "US", "", "", "US"},
	{"US, Remote", "US", "", "", "US"},
	{"US Remote", "US", "", "", "US"},
	{"Remote US", "US", "", "", "US"},
	{"Remote (US)", "US", "", "", "US"},
	{"Remote: United States", "US", "", "", "US"},
	{"Remote in the US", "US", "", "", "US"},
	{"Remote - US only", "US", "", "", "US"},
	{"Remote (US time zones)", "US", "", "", "US"},
	{"Remote - NY", "US", "NY", "", "US"},
	{"Remote, Texas", "US", "TX", "", "US"},
	{"Remote (Canada)", "CA", "", "", "CA"},
	{"Remote: Canada", "CA", "", "", "CA"},
	{"Canada (Remote)", "CA", "", "", "CA"},
	{"Remote (US or Canada)", "", "", "", jobstats.RemoteNorthAmerica},
	{"Remote - US & Canada", "", "", "", jobstats.RemoteNorthAmerica},
	{"Remote, Italy", "IT", "", "", "IT"},
	{"Remote, Bangalore", "IN", "KA", "Bengaluru", "IN"},
	{"Remote-India (PEO)", "IN", "", "", "IN"},
	{"Bangalore, India - Remote", "IN", "KA", "Bengaluru", "IN"},
	{"Singapore, Singapore - Remote", "SG", "", "Singapore", "SG"},
	{"Japan - Remote", "JP", "", "", "JP"},
	{"Germany/Remote", "DE", "", "", "DE"},
	{"Remote (International)", "", "", "", jobstats.RemoteWorldwide},
	{"Remote - Worldwide", "", "", "", jobstats.RemoteWorldwide},
	{"Worldwide", "", "", "", jobstats.RemoteWorldwide},
	{"Anywhere in the world", "", "", "", jobstats.RemoteWorldwide},
	{"Global", "", "", "", jobstats.RemoteWorldwide},
	{"Anywhere in the US", "US", "", "", "US"},
	{"Remote - Americas", "", "", "", jobstats.RemoteAmericas},
	{"Remote - Europe", "", "", "", jobstats.RemoteEurope},
	{"Remote (EU)", "", "", "", jobstats.RemoteEU},
	{"Remote, European Union", "", "", "", jobstats.RemoteEU},
	{"Remote - LATAM", "", "", "", jobstats.RemoteLATAM},
	{"Remote - Latin America", "", "", "", jobstats.RemoteLATAM},
	{"Remote (APAC)", "", "", "", jobstats.RemoteAPAC},
	{"Remote - North America", "", "", "", jobstats.RemoteNorthAmerica},
	{"Remote (DACH)", "", "", "", jobstats.RemoteEurope},
	{"Remote - Benelux", "", "", "", jobstats.RemoteEU},
	{"Remote in Germany", "DE", "", "", "DE"},
	{"Homeoffice", "", "", "", "R"},
	{"Work from home - UK", "GB", "", "", "GB"},
	{"Remote (EMEA); London", "GB", "ENG", "London", jobstats.RemoteEMEA},
	{"Remote OR Hybrid - Berlin", "DE", "BE", "Berlin", "DE"},

	// Canada.
	{"Toronto, Ontario", "CA", "ON", "Toronto", ""},
	{"Toronto, ON, Canada", "CA", "ON", "Toronto", ""},
	{"Montréal, QC", "CA", "QC", "Montreal", ""},
	{"Montreal, Quebec, Canada", "CA", "QC", "Montreal", ""},
	{"Vancouver, BC", "CA", "BC", "Vancouver", ""},
	{"Vancouver", "CA", "BC", "Vancouver", ""},
	{"Waterloo, ON", "CA", "ON", "Waterloo", ""},
	{"Kitchener, Ontario", "CA", "ON", "Kitchener", ""},
	{"Halifax, NS", "CA", "NS", "Halifax", ""},
	{"Victoria, BC", "CA", "BC", "Victoria", ""},
	{"Ontario", "CA", "ON", "", ""},
	{"Canada", "CA", "", "", ""},
	{"Calgary, Alberta", "CA", "AB", "Calgary", ""},

	// UK and Ireland.
	{"London, England, United Kingdom", "GB", "ENG", "London", ""},
	{"London (Hybrid)", "GB", "ENG", "London", ""},
	{"Manchester, UK", "GB", "ENG", "Manchester", ""},
	{"Manchester", "GB", "ENG", "Manchester", ""},
	{"Manchester, NH", "US", "NH", "Manchester", ""},
	{"Edinburgh, Scotland", "GB", "SCT", "Edinburgh", ""},
	{"Belfast, Northern Ireland", "GB", "NIR", "Belfast", ""},
	{"Cardiff", "GB", "WLS", "Cardiff", ""},
	{"United Kingdom", "GB", "", "", ""},
	{"UK", "GB", "", "", ""},
	{"England", "GB", "ENG", "", ""},
	{"Dublin", "IE", "", "Dublin", ""},
	{"Dublin, Ireland", "IE", "", "Dublin", ""},
	{"Cork, Ireland", "IE", "", "Cork", ""},
	{"Birmingham", "GB", "ENG", "Birmingham", ""},
	{"Perth", "AU", "WA", "Perth", ""},
	{"Perth, Scotland", "GB", "SCT", "Perth", ""},

	// Germany, Austria, Switzerland.
	{"Berlin", "DE", "BE", "Berlin", ""},
	{"Berlin, Berlin, Germany", "DE", "BE", "Berlin", ""},
	{"Berlin, DE", "DE", "BE", "Berlin", ""},
	{"Munich, Germany", "DE", "BY", "Munich", ""},
	{"München, Bayern", "DE", "BY", "Munich", ""},
	{"Muenchen", "DE", "BY", "Munich", ""},
	{"Frankfurt am Main", "DE", "HE", "Frankfurt", ""},
	{"Frankfurt/Main", "DE", "HE", "Frankfurt", ""},
	{"Düsseldorf", "DE", "NW", "Düsseldorf", ""},
	{"Nürnberg", "DE", "BY", "Nuremberg", ""},
	{"Hamburg", "DE", "HH", "Hamburg", ""},
	{"Offenburg", "DE", "BW", "Offenburg", ""},
	{"Stuttgart (hybrid)", "DE", "BW", "Stuttgart", ""},
	{"Deutschland", "DE", "", "", ""},
	{"Germany", "DE", "", "", ""},
	{"Bavaria, Germany", "DE", "BY", "", ""},
	{"Vienna, Austria", "AT", "9", "Vienna", ""},
	{"Graz, Österreich", "AT", "6", "Graz", ""},
	{"Genève", "CH", "GE", "Geneva", ""},
	{"Zurich, Switzerland", "CH", "ZH", "Zurich", ""},
	{"Zug, Schweiz", "CH", "ZG", "Zug", ""},

	// Rest of Europe.
	{"Paris", "FR", "IDF", "Paris", ""},
	{"Paris, France", "FR", "IDF", "Paris", ""},
	{"Paris, Île-de-France, France", "FR", "IDF", "Paris", ""},
	{"France", "FR", "", "", ""},
	{"Amsterdam, Netherlands", "NL", "NH", "Amsterdam", ""},
	{"Amsterdam, Noord-Holland", "NL", "NH", "Amsterdam", ""},
	{"Den Haag", "NL", "ZH", "The Hague", ""},
	{"Brussels, Belgium", "BE", "", "Brussels", ""},
	{"Bruxelles", "BE", "", "Brussels", ""},
	{"Madrid, Spain", "ES", "MD", "Madrid", ""},
	{"Barcelona, Catalonia, Spain", "ES", "CT", "Barcelona", ""},
	{"Barcelona", "ES", "CT", "Barcelona", ""},
	{"Sevilla", "ES", "AN", "Seville", ""},
	{"Lisboa, Portugal", "PT", "", "Lisbon", ""},
	{"Porto", "PT", "", "Porto", ""},
	{"Milano", "IT", "25", "Milan", ""},
	{"Rome, Italy", "IT", "62", "Rome", ""},
	{"Italy", "IT", "", "", ""},
	{"Warszawa", "PL", "MZ", "Warsaw", ""},
	{"Kraków, Poland", "PL", "MA", "Kraków", ""},
	{"Gdańsk", "PL", "PM", "Gdańsk", ""},
	{"Prague, Czech Republic", "CZ", "", "Prague", ""},
	{"Praha", "CZ", "", "Prague", ""},
	{"Budapest", "HU", "", "Budapest", ""},
	{"Bucharest, Romania", "RO", "", "Bucharest", ""},
	{"Cluj-Napoca", "RO", "", "Cluj-Napoca", ""},
	{"København", "DK", "", "Copenhagen", ""},
	{"Copenhagen, Denmark", "DK", "", "Copenhagen", ""},
	{"Stockholm, Sweden", "SE", "", "Stockholm", ""},
	{"Göteborg", "SE", "", "Gothenburg", ""},
	{"Oslo", "NO", "", "Oslo", ""},
	{"Helsinki, Finland", "FI", "", "Helsinki", ""},
	{"Tallinn, Estonia", "EE", "", "Tallinn", ""},
	{"Kyiv, Ukraine", "UA", "", "Kyiv", ""},
	{"Kiev", "UA", "", "Kyiv", ""},
	{"Athens, Greece", "GR", "", "Athens", ""},
	{"Athens", "GR", "", "Athens", ""},
	{"Istanbul, Türkiye", "TR", "", "Istanbul", ""},
	{"Marsa, Malta", "MT", "", "Marsa", ""},
	{"Luxembourg", "LU", "", "Luxembourg", ""},

	// Asia, Middle East, Africa, Oceania, Latin America.
	{"Bangalore, India", "IN", "KA", "Bengaluru", ""},
	{"Bengaluru, KA", "IN", "KA", "Bengaluru", ""},
	{"Gurgaon, Haryana", "IN", "HR", "Gurugram", ""},
	{"Hyderabad, Telangana, India", "IN", "TG", "Hyderabad", ""},
	{"Mumbai, Maharashtra", "IN", "MH", "Mumbai", ""},
	{"Pune", "IN", "MH", "Pune", ""},
	{"Chennai, Tamil Nadu", "IN", "TN", "Chennai", ""},
	{"New Delhi, India", "IN", "DL", "Delhi", ""},
	{"Noida, Uttar Pradesh, India", "IN", "UP", "Noida", ""},
	{"India", "IN", "", "", ""},
	{"IN", "IN", "", "", ""},
	{"Seoul, South Korea", "KR", "11", "Seoul", ""},
	{"Tokyo, Japan", "JP", "13", "Tokyo", ""},
	{"Singapore", "SG", "", "Singapore", ""},
	{"Hong Kong", "HK", "", "Hong Kong", ""},
	{"Taipei, Taiwan", "TW", "", "Taipei", ""},
	{"Shanghai, China", "CN", "SH", "Shanghai", ""},
	{"Metro Manila", "PH", "", "Manila", ""},
	{"Makati City, Philippines", "PH", "", "Makati", ""},
	{"Ho Chi Minh City, Vietnam", "VN", "", "Ho Chi Minh City", ""},
	{"Jakarta, Indonesia", "ID", "", "Jakarta", ""},
	{"Kuala Lumpur, Malaysia", "MY", "", "Kuala Lumpur", ""},
	{"Tel Aviv, Israel", "IL", "TA", "Tel Aviv", ""},
	{"Tel Aviv-Yafo", "IL", "TA", "Tel Aviv", ""},
	{"Dubai, United Arab Emirates", "AE", "DU", "Dubai", ""},
	{"Dubai, UAE", "AE", "DU", "Dubai", ""},
	{"Riyadh, Saudi Arabia", "SA", "", "Riyadh", ""},
	{"Cairo, Egypt", "EG", "", "Cairo", ""},
	{"Lagos, Nigeria", "NG", "", "Lagos", ""},
	{"Nairobi, Kenya", "KE", "", "Nairobi", ""},
	{"Cape Town, South Africa", "ZA", "WC", "Cape Town", ""},
	{"Johannesburg", "ZA", "GT", "Johannesburg", ""},
	{"Sydney, NSW", "AU", "NSW", "Sydney", ""},
	{"Sydney NSW", "AU", "NSW", "Sydney", ""},
	{"Melbourne, Victoria, Australia", "AU", "VIC", "Melbourne", ""},
	{"Melbourne, FL", "US", "FL", "Melbourne", ""},
	{"Adelaide, Adelaide, South Australia, Australia", "AU", "SA", "Adelaide", ""},
	{"Perth, WA", "AU", "WA", "Perth", ""},
	{"Brisbane QLD", "AU", "QLD", "Brisbane", ""},
	{"Australia", "AU", "", "", ""},
	{"Victoria", "AU", "VIC", "", ""},
	{"Auckland, New Zealand", "NZ", "AUK", "Auckland", ""},
	{"São Paulo, Brazil", "BR", "SP", "São Paulo", ""},
	{"Sao Paulo, SP", "BR", "SP", "São Paulo", ""},
	{"Brazil", "BR", "", "", ""},
	{"Mexico City, Mexico", "MX", "CMX", "Mexico City", ""},
	{"CDMX", "MX", "CMX", "Mexico City", ""},
	{"Guadalajara, Jalisco", "MX", "JAL", "Guadalajara", ""},
	{"Buenos Aires, Argentina", "AR", "C", "Buenos Aires", ""},
	{"Bogotá, Colombia", "CO", "DC", "Bogotá", ""},
	{"Medellín", "CO", "ANT", "Medellín", ""},
	{"Santiago, Chile", "CL", "RM", "Santiago", ""},
	{"Lima, Peru", "PE", "LMA", "Lima", ""},
	{"Port-au-Prince", "HT", "", "Port-au-Prince", ""},
	{"San José, Costa Rica", "CR", "", "San José", ""},

	// Capitals: a code cannot be told from a word in a shouting text.
	{"REMOTE IN THE US", "US", "", "", "US"},
	{"REMOTE OR HYBRID", "", "", "", "R"},
	{"Remote - IN", "IN", "", "", "IN"},
	{"Portland OR", "US", "OR", "Portland", ""},
	{"Remote or in office in Berlin", "DE", "BE", "Berlin", "DE"},

	// Nothing to read.
	{"", "", "", "", ""},
	{"Multiple Locations", "", "", "", ""},
	{"Various locations", "", "", "", ""},
	{"TBD", "", "", "", ""},
	{"HQ", "", "", "", ""},
	{"Lowlands, ", "", "", "", ""},
	{"Office", "", "", "", ""},
	{"On-site", "", "", "", ""},
}

func TestLocation(t *testing.T) {
	for _, c := range locCases {
		t.Run(c.text, func(t *testing.T) {
			got := parse.Location(c.text)
			remote := ""
			if got.Remote {
				remote = "R"
				if got.RemoteScope != "" {
					remote = got.RemoteScope
				}
			}
			if got.Country != c.country || got.Region != c.region || got.City != c.city || remote != c.remote {
				t.Errorf("Location(%q) = country %q region %q city %q remote %q, want %q %q %q %q",
					c.text, got.Country, got.Region, got.City, remote, c.country, c.region, c.city, c.remote)
			}
		})
	}
	if n := len(locCases); n < 150 {
		t.Errorf("only %d location cases; keep at least 150", n)
	}
}

func TestLocationWorkplace(t *testing.T) {
	for _, c := range []struct {
		text string
		want jobstats.Workplace
	}{
		{"Hybrid – Amsterdam", jobstats.WorkplaceHybrid},
		{"Remote - US", jobstats.WorkplaceRemote},
		{"Anywhere", jobstats.WorkplaceRemote},
		{"On-site, Berlin", jobstats.WorkplaceOnsite},
		{"Berlin", jobstats.WorkplaceUnknown},
		{"Remote or hybrid (London)", jobstats.WorkplaceHybrid},
	} {
		if got := parse.Location(c.text).Workplace(); got != c.want {
			t.Errorf("Location(%q).Workplace() = %q, want %q", c.text, got, c.want)
		}
	}
}

// TestRemoteLocation reads applicant regions as remote boards publish
// them (a candidate_required_location, locationRestrictions, jobGeo).
func TestRemoteLocation(t *testing.T) {
	for _, c := range []struct{ text, country, scope string }{
		{"USA", "US", "US"},
		{"Worldwide", "", jobstats.RemoteWorldwide},
		{"", "", ""},
		{"Americas", "", jobstats.RemoteAmericas},
		{"Canada", "CA", "CA"},
		{"USA, Canada, USA timezones", "", jobstats.RemoteNorthAmerica},
		{"USA, CST (UTC-6)", "US", "US"},
		{"Europe, UK, Germany, European timezones", "", jobstats.RemoteEurope},
		{"Americas, Europe, Asia, Oceania", "", jobstats.RemoteWorldwide},
		{"CET +/- 3 HOURS", "", jobstats.RemoteEurope},
		{"EMEA,  LATAM,  Canada,  USA", "", ""},
		{"LATAM,  Brazil", "", jobstats.RemoteLATAM},
		{"LATAM,  Hong Kong,  Mexico,  Singapore", "", ""},
		{"UK,  USA", "", ""},
		{"Germany", "DE", "DE"},
		{"Netherlands", "NL", "NL"},
		{"UK", "GB", "GB"},
		{"United States, Canada", "", jobstats.RemoteNorthAmerica},
		{"Germany, Austria, Switzerland", "", jobstats.RemoteEurope},
		{"France, Spain, Italy", "", jobstats.RemoteEU},
		{"India", "IN", "IN"},
		{"Bangalore", "IN", "IN"},
		{"APAC", "", jobstats.RemoteAPAC},
		{"Philippines, Indonesia, Vietnam", "", jobstats.RemoteAPAC},
		{"Brazil, Argentina, Colombia", "", jobstats.RemoteLATAM},
		{"Nigeria, Kenya, South Africa", "", jobstats.RemoteEMEA},
		{"Anywhere in the world", "", jobstats.RemoteWorldwide},
		{"US time zones", "US", "US"},
		{"EST", "US", "US"},
	} {
		got := parse.RemoteLocation(c.text)
		if !got.Remote || got.Country != c.country || got.RemoteScope != c.scope {
			t.Errorf("RemoteLocation(%q) = remote %v country %q scope %q, want remote country %q scope %q",
				c.text, got.Remote, got.Country, got.RemoteScope, c.country, c.scope)
		}
	}
}

func TestLocationCountries(t *testing.T) {
	got := parse.Location("London, UK; Berlin; Remote (US)").Countries
	if want := []string{"GB", "DE", "US"}; !slices.Equal(got, want) {
		t.Errorf("Countries = %v, want %v", got, want)
	}
}

func TestCountryName(t *testing.T) {
	for code, want := range map[string]string{
		"US": "United States", "us": "United States", "GB": "United Kingdom", "DE": "Germany",
		"KR": "South Korea", "TW": "Taiwan", "IR": "Iran", "RU": "Russia", "CZ": "Czechia", "XX": "", "": "",
	} {
		if got := parse.CountryName(code); got != want {
			t.Errorf("CountryName(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestCountryCode(t *testing.T) {
	for name, want := range map[string]string{
		"us": "US", "USA": "US", "United States": "US", "DEU": "DE", "Deutschland": "DE", "España": "ES",
		"espana": "ES", "UK": "GB", "Great Britain": "GB", "South Korea": "KR", "Türkiye": "TR", "nowhere": "",
	} {
		got, ok := parse.CountryCode(name)
		if got != want || ok != (want != "") {
			t.Errorf("CountryCode(%q) = %q, %v, want %q", name, got, ok, want)
		}
	}
}

func TestMarketName(t *testing.T) {
	for key, want := range map[string]string{
		"US": "United States", "DE": "Germany", "remote:worldwide": "Remote — worldwide",
		"remote:EU": "Remote — EU", "remote:North America": "Remote — North America",
		"": "Unknown location", "ZZ": "ZZ",
	} {
		if got := parse.MarketName(key); got != want {
			t.Errorf("MarketName(%q) = %q, want %q", key, got, want)
		}
	}
}

func TestRegionName(t *testing.T) {
	for _, c := range [][3]string{{"US", "CA", "California"}, {"CA", "ON", "Ontario"}, {"IN", "KA", "Karnataka"},
		{"GB", "ENG", "England"}, {"DE", "BY", "Bayern"}, {"US", "ZZ", ""}, {"", "CA", ""}} {
		if got := parse.RegionName(c[0], c[1]); got != c[2] {
			t.Errorf("RegionName(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}

func TestExpandCountries(t *testing.T) {
	for _, c := range []struct {
		value string
		n     int
		has   []string
		not   []string
	}{
		{"EU", 27, []string{"DE", "FR", "IE", "CY"}, []string{"GB", "CH", "NO"}},
		{"eu", 27, nil, nil},
		{"European Union", 27, nil, nil},
		{"Europe", -1, []string{"GB", "CH", "NO", "DE", "CY"}, []string{"US", "IL"}},
		{"emea", -1, []string{"GB", "DE", "AE", "IL", "ZA", "NG"}, []string{"US", "IN"}},
		{"North America", 3, []string{"US", "CA", "MX"}, nil},
		{"LATAM", -1, []string{"BR", "MX", "AR", "CW"}, []string{"US", "CA"}},
		{"Americas", -1, []string{"US", "CA", "BR"}, []string{"GB"}},
		{"APAC", -1, []string{"IN", "JP", "AU", "SG"}, []string{"AE", "IL", "CW"}},
		{"dach", 3, []string{"DE", "AT", "CH"}, nil},
		{"US", 1, []string{"US"}, nil},
		{"us", 1, []string{"US"}, nil},
		{"Germany", 1, []string{"DE"}, nil},
		{"deutschland", 1, []string{"DE"}, nil},
		{"worldwide", -1, []string{"US", "DE", "IN"}, nil},
	} {
		got, ok := parse.ExpandCountries(c.value)
		if !ok || c.n >= 0 && len(got) != c.n {
			t.Errorf("ExpandCountries(%q) = %d codes, %v; want %d", c.value, len(got), ok, c.n)
		}
		for _, h := range c.has {
			if !slices.Contains(got, h) {
				t.Errorf("ExpandCountries(%q) lacks %s", c.value, h)
			}
		}
		for _, h := range c.not {
			if slices.Contains(got, h) {
				t.Errorf("ExpandCountries(%q) holds %s", c.value, h)
			}
		}
		if !slices.IsSorted(got) {
			t.Errorf("ExpandCountries(%q) is not sorted", c.value)
		}
	}
	if got, ok := parse.ExpandCountries("Atlantis"); ok || got != nil {
		t.Errorf("ExpandCountries(Atlantis) = %v, %v, want nil, false", got, ok)
	}
	if !parse.InGroup("DE", jobstats.RemoteEU) || parse.InGroup("GB", jobstats.RemoteEU) || !parse.InGroup("GB", jobstats.RemoteWorldwide) {
		t.Error("InGroup disagrees with the group members")
	}
}

// TestLocationMarket checks that what Location reads gives the markets the
// report pages are cut by.
func TestLocationMarket(t *testing.T) {
	for text, want := range map[string]string{
		"Remote - US": "US", "Remote (EMEA)": "remote:EMEA", "Anywhere": "remote:worldwide",
		"Berlin, Germany": "DE", "Remote": "",
	} {
		p := parse.Location(text)
		l := jobstats.Listing{Country: p.Country, RemoteScope: p.RemoteScope, Workplace: p.Workplace()}
		if got := l.Market(); got != want {
			t.Errorf("market of %q = %q, want %q", text, got, want)
		}
	}
}

func FuzzLocation(f *testing.F) {
	for _, c := range locCases {
		f.Add(c.text)
	}
	f.Add("Remote, , ; | (US) - -")
	f.Add(strings.Repeat("New York ", 100))
	f.Fuzz(func(t *testing.T, text string) {
		for _, p := range []parse.Place{parse.Location(text), parse.RemoteLocation(text)} {
			if p.Country != "" && parse.CountryName(p.Country) == "" {
				t.Fatalf("Location(%q) country %q is not a known code", text, p.Country)
			}
			if p.Region != "" && (p.Country == "" || parse.RegionName(p.Country, p.Region) == "") {
				t.Fatalf("Location(%q) region %q of %q is not a known subdivision", text, p.Region, p.Country)
			}
			if p.RemoteScope != "" && !p.Remote {
				t.Fatalf("Location(%q) has a scope but is not remote", text)
			}
			if p.RemoteScope != "" && parse.CountryName(p.RemoteScope) == "" && !slices.Contains(parse.Groups, p.RemoteScope) {
				t.Fatalf("Location(%q) scope %q is neither a country nor a group", text, p.RemoteScope)
			}
			if !utf8.ValidString(p.City) {
				t.Fatalf("Location(%q) city %q is not UTF-8", text, p.City)
			}
			if p.City != "" && p.Country == "" {
				t.Fatalf("Location(%q) has a city without a country", text)
			}
		}
	})
}

func BenchmarkLocation(b *testing.B) {
	texts := make([]string, len(locCases))
	for i, c := range locCases {
		texts[i] = c.text
	}
	parse.Location("warm up")
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		parse.Location(texts[n%len(texts)])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "strings/s")
}

func ExampleLocation() {
	for _, text := range []string{"London, ON", "Cambridge, MA", "Remote (EMEA)", "München", "3 Locations"} {
		p := parse.Location(text)
		fmt.Printf("%s: country=%q region=%q city=%q remote=%v scope=%q\n", text, p.Country, p.Region, p.City, p.Remote, p.RemoteScope)
	}
	// Output:
	// London, ON: country="CA" region="ON" city="London" remote=false scope=""
	// Cambridge, MA: country="US" region="MA" city="Cambridge" remote=false scope=""
	// Remote (EMEA): country="" region="" city="" remote=true scope="EMEA"
	// München: country="DE" region="BY" city="Munich" remote=false scope=""
	// 3 Locations: country="" region="" city="" remote=false scope=""
}

func TestPlaceOf(t *testing.T) {
	for _, c := range []struct {
		country, region, city string
		want                  parse.Place
	}{
		{"US", "CA", "San Francisco", parse.Place{Country: "US", Region: "CA", City: "San Francisco"}},
		{"us", "CA", "San Jose", parse.Place{Country: "US", Region: "CA", City: "San Jose"}},
		{"USA", "California ", "San Fransisco", parse.Place{Country: "US", Region: "CA", City: "San Francisco"}},
		{"United States", "New York", "New York City", parse.Place{Country: "US", Region: "NY", City: "New York"}},
		{"Canada", "Ontario", "Toronto", parse.Place{Country: "CA", Region: "ON", City: "Toronto"}},
		{"DE", "BE", "Berlin", parse.Place{Country: "DE", Region: "BE", City: "Berlin"}},
		{"IL", "TA", "Tel Aviv", parse.Place{Country: "IL", Region: "TA", City: "Tel Aviv"}},
		{"AE", "DU", "Dubai", parse.Place{Country: "AE", Region: "DU", City: "Dubai"}},
		{"United Kingdom", "England", "London", parse.Place{Country: "GB", Region: "ENG", City: "London"}},
		{"Australia", "New South Wales", "", parse.Place{Country: "AU", Region: "NSW"}},
		{"DK", "", "København", parse.Place{Country: "DK", City: "Copenhagen"}},
		{"SE", "Sweden", "Stockholm", parse.Place{Country: "SE", City: "Stockholm"}},
		{"US", "TX", "Plano", parse.Place{Country: "US", Region: "TX", City: "Plano"}},
		{"US", "CA", "Pleasanton", parse.Place{Country: "US", Region: "CA", City: "Pleasanton"}},
		{"Spain", "", "", parse.Place{Country: "ES"}},
		{"", "Karnataka", "", parse.Place{Country: "IN", Region: "KA"}},
		{"", "", "Bengaluru", parse.Place{Country: "IN", Region: "KA", City: "Bengaluru"}},
		{"European Union", "", "", parse.Place{Remote: true, RemoteScope: jobstats.RemoteEU}},
		{"US", "", "Remote", parse.Place{Country: "US"}},
		{"Germany", "Europe", "Germany", parse.Place{Country: "DE"}},
		{"", "", "", parse.Place{}},
	} {
		got := parse.PlaceOf(c.country, c.region, c.city)
		got.Countries = nil
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("PlaceOf(%q, %q, %q) = %+v, want %+v", c.country, c.region, c.city, got, c.want)
		}
	}
}

func TestCountryCurrency(t *testing.T) {
	for code, want := range map[string]string{"GB": "GBP", "us": "USD", "DE": "EUR", "IN": "INR", "CH": "CHF", "JP": "JPY", "XX": "", "": ""} {
		if got := parse.CountryCurrency(code); got != want {
			t.Errorf("CountryCurrency(%q) = %q, want %q", code, got, want)
		}
	}
}
