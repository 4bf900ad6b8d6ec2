package parse

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jobstats/jobstats"
)

// Place is where a job is and who may apply for it, as a location text
// states it. Every field is empty when the text does not say.
type Place struct {
	// Country is an ISO 3166-1 alpha-2 code: the country of the job's
	// place, or of its remote scope when that is one country.
	Country string `json:"country"`
	// Region is the ISO 3166-2 subdivision code without the country
	// prefix ("CA", "ON", "KA"), when the text names one region.
	Region string `json:"region"`
	// City is the city's common English name ("Munich" for "München"),
	// when the text names one city.
	City string `json:"city"`
	// Remote reports that the text says the job can be done remotely.
	Remote bool `json:"remote"`
	// RemoteScope is, for a remote job, where applicants may live: a
	// country code, a region group (jobstats.RemoteEU, RemoteEMEA, ...) or
	// jobstats.RemoteWorldwide; "" when the job is not remote or the text
	// does not say.
	RemoteScope string `json:"remote_scope"`
	// Hybrid and Onsite report that the text says so ("Hybrid – Amsterdam",
	// "On-site").
	Hybrid bool `json:"hybrid"`
	Onsite bool `json:"onsite"`
	// Countries lists every country the text names, in order, each once.
	Countries []string `json:"countries,omitempty"`
}

// Workplace returns the workplace the text states: hybrid when it says
// hybrid, remote when it says remote (and not hybrid), on-site when it
// says on-site, else unknown. A text that only names a place states no
// workplace.
func (p Place) Workplace() jobstats.Workplace {
	switch {
	case p.Hybrid:
		return jobstats.WorkplaceHybrid
	case p.Remote:
		return jobstats.WorkplaceRemote
	case p.Onsite:
		return jobstats.WorkplaceOnsite
	}
	return jobstats.WorkplaceUnknown
}

// Location reads a location as job boards write it: "San Francisco, CA",
// "NYC", "Remote - US", "USA Only", "London, ON", "Cambridge, UK",
// "Bengaluru, Karnataka, India", "Hybrid – Amsterdam", "Remote (EMEA)",
// "Anywhere", "Berlin, Germany; Remote", "München", "3 Locations".
//
// It knows every country by its ISO names, codes (two- and three-letter
// codes only in capitals: "IN" is India, "in" a word) and common and
// native names ("USA", "UK", "Deutschland", "Schweiz"); the states and
// provinces of the US, Canada, Australia, India, Germany, Brazil, Mexico,
// China, Austria and South Africa and the top-level regions of the UK,
// Spain, Italy, France and the Netherlands by name, and the US, Canadian
// and Australian ones also by code; about 900 major cities by their
// English and native names (see cities.tsv); and region groups (EU,
// Europe, EMEA, Americas, North America, LATAM, APAC, and the sets DACH,
// Nordics, Benelux...).
//
// Reading rules:
//   - A place is a city, region or country followed by the parts that
//     qualify it, separated by commas or spaces ("Austin TX", "London,
//     England, United Kingdom"); ";", "|", "/", " - ", brackets, "or" and
//     "and" separate places.
//   - An ambiguous city is the most populous reading unless a region or
//     country says otherwise: "London" is in England, "London, ON" in
//     Canada, "Cambridge, MA" in the US. A two-letter code after a city is
//     first read as a region of that city ("Perth, WA" is Western
//     Australia), then as a US, Canadian or Australian region, then as a
//     country. A city the table does not know is kept as written when a
//     region or country places it ("Pleasanton, CA").
//   - A state or province name alone beats a small city of that name
//     ("Ontario" is the province, "Victoria" the Australian state).
//   - With several places, Country is the first place's (a city place
//     first); Region and City are set only when every place agrees.
//   - The remote scope is the one country named, else the smallest region
//     group holding every country and group named ("US, Canada" is North
//     America), else worldwide when the text says anywhere/worldwide or
//     names areas on three continents, else "". A remote job with offices
//     in one country ("Berlin, Germany; Remote") is scoped to it.
//
// Words that are neither places nor workplace words ("HQ", "Multiple
// Locations", "3 Locations") are ignored, so an unknown place reads as
// empty. Only the first 600 bytes are read.
func Location(text string) Place { return locate(text, false) }

// RemoteLocation is like Location for a text that a source gives as the
// region a remote job's applicants must live in (Remotive's
// candidate_required_location, Himalayas' locationRestrictions, Jobicy's
// jobGeo): the job is remote, and every place named is in its scope.
func RemoteLocation(text string) Place { return locate(text, true) }

// locPhrase is a run of words read as one name, or an unknown run.
type locPhrase struct {
	text     string // as written
	sep      locSep
	readings []locReading
	upper    bool // every word in capitals
	unknown  bool
	words    int
}

// locPlace is a place being assembled from a head and its qualifiers.
type locPlace struct {
	head    *locPhrase
	cands   []int32      // city readings still possible, most populous first
	alts    []locReading // for a head that is no city: its country and region readings
	name    string       // the head as written, for a city the table lacks
	country string
	region  string
	city    string
}

func locate(text string, remote bool) Place {
	ix := locIdx()
	var buf [24]locWord
	words := locWords(text, buf[:0])
	phrases := locPhrases(ix, words, locShouting(words))

	var out Place
	out.Remote = remote
	world := false
	var zones, groups []string
	var places []*locPlace
	var cur *locPlace
	var countries []string
	addCountry := func(c string) {
		if c != "" && !slices.Contains(countries, c) {
			countries = append(countries, c)
		}
	}
	for i := range phrases {
		p := &phrases[i]
		if p.sep == locSepStrong {
			cur = nil
		}
		if p.unknown {
			if cur != nil && p.sep != locSepStrong && cur.qualifyCode(ix, p) {
				continue
			}
			if !locNameLike(p) {
				continue
			}
			if cur != nil && p.sep == locSepNone && cur.head.unknown {
				continue
			}
			cur = &locPlace{head: p, name: p.text}
			places = append(places, cur)
			continue
		}
		placeish := false
		for _, r := range p.readings {
			switch r.kind {
			case locCountry, locRegion, locCity:
				placeish = true
			}
		}
		if !placeish {
			for _, r := range p.readings {
				switch r.kind {
				case locRemote:
					out.Remote = true
				case locHybrid:
					out.Hybrid = true
				case locOnsite:
					out.Onsite = true
				case locWorld:
					world = true
				case locGroup:
					if !slices.Contains(groups, r.group) {
						groups = append(groups, r.group)
					}
					cur = nil
				case locCountries:
					for _, c := range r.set {
						addCountry(c)
					}
					cur = nil
				case locZone:
					zones = append(zones, r.group)
				}
			}
			continue
		}
		if cur != nil && p.sep != locSepStrong && cur.qualify(ix, p) {
			continue
		}
		cur = &locPlace{head: p}
		for _, r := range p.readings {
			if r.kind == locCity {
				cur.cands = append(cur.cands, r.city)
			}
		}
		if len(cur.cands) == 0 {
			for _, r := range p.readings {
				if r.kind == locCountry || r.kind == locRegion {
					cur.alts = append(cur.alts, r)
				}
			}
		}
		places = append(places, cur)
	}

	// Resolve each place, drop those that name no country.
	kept := places[:0]
	for _, pl := range places {
		if pl.resolve(ix) {
			kept = append(kept, pl)
		}
	}
	places = kept
	var placeCountries []string
	for _, pl := range places {
		addCountry(pl.country)
		if !slices.Contains(placeCountries, pl.country) {
			placeCountries = append(placeCountries, pl.country)
		}
	}
	out.Countries = countries

	if world {
		out.Remote = true
	}
	if out.Remote {
		out.RemoteScope = locScope(ix, countries, groups, zones, world)
	}

	// The place the listing is at: the first city place, else the first.
	var main *locPlace
	for _, pl := range places {
		if pl.city != "" {
			main = pl
			break
		}
	}
	if main == nil && len(places) > 0 {
		main = places[0]
	}
	switch {
	case main != nil:
		out.Country = main.country
		if out.Remote && (main.city == "" || remote) {
			// A remote job without an office: its country is its scope's.
			out.Country = ""
			if ix.isCountry(out.RemoteScope) {
				out.Country = out.RemoteScope
			}
		}
		sameRegion, sameCity := true, true
		for _, pl := range places {
			if pl == main || pl.country == main.country && pl.region == "" && pl.city == "" {
				// The same country named again says nothing new.
				continue
			}
			if pl.country != main.country || pl.region != main.region {
				sameRegion = false
			}
			if pl.city != main.city || pl.country != main.country {
				sameCity = false
			}
		}
		if sameRegion && out.Country == main.country {
			out.Region = main.region
		}
		if sameCity && out.Country == main.country {
			out.City = main.city
		}
	case ix.isCountry(out.RemoteScope):
		out.Country = out.RemoteScope
	case len(countries) == 1 && len(groups) == 0:
		out.Country = countries[0]
	}
	return out
}

// locPhrases reads words into phrases: at each word the longest run of
// words (within one part, not across commas or other separators) that
// the lexicon knows, else one unknown word; neighbouring unknown words of
// one part join into one unknown phrase. "and", "or" that are not part of
// a name separate places.
func locPhrases(ix *locIndex, words []locWord, shouting bool) []locPhrase {
	var out []locPhrase
	var key []byte
	pendingStrong := false
	for i := 0; i < len(words); {
		// The run of words in one part starting at i.
		run := 1
		for i+run < len(words) && words[i+run].sep == locSepNone && run < ix.maxWords {
			run++
		}
		var found []locReading
		n := 0
		for k := run; k >= 1; k-- {
			upper := true
			var rs []locReading
			var ok bool
			if k == 1 {
				upper = words[i].upper
				rs, ok = ix.lex[words[i].fold]
			} else {
				key = key[:0]
				for j := i; j < i+k; j++ {
					if j > i {
						key = append(key, ' ')
					}
					key = append(key, words[j].fold...)
					upper = upper && words[j].upper
				}
				rs, ok = ix.lex[string(key)] // no allocation for the lookup
			}
			if !ok {
				continue
			}
			// The readings that need capitals go when the words are not;
			// without such a reading, rs is kept as it is.
			keep := rs
			if !upper && slices.ContainsFunc(rs, func(r locReading) bool { return r.upper }) {
				keep = nil
				for _, r := range rs {
					if !r.upper {
						keep = append(keep, r)
					}
				}
			}
			if len(keep) == 0 {
				continue
			}
			found, n = locPrefer(keep, shouting), k
			break
		}
		sep := words[i].sep
		if pendingStrong {
			sep = locSepStrong
			pendingStrong = false
		}
		if n == 0 {
			// An unknown word: join it to an unknown phrase just before it.
			if l := len(out); l > 0 && out[l-1].unknown && sep == locSepNone {
				out[l-1].text += " " + words[i].orig
				out[l-1].upper = out[l-1].upper && words[i].upper
				out[l-1].words++
			} else {
				out = append(out, locPhrase{text: words[i].orig, sep: sep, unknown: true, upper: words[i].upper, words: 1})
			}
			i++
			continue
		}
		if locIsConj(found, out) {
			pendingStrong = true
			i += n
			continue
		}
		text := words[i].orig
		for j := i + 1; j < i+n; j++ {
			text += " " + words[j].orig
		}
		out = append(out, locPhrase{text: text, sep: sep, readings: found, upper: words[i].upper, words: n})
		i += n
	}
	return out
}

// locPrefer drops filler readings of a phrase that also names something:
// "IN" written in capitals is India, not "in". In a text written all in
// capitals a code cannot be told from a word, and the word wins ("REMOTE
// IN THE US"). Conjunction readings stay for locIsConj.
func locPrefer(rs []locReading, shouting bool) []locReading {
	if len(rs) == 1 {
		return rs
	}
	word, named := false, false
	for _, r := range rs {
		if r.kind == locFiller || r.kind == locConj {
			word = true
		} else if !shouting || !r.upper {
			named = true
		}
	}
	if !named {
		for _, kind := range []locKind{locConj, locFiller} {
			for _, r := range rs {
				if r.kind == kind {
					return []locReading{r}
				}
			}
		}
		return rs[:1]
	}
	out := rs[:0:0]
	for _, r := range rs {
		if r.kind == locFiller || word && shouting && r.upper {
			continue
		}
		out = append(out, r)
	}
	return out
}

// locIsConj reports whether a phrase is "and"/"or" joining places: a
// conjunction reading that does not follow a place it could qualify
// ("Remote OR Hybrid" is a conjunction, "Portland OR" is Oregon).
func locIsConj(rs []locReading, before []locPhrase) bool {
	conj := false
	for _, r := range rs {
		if r.kind == locConj {
			conj = true
		}
	}
	if !conj {
		return false
	}
	if len(rs) == 1 || len(before) == 0 {
		return true
	}
	prev := before[len(before)-1]
	if prev.unknown {
		return false
	}
	for _, r := range prev.readings {
		if r.kind == locCity {
			return false
		}
	}
	return true
}

// locShouting reports whether a text of three words or more is written
// all in capitals.
func locShouting(words []locWord) bool {
	if len(words) < 3 {
		return false
	}
	for _, w := range words {
		for _, r := range w.orig {
			if unicode.IsLower(r) {
				return false
			}
		}
	}
	return true
}

// locNameLike reports whether an unknown phrase could be a city's name:
// letters, at most four words, not a number.
func locNameLike(p *locPhrase) bool {
	if p.words > 4 {
		return false
	}
	letters := 0
	for _, r := range p.text {
		if unicode.IsDigit(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// qualify reads p as a part of the place (its region or country) and
// reports whether it was one.
func (pl *locPlace) qualify(ix *locIndex, p *locPhrase) bool {
	var regions, nations []locReading
	cityAlso := false
	for _, r := range p.readings {
		switch r.kind {
		case locRegion:
			regions = append(regions, r)
		case locCountry:
			nations = append(nations, r)
		case locCity:
			cityAlso = true
			// "Austin, Austin, Texas": the same city again.
			if slices.Contains(pl.cands, r.city) {
				return true
			}
		}
	}
	if len(regions)+len(nations) == 0 {
		return false
	}
	if len(pl.alts) > 0 {
		return pl.qualifyArea(regions, nations)
	}
	// A region or country of one of the city readings.
	for _, r := range regions {
		if pl.keep(ix, r.country, r.region) {
			pl.country, pl.region = r.country, r.region
			return true
		}
	}
	if p.upper && len(p.text) <= 3 && pl.qualifyCode(ix, p) {
		return true
	}
	for _, r := range nations {
		if pl.keep(ix, r.country, "") {
			pl.country = r.country
			return true
		}
	}
	// A region within the country already known.
	if pl.country != "" {
		for _, r := range regions {
			if r.country == pl.country {
				pl.setRegion(ix, r.country, r.region)
				return true
			}
		}
		for _, r := range nations {
			if r.country == pl.country {
				return true
			}
		}
	}
	// Not the place of any city reading: a different city ("London,
	// Berlin") starts a new place; a region or country alone re-reads the
	// head as a city the table lacks ("Paris, Texas").
	if cityAlso && len(pl.cands) > 0 {
		return false
	}
	for _, r := range pl.head.readings {
		if r.kind == locCountry {
			// "Hong Kong, Mexico" is a list of countries.
			return false
		}
	}
	if pl.country != "" && pl.region != "" {
		return false
	}
	if len(regions) > 0 && (pl.country == "" || pl.country == regions[0].country) {
		pl.setRegion(ix, regions[0].country, regions[0].region)
		return true
	}
	if len(nations) > 0 && pl.country == "" {
		pl.country = nations[0].country
		pl.cands = pl.cands[:0]
		return true
	}
	return false
}

// qualifyArea reads p after a head that is a region or country: a
// country that one of its readings is in ("Georgia, USA", "California,
// United States"), or a region within its country ("Germany, Bavaria").
// Anything else is the next place ("Canada, USA").
func (pl *locPlace) qualifyArea(regions, nations []locReading) bool {
	filter := func(country, region string) bool {
		var left []locReading
		for _, a := range pl.alts {
			if a.country == country && (region == "" || a.kind == locCountry || a.region == region) {
				if a.kind == locCountry && region != "" {
					a = locReading{kind: locRegion, country: country, region: region}
				}
				left = append(left, a)
			}
		}
		if len(left) == 0 {
			return false
		}
		pl.alts = left
		return true
	}
	for _, r := range nations {
		if filter(r.country, "") {
			return true
		}
	}
	for _, r := range regions {
		if filter(r.country, r.region) {
			return true
		}
	}
	return false
}

// qualifyCode reads a short code in capitals after a city as the region
// of one of its readings ("Bengaluru, KA", "Zurich ZH").
func (pl *locPlace) qualifyCode(ix *locIndex, p *locPhrase) bool {
	if !p.upper || p.words != 1 || len(p.text) > 3 || len(pl.cands) == 0 {
		return false
	}
	code := strings.ReplaceAll(p.text, ".", "")
	for _, c := range pl.cands {
		e := ix.cities[c]
		if e.region == code && (pl.country == "" || pl.country == e.country) {
			pl.keep(ix, e.country, code)
			pl.country, pl.region = e.country, code
			return true
		}
	}
	return false
}

// keep filters the city readings to those in country (and region, when
// not ""), and reports whether any was left.
func (pl *locPlace) keep(ix *locIndex, country, region string) bool {
	if len(pl.cands) == 0 {
		return false
	}
	var left []int32
	for _, c := range pl.cands {
		e := ix.cities[c]
		if e.country == country && (region == "" || e.region == region) {
			left = append(left, c)
		}
	}
	if len(left) == 0 {
		return false
	}
	pl.cands = left
	return true
}

// setRegion sets a region that no city reading is in: the head is then a
// city the table lacks, kept as written.
func (pl *locPlace) setRegion(ix *locIndex, country, region string) {
	pl.country, pl.region = country, region
	if !pl.keep(ix, country, region) {
		pl.cands = pl.cands[:0]
	}
}

// resolve settles the place's country, region and city, and reports
// whether it has a country.
func (pl *locPlace) resolve(ix *locIndex) bool {
	if len(pl.cands) > 0 {
		e := ix.cities[pl.cands[0]]
		// A state or province alone beats a small city of its name.
		if pl.country == "" && e.pop < 500 {
			for _, r := range pl.head.readings {
				if r.kind == locRegion && slices.Contains(locRegionCodeCountries, r.country) {
					pl.country, pl.region = r.country, r.region
					return true
				}
			}
		}
		pl.country, pl.region, pl.city = e.country, e.region, e.name
		return true
	}
	if pl.country != "" {
		// A head the table does not place: the city as written, unless the
		// head is itself a country or region.
		isName := pl.head.unknown
		for _, r := range pl.head.readings {
			if r.kind == locCity {
				isName = true
			}
		}
		if isName {
			pl.city = locTitle(pl.head.text)
		}
		return true
	}
	for _, kind := range []locKind{locCountry, locRegion} {
		for _, r := range pl.alts {
			if r.kind == kind {
				pl.country, pl.region = r.country, r.region
				return true
			}
		}
	}
	return false
}

// locScope is the remote scope of the areas a text names.
func locScope(ix *locIndex, countries, groups, zones []string, world bool) string {
	if len(countries) == 0 && len(groups) == 0 {
		switch {
		case world:
			return jobstats.RemoteWorldwide
		case len(zones) > 0:
			return zones[0]
		}
		return ""
	}
	if len(groups) == 0 && len(countries) == 1 {
		return countries[0]
	}
	for _, g := range ix.groupBySize {
		members := ix.groupMembers[g]
		ok := true
		for _, c := range countries {
			if !members[c] {
				ok = false
				break
			}
		}
		for _, h := range groups {
			if !ok {
				break
			}
			for c := range ix.groupMembers[h] {
				if !members[c] {
					ok = false
					break
				}
			}
		}
		if ok {
			return g
		}
	}
	macros := map[string]bool{}
	for _, c := range countries {
		if m := ix.macro[c]; m != "" {
			macros[m] = true
		}
	}
	for _, g := range groups {
		switch g {
		case jobstats.RemoteEU, jobstats.RemoteEurope, jobstats.RemoteEMEA:
			macros[jobstats.RemoteEMEA] = true
		case jobstats.RemoteAPAC:
			macros[jobstats.RemoteAPAC] = true
		default:
			macros[jobstats.RemoteAmericas] = true
		}
	}
	if len(macros) >= 3 {
		return jobstats.RemoteWorldwide
	}
	return ""
}

// locTitle title-cases a name written in capitals ("PLEASANTON") and
// keeps any other spelling.
func locTitle(s string) string {
	s = jobstats.TrimSpace(s)
	if strings.ToUpper(s) != s || utf8.RuneCountInString(s) <= 3 {
		return s
	}
	var b strings.Builder
	first := true
	for _, r := range s {
		if unicode.IsLetter(r) {
			if first {
				b.WriteRune(unicode.ToUpper(r))
			} else {
				b.WriteRune(unicode.ToLower(r))
			}
			first = false
			continue
		}
		first = r == ' ' || r == '-'
		b.WriteRune(r)
	}
	return b.String()
}
