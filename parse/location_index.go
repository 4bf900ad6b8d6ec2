package parse

import (
	_ "embed"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/biter777/countries"

	"github.com/jobstats/jobstats"
)

// Location understanding rests on three sources of names:
//   - countries and their ISO 3166-2 subdivisions from
//     github.com/biter777/countries (ISO codes and English names, from the
//     Debian iso-codes data), with the common names and native spellings
//     job postings use added here (locCountryAliases, locRegionAliases);
//   - the city table cities.tsv, written by hand for this project (see its
//     header);
//   - the words below: remote, hybrid and on-site words, region groups,
//     filler.
//
// They are folded into one lexicon from phrase to readings, built once on
// first use.

//go:embed cities.tsv
var locCityTable string

// locKind is what a phrase of a location text can mean.
type locKind uint8

const (
	locRemote    locKind = iota + 1 // "Remote", "WFH", "Homeoffice"
	locHybrid                       // "Hybrid"
	locOnsite                       // "On-site", "In office"
	locWorld                        // "Anywhere", "Worldwide", "Global"
	locGroup                        // a region group: "EMEA", "Europe"
	locCountries                    // a named set of countries: "DACH", "Nordics"
	locCountry                      // a country: "Germany", "USA", "DE"
	locRegion                       // a state or province: "California", "ON"
	locCity                         // a city of the table
	locFiller                       // "only", "based", "area", "HQ"
	locZone                         // a time zone: a weak hint of an area ("CET")
	locConj                         // "and", "or": separates places unless part of a name
)

// locReading is one meaning of a phrase.
type locReading struct {
	kind    locKind
	upper   bool   // only when written in capitals (codes: "US", "IN", "CAN")
	country string // locCountry, locRegion, locCity
	region  string // locRegion, locCity
	group   string // locGroup, locZone: a jobstats.Remote* scope
	city    int32  // locCity: index into locIndex.cities
	set     []string
}

// locCityEntry is one row of the city table.
type locCityEntry struct {
	name, country, region string
	pop                   int // thousands
}

// locIndex is everything Location looks names up in.
type locIndex struct {
	lex          map[string][]locReading
	maxWords     int
	cities       []locCityEntry
	countryName  map[string]string          // "US" → "United States"
	currency     map[string]string          // "US" → "USD"
	regionName   map[string]string          // "US-CA" → "California"
	groupMembers map[string]map[string]bool // jobstats.RemoteEU → member codes
	groupBySize  []string                   // groups, smallest first
	macro        map[string]string          // country → "Americas", "EMEA" or "APAC"
}

var locIdx = sync.OnceValue(buildLocIndex)

// locGroupNames name the region groups (folded phrase → scope).
var locGroupNames = map[string]string{
	"eu": jobstats.RemoteEU, "european union": jobstats.RemoteEU, "eu countries": jobstats.RemoteEU,
	"eea": jobstats.RemoteEU, "schengen": jobstats.RemoteEU,
	"europe": jobstats.RemoteEurope, "european": jobstats.RemoteEurope, "european timezones": jobstats.RemoteEurope,
	"european time zones": jobstats.RemoteEurope, "eastern europe": jobstats.RemoteEurope, "western europe": jobstats.RemoteEurope,
	"central europe": jobstats.RemoteEurope, "cee": jobstats.RemoteEurope, "central and eastern europe": jobstats.RemoteEurope,
	"europa": jobstats.RemoteEurope, "uk and europe": jobstats.RemoteEurope,
	"emea": jobstats.RemoteEMEA, "middle east": jobstats.RemoteEMEA, "mena": jobstats.RemoteEMEA, "africa": jobstats.RemoteEMEA,
	"europe middle east and africa": jobstats.RemoteEMEA,
	"americas":                      jobstats.RemoteAmericas, "amer": jobstats.RemoteAmericas, "america": jobstats.RemoteAmericas,
	"the americas": jobstats.RemoteAmericas, "north and south america": jobstats.RemoteAmericas,
	"north america": jobstats.RemoteNorthAmerica, "northamerica": jobstats.RemoteNorthAmerica, "noram": jobstats.RemoteNorthAmerica,
	"latam": jobstats.RemoteLATAM, "latin america": jobstats.RemoteLATAM, "south america": jobstats.RemoteLATAM,
	"central america": jobstats.RemoteLATAM, "latinoamerica": jobstats.RemoteLATAM, "caribbean": jobstats.RemoteLATAM,
	"apac": jobstats.RemoteAPAC, "asia pacific": jobstats.RemoteAPAC, "asia": jobstats.RemoteAPAC, "asiapac": jobstats.RemoteAPAC,
	"oceania": jobstats.RemoteAPAC, "southeast asia": jobstats.RemoteAPAC, "sea": jobstats.RemoteAPAC, "anz": jobstats.RemoteAPAC,
	"apj": jobstats.RemoteAPAC, "east asia": jobstats.RemoteAPAC, "south asia": jobstats.RemoteAPAC,
}

// locCountrySets name sets of countries that are not one of the groups.
var locCountrySets = map[string][]string{
	"dach":           {"DE", "AT", "CH"},
	"nordics":        {"SE", "DK", "NO", "FI", "IS"},
	"nordic":         {"SE", "DK", "NO", "FI", "IS"},
	"scandinavia":    {"SE", "DK", "NO"},
	"benelux":        {"BE", "NL", "LU"},
	"baltics":        {"EE", "LV", "LT"},
	"uk and ireland": {"GB", "IE"},
	"uki":            {"GB", "IE"},
	"gcc":            {"AE", "SA", "QA", "KW", "BH", "OM"},
	"us and canada":  {"US", "CA"},
}

// locWordsOf are the remote, hybrid, on-site, worldwide and filler words.
var locWordsOf = map[locKind][]string{
	locRemote: {"remote", "remotely", "fully remote", "100 remote", "remote first", "remote friendly", "remote ok",
		"distributed", "telecommute", "telecommuting", "telework", "wfh", "work from home", "work from anywhere",
		"home office", "homeoffice", "home based", "mobiles arbeiten", "teletravail", "teletrabajo", "remoto",
		"remota", "a distance", "virtual", "remote only", "remote job", "fernarbeit"},
	locHybrid: {"hybrid", "hybride", "hibrido", "hybrid remote", "flex", "partially remote", "remote hybrid"},
	locOnsite: {"onsite", "on site", "in office", "in person", "office based", "vor ort", "presentiel", "presencial", "in the office"},
	locWorld: {"anywhere", "worldwide", "global", "globally", "international", "world", "anywhere in the world",
		"earth", "everywhere", "any location", "all countries", "weltweit", "planet earth"},
	locFiller: {"only", "based", "in", "within", "from", "of", "the", "time", "zone", "zones", "timezone", "timezones", "tz",
		"friendly", "preferred", "required", "residents", "resident", "candidates", "applicants", "must", "be",
		"located", "hq", "headquarters", "office", "offices", "area", "greater", "metro", "metropolitan", "region",
		"downtown", "hub", "campus", "flexible", "flexibility", "optional", "work", "job", "position", "role",
		"opportunity", "available", "eligible", "countries", "country", "locations", "location", "multiple",
		"various", "several", "any", "all", "nationwide", "peo", "eor", "city", "bay area", "county", "metro area",
		"area office", "possible", "ok", "also", "with", "some", "travel", "across", "overseas",
		"state", "province", "contractor", "contract", "full time", "part time", "permanent", "citizens", "citizen",
		"us citizens", "authorized", "to", "hours", "hrs", "utc", "gmt", "standard", "plus", "minus", "overlap",
		"at", "least", "for", "a", "an", "other", "ideally", "near", "around", "relocation", "relocate", "visa",
		"sponsorship", "based in", "location flexible", "headquarter", "hauptsitz", "standort", "stadt", "ganz",
		"deutschlandweit", "bundesweit", "en", "de", "la", "le", "das", "die",
		"der", "bei", "company", "centre", "center", "district", "suburbs", "tbd", "various locations",
		"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western"},
}

// locZones are time zones that hint at an area when nothing else is named.
var locZones = map[string]string{
	"cet": jobstats.RemoteEurope, "cest": jobstats.RemoteEurope, "eet": jobstats.RemoteEurope,
	"central european time": jobstats.RemoteEurope, "wet": jobstats.RemoteEurope,
	"est": "US", "edt": "US", "pst": "US", "pdt": "US", "cst": "US", "cdt": "US", "mst": "US", "mdt": "US",
	"et": "US", "pt": "US", "ct": "US", "eastern time": "US", "pacific time": "US", "central time": "US",
	"mountain time": "US", "ist": "IN", "aest": "AU", "aedt": "AU", "jst": "JP", "sgt": "SG", "brt": "BR",
}

// locCountryAliases are names of countries that the ISO names lack:
// common English names, abbreviations and native spellings.
var locCountryAliases = map[string]string{
	"usa": "US", "u s a": "US", "united states": "US", "united states of america": "US",
	"the us": "US", "the usa": "US", "the united states": "US", "estados unidos": "US", "etats unis": "US",
	"vereinigte staaten": "US", "unitedstates": "US",
	"uk": "GB", "u k": "GB", "united kingdom": "GB", "great britain": "GB", "britain": "GB", "the uk": "GB",
	"grossbritannien":        "GB",
	"vereinigtes konigreich": "GB", "royaume uni": "GB", "reino unido": "GB",
	"deutschland": "DE", "allemagne": "DE", "alemania": "DE", "germania": "DE",
	"osterreich": "AT", "oesterreich": "AT", "autriche": "AT",
	"schweiz": "CH", "suisse": "CH", "svizzera": "CH", "suiza": "CH",
	"espana": "ES", "espagne": "ES", "spanien": "ES",
	"frankreich": "FR", "francia": "FR",
	"italia": "IT", "italien": "IT", "italie": "IT",
	"nederland": "NL", "holland": "NL", "the netherlands": "NL", "niederlande": "NL", "pays bas": "NL", "paises bajos": "NL",
	"belgique": "BE", "belgie": "BE", "belgien": "BE",
	"polska": "PL", "polen": "PL", "pologne": "PL",
	"czech republic": "CZ", "cesko": "CZ", "ceska republika": "CZ", "tschechien": "CZ",
	"slovak republic": "SK", "slovensko": "SK",
	"magyarorszag": "HU", "ungarn": "HU",
	"sverige": "SE", "schweden": "SE", "norge": "NO", "norwegen": "NO", "danmark": "DK", "danemark": "DK",
	"suomi": "FI", "finnland": "FI", "eire": "IE", "irland": "IE", "republic of ireland": "IE",
	"portugal": "PT", "brasil": "BR", "brasilien": "BR", "mexico": "MX", "mejico": "MX",
	"south korea": "KR", "korea": "KR", "republic of korea": "KR", "korea south": "KR", "north korea": "KP",
	"russia": "RU", "russland": "RU", "iran": "IR", "syria": "SY", "laos": "LA", "vietnam": "VN", "viet nam": "VN",
	"taiwan": "TW", "moldova": "MD", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "micronesia": "FM",
	"turkiye": "TR", "turkey": "TR", "turkei": "TR", "uae": "AE", "u a e": "AE", "emirates": "AE",
	"ivory coast": "CI", "cote divoire": "CI", "macedonia": "MK", "north macedonia": "MK",
	"hong kong": "HK", "hong kong sar": "HK", "macau": "MO", "macao": "MO", "palestine": "PS",
	"vatican": "VA", "vatican city": "VA", "brunei": "BN", "cape verde": "CV", "cabo verde": "CV",
	"eswatini": "SZ", "swaziland": "SZ", "burma": "MM", "myanmar": "MM", "east timor": "TL", "timor leste": "TL",
	"drc": "CD", "dr congo": "CD", "democratic republic of congo": "CD", "republic of the congo": "CG",
	"libya": "LY", "kosovo": "XK", "czechia": "CZ", "lao": "LA", "the philippines": "PH", "philippines": "PH",
	"bosnia": "BA", "bosnia herzegovina": "BA", "trinidad": "TT", "st lucia": "LC", "saint lucia": "LC",
	"ksa": "SA", "kingdom of saudi arabia": "SA", "singapur": "SG", "indien": "IN", "inde": "IN", "china": "CN",
	"prc": "CN", "japan": "JP", "japon": "JP", "kanada": "CA", "australien": "AU", "australie": "AU",
	"new zealand": "NZ", "aotearoa": "NZ", "sudafrika": "ZA", "south africa": "ZA", "rsa": "ZA",
	"argentinien": "AR", "kolumbien": "CO", "chile": "CL", "peru": "PE", "griechenland": "GR", "hellas": "GR",
	"kroatien": "HR", "hrvatska": "HR", "rumanien": "RO", "romania": "RO", "bulgarien": "BG", "serbien": "RS",
	"srbija": "RS", "slowenien": "SI", "slovenija": "SI", "litauen": "LT", "lettland": "LV", "estland": "EE",
	"ukraina": "UA", "belarus": "BY", "luxemburg": "LU", "zypern": "CY", "malte": "MT",
}

// locCountryNames are English display names where the ISO short name is
// not the one people use.
var locCountryNames = map[string]string{
	"KR": "South Korea", "KP": "North Korea", "RU": "Russia", "IR": "Iran", "SY": "Syria", "LA": "Laos",
	"TW": "Taiwan", "MD": "Moldova", "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania", "FM": "Micronesia",
	"HK": "Hong Kong", "MO": "Macau", "PS": "Palestine", "VA": "Vatican City", "BN": "Brunei", "LY": "Libya",
	"MK": "North Macedonia", "CI": "Côte d'Ivoire", "TL": "Timor-Leste", "SZ": "Eswatini", "CV": "Cabo Verde",
	"CD": "DR Congo", "CG": "Republic of the Congo", "FK": "Falkland Islands", "IM": "Isle of Man",
	"VG": "British Virgin Islands", "VI": "U.S. Virgin Islands", "SX": "Sint Maarten", "MF": "Saint Martin",
	"CW": "Curaçao", "BL": "Saint Barthélemy", "AX": "Åland Islands", "RE": "Réunion", "TR": "Türkiye",
}

// locRegionAliases are English and other names of states and provinces
// that the ISO names lack ("Bavaria" for Bayern).
var locRegionAliases = map[string]string{
	"bavaria": "DE-BY", "north rhine westphalia": "DE-NW", "nrw": "DE-NW", "lower saxony": "DE-NI", "hesse": "DE-HE",
	"saxony": "DE-SN", "saxony anhalt": "DE-ST", "thuringia": "DE-TH", "rhineland palatinate": "DE-RP",
	"baden wuerttemberg": "DE-BW", "mecklenburg western pomerania": "DE-MV",
	"catalonia": "ES-CT", "cataluna": "ES-CT", "andalusia": "ES-AN", "basque country": "ES-PV", "valencian community": "ES-VC",
	"community of madrid": "ES-MD", "comunidad de madrid": "ES-MD", "lombardy": "IT-25", "tuscany": "IT-52",
	"piedmont": "IT-21", "sicily": "IT-82", "sardinia": "IT-88", "apulia": "IT-75",
	"ile de france": "FR-IDF", "north holland": "NL-NH", "south holland": "NL-ZH", "north brabant": "NL-NB",
	"quebec province": "CA-QC", "yukon": "CA-YT", "new south wales": "AU-NSW", "orissa": "IN-OR", "odisha": "IN-OR",
	"national capital territory of delhi": "IN-DL", "nct": "IN-DL", "telangana": "IN-TG",
	"gauteng": "ZA-GT", "western cape": "ZA-WC", "kwazulu natal": "ZA-NL",
	"ontario canada": "CA-ON", "dc": "US-DC", "district of columbia": "US-DC", "sao paulo state": "BR-SP",
	"lower austria": "AT-3", "upper austria": "AT-4", "styria": "AT-6", "tyrol": "AT-7", "carinthia": "AT-2",
}

// locRegionCodeCountries are the countries whose subdivision codes are
// read on their own ("Remote - NY", "Austin TX", "Sydney NSW").
var locRegionCodeCountries = []string{"US", "CA", "AU"}

// locRegionNameTypes are the subdivisions whose names are read, by
// country: "" reads every subdivision of the country.
var locRegionNameTypes = map[string][]string{
	"US": nil, "CA": nil, "AU": nil, "IN": nil, "DE": nil, "BR": nil, "MX": nil, "CN": nil, "AT": nil,
	"ZA": nil, "GB": {"Country", "Province"}, "ES": {"Autonomous Community"}, "IT": {"Region"},
	"FR": {"Metropolitan Region"}, "NL": {"Province"},
}

// locMiddleEast are the Middle East countries of EMEA (Asia in ISO's
// regions); GE, AM and AZ are counted with them.
var locMiddleEast = []string{"AE", "SA", "QA", "KW", "BH", "OM", "IL", "JO", "LB", "IQ", "IR", "SY", "YE", "PS", "GE", "AM", "AZ"}

// locEU are the 27 member states of the European Union.
var locEU = []string{"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
	"LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}

// locAlpha3Words are three-letter codes that are also words or time zones
// in capitals ("AND", "EST"), and are not read as countries.
var locAlpha3Words = map[string]bool{"AND": true, "ARE": true, "EST": true, "PER": true, "TON": true, "ATA": true}

// isCountry reports whether code is a country code the index knows.
func (ix *locIndex) isCountry(code string) bool {
	_, ok := ix.countryName[code]
	return len(code) == 2 && ok
}

// locFormer are codes no longer in use that the ISO data still lists.
var locFormer = map[string]bool{"AN": true, "YU": true}

func buildLocIndex() *locIndex {
	ix := &locIndex{
		lex:          make(map[string][]locReading, 8192),
		countryName:  make(map[string]string, 260),
		currency:     make(map[string]string, 260),
		regionName:   make(map[string]string, 1024),
		groupMembers: make(map[string]map[string]bool),
		macro:        make(map[string]string, 260),
	}
	add := func(phrase string, r locReading) {
		key := locFold(phrase)
		if key == "" {
			return
		}
		for _, have := range ix.lex[key] {
			if have.kind == r.kind && have.country == r.country && have.region == r.region && have.group == r.group && have.city == r.city && have.upper == r.upper {
				return
			}
		}
		ix.lex[key] = append(ix.lex[key], r)
		if n := strings.Count(key, " ") + 1; n > ix.maxWords {
			ix.maxWords = n
		}
	}

	// Countries: ISO names (with and without their parenthesised part),
	// codes in capitals, then the aliases.
	europe, americas, asia, africa, oceania := map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, c := range countries.All() {
		code := c.Alpha2()
		if locFormer[code] || len(code) != 2 {
			continue
		}
		name := c.String()
		short := name
		if i := strings.IndexByte(short, '('); i > 0 {
			short = strings.TrimSpace(short[:i])
		}
		if n, ok := locCountryNames[code]; ok {
			ix.countryName[code] = n
		} else {
			ix.countryName[code] = short
		}
		if cur := c.Currency(); cur.IsValid() && len(cur.Alpha()) == 3 {
			ix.currency[code] = cur.Alpha()
		}
		add(name, locReading{kind: locCountry, country: code})
		add(short, locReading{kind: locCountry, country: code})
		add(ix.countryName[code], locReading{kind: locCountry, country: code})
		add(code, locReading{kind: locCountry, country: code, upper: true})
		if a3 := c.Alpha3(); len(a3) == 3 && !locAlpha3Words[a3] {
			add(a3, locReading{kind: locCountry, country: code, upper: true})
		}
		region := c.Region()
		if code == "CW" {
			region = countries.RegionSouthAmerica // Curaçao is in the Caribbean, not Oceania
		}
		switch region {
		case countries.RegionEurope:
			europe[code] = true
		case countries.RegionNorthAmerica, countries.RegionSouthAmerica:
			americas[code] = true
		case countries.RegionAsia:
			asia[code] = true
		case countries.RegionAfrica:
			africa[code] = true
		case countries.RegionOceania:
			oceania[code] = true
		}
	}
	for alias, code := range locCountryAliases {
		add(alias, locReading{kind: locCountry, country: code})
	}
	// "US" and "America" need care: "us" is a word, "America" a continent.
	add("US", locReading{kind: locCountry, country: "US", upper: true})

	// Subdivisions: names of the listed kinds, codes of US, CA and AU (in
	// that order, so that a code two of them share reads as the first:
	// "WA" is Washington before Western Australia). One pass over the
	// ISO list: countries.SubdivisionsByCountryCode rebuilds the whole
	// table on every call.
	byCountry := map[string][]countries.SubdivisionCode{}
	for _, s := range countries.AllSubdivisions() {
		country, _, ok := strings.Cut(string(s), "-")
		if ok {
			byCountry[country] = append(byCountry[country], s)
		}
	}
	order := slices.Sorted(func(yield func(string) bool) {
		for c := range byCountry {
			if !slices.Contains(locRegionCodeCountries, c) && !yield(c) {
				return
			}
		}
	})
	order = append(slices.Clone(locRegionCodeCountries), order...)
	for _, country := range order {
		types, named := locRegionNameTypes[country]
		codes := slices.Contains(locRegionCodeCountries, country)
		for _, s := range byCountry[country] {
			full := string(s)
			code := strings.TrimPrefix(full, country+"-")
			name := locRegionDisplay(s.String())
			ix.regionName[full] = name
			if codes {
				add(code, locReading{kind: locRegion, country: country, region: code, upper: true})
			}
			if !named || types != nil && !slices.Contains(types, string(s.SubdivisionType())) {
				continue
			}
			for _, n := range locRegionNames(s.String()) {
				add(n, locReading{kind: locRegion, country: country, region: code})
			}
		}
	}
	for alias, full := range locRegionAliases {
		country, code, _ := strings.Cut(full, "-")
		add(alias, locReading{kind: locRegion, country: country, region: code})
	}

	// Cities.
	for line := range strings.SplitSeq(locCityTable, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 4 {
			continue
		}
		pop, _ := strconv.Atoi(f[3])
		i := int32(len(ix.cities))
		ix.cities = append(ix.cities, locCityEntry{name: f[0], country: f[1], region: f[2], pop: pop})
		r := locReading{kind: locCity, country: f[1], region: f[2], city: i}
		add(f[0], r)
		if len(f) > 4 {
			for a := range strings.SplitSeq(f[4], ";") {
				if a = strings.TrimSpace(a); a != "" {
					if len(a) <= 3 && a == strings.ToUpper(a) {
						r.upper = true
					}
					add(a, r)
					r.upper = false
				}
			}
		}
	}
	// The most populous reading of a city name first.
	for key, rs := range ix.lex {
		slices.SortStableFunc(rs, func(a, b locReading) int {
			if a.kind == locCity && b.kind == locCity {
				return ix.cities[b.city].pop - ix.cities[a.city].pop
			}
			return 0
		})
		ix.lex[key] = rs
	}

	// Words.
	for kind, ws := range locWordsOf {
		for _, w := range ws {
			add(w, locReading{kind: kind})
		}
	}
	for w, g := range locGroupNames {
		add(w, locReading{kind: locGroup, group: g})
	}
	for w, set := range locCountrySets {
		add(w, locReading{kind: locCountries, set: set})
	}
	for w, z := range locZones {
		add(w, locReading{kind: locZone, group: z, upper: len(w) <= 4})
	}
	for _, w := range []string{"and", "or", "und", "oder", "et", "ou", "y", "o"} {
		add(w, locReading{kind: locConj})
	}

	// Region groups.
	set := func(codes ...[]string) map[string]bool {
		m := map[string]bool{}
		for _, cs := range codes {
			for _, c := range cs {
				m[c] = true
			}
		}
		return m
	}
	keys := func(m map[string]bool) []string { return slices.Sorted(mapKeys(m)) }
	europe["CY"] = true
	delete(asia, "CY")
	ix.groupMembers[jobstats.RemoteEU] = set(locEU)
	ix.groupMembers[jobstats.RemoteEurope] = set(keys(europe))
	ix.groupMembers[jobstats.RemoteEMEA] = set(keys(europe), keys(africa), locMiddleEast)
	ix.groupMembers[jobstats.RemoteAmericas] = set(keys(americas))
	ix.groupMembers[jobstats.RemoteNorthAmerica] = set([]string{"US", "CA", "MX"})
	latam := set(keys(americas))
	for _, c := range []string{"US", "CA", "GL", "BM", "PM", "UM"} {
		delete(latam, c)
	}
	ix.groupMembers[jobstats.RemoteLATAM] = latam
	apac := set(keys(asia), keys(oceania))
	for _, c := range locMiddleEast {
		delete(apac, c)
	}
	ix.groupMembers[jobstats.RemoteAPAC] = apac
	for g := range ix.groupMembers {
		ix.groupBySize = append(ix.groupBySize, g)
	}
	slices.SortFunc(ix.groupBySize, func(a, b string) int {
		if d := len(ix.groupMembers[a]) - len(ix.groupMembers[b]); d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	for c := range ix.groupMembers[jobstats.RemoteAmericas] {
		ix.macro[c] = jobstats.RemoteAmericas
	}
	for c := range ix.groupMembers[jobstats.RemoteEMEA] {
		ix.macro[c] = jobstats.RemoteEMEA
	}
	for c := range apac {
		ix.macro[c] = jobstats.RemoteAPAC
	}
	return ix
}

func mapKeys(m map[string]bool) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// locRegionNames splits an ISO subdivision name into the names it holds:
// "Valencia / València", "Wales; Cymru", "Asturias, Principado de",
// "Guangdong Sheng", "Abū Ȥaby [Abu Dhabi]".
func locRegionNames(name string) []string {
	var out []string
	if i := strings.IndexByte(name, '['); i > 0 {
		if j := strings.IndexByte(name[i:], ']'); j > 0 {
			out = append(out, name[i+1:i+j])
		}
		name = name[:i]
	}
	if i := strings.IndexByte(name, '('); i > 0 {
		name = name[:i]
	}
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == '/' || r == ';' }) {
		part = strings.TrimSpace(part)
		if i := strings.IndexByte(part, ','); i > 0 {
			part = part[:i]
		}
		for _, suf := range []string{" Sheng", " Shi", " Zizhiqu", " Teugbyeolsi", " Gwang'yeogsi"} {
			part = strings.TrimSuffix(part, suf)
		}
		if part != "" {
			out = append(out, part)
		}
	}
	return out
}

// locRegionDisplay is the display name of a subdivision: its first name
// without notes.
func locRegionDisplay(name string) string {
	if ns := locRegionNames(name); len(ns) > 0 {
		// A bracketed English name ("[Abu Dhabi]") comes first.
		return ns[0]
	}
	return name
}
