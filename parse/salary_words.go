package parse

import "github.com/jobstats/jobstats"

// This file holds the vocabulary of the salary parser: words around an
// amount, currency symbols and codes, multiplier suffixes, and the
// per-currency pay scale that period inference rests on. All tables are
// built once and only read afterwards.

// salKind classifies a word met near an amount. A word may have several
// kinds (a bit set).
type salKind uint32

const (
	salKKeyword  salKind = 1 << iota // salary word before an amount: salary, pay, rate
	salKKeyAfter                     // salary word after an amount: base, gross, OTE, DOE
	salKNeg                          // money that is not pay: bonus, funding, stipend
	salKNegAfter                     // not pay when right after an amount: equity, budget
	salKCount                        // a count noun after a number: employees, users
	salKPrep                         // per, a, pro, par, por, al: a period noun may follow
	salKNoun                         // hour, day, month: a period only after a preposition
	salKStand                        // hourly, monthly, pa, pcm: a period on its own
	salKBefore                       // a period word that also counts before the amount
	salKUpTo                         // upto, max: the amount is an upper bound
	salKFrom                         // from, min, starting: the amount is a lower bound
	salKBetween                      // between X and Y
	salKLabel                        // level, band, grade: the number after it is not money
	salKDuration                     // years, months: "5 years" is a duration, not pay
	salKFiller                       // words skipped after an amount: brutto, netto, b2b
	salKStop                         // plus, and, with: the clause about the amount ends
	salKLookOn                       // in, of: look at the next word ("$50M in funding")
	salKTime                         // am, pm: "10pm" is a time of day
	salKWeak                         // a weak salary word before an amount: OTE, package, target
)

// salWord is what the vocabulary knows about a word.
type salWord struct {
	kind   salKind
	period jobstats.Period
}

const (
	salPH = jobstats.PeriodHour
	salPD = jobstats.PeriodDay
	salPW = jobstats.PeriodWeek
	salPM = jobstats.PeriodMonth
	salPY = jobstats.PeriodYear
)

// salWords maps lower-case words (ASCII folded; other letters as written)
// to their kinds.
var salWords = map[string]salWord{}

func salAdd(kind salKind, period jobstats.Period, words ...string) {
	for _, w := range words {
		e := salWords[w]
		e.kind |= kind
		if period != "" {
			e.period = period
		}
		salWords[w] = e
	}
}

func init() {
	// Period nouns: a period only after "per", "/", "a", "pro"...
	salAdd(salKNoun, salPH, "hour", "hr", "h", "uur", "hora", "heure", "stunde", "std", "godz", "godzinę", "godzine", "timme", "timmen", "tunti", "ora")
	salAdd(salKNoun, salPD, "day", "diem", "dag", "día", "dia", "jour", "tag", "dzień", "dzien", "giorno", "d")
	salAdd(salKNoun, salPW, "week", "wk", "woche", "semaine", "semana", "vecka", "uke", "tydzień", "tydzien", "settimana")
	salAdd(salKNoun, salPM, "month", "mo", "mth", "mnth", "monat", "mois", "mes", "mês", "maand", "miesiąc", "miesiac", "mies", "mc", "msc", "mån", "månad", "måned", "mese", "kk", "m", "månaden", "måneden", "lună", "luna", "hó")
	salAdd(salKNoun, salPY, "year", "yr", "annum", "jahr", "année", "annee", "año", "ano", "jaar", "rok", "år", "anno", "vuosi", "y", "året", "ar")
	// Plural nouns: durations straight after a bare number, periods after "per".
	salAdd(salKNoun|salKDuration, salPH, "hours", "hrs", "horas", "heures", "stunden", "godzin", "uren")
	salAdd(salKNoun|salKDuration, salPD, "days", "dias", "días", "jours", "tage", "dni", "dagen")
	salAdd(salKNoun|salKDuration, salPW, "weeks", "wks", "wochen", "semaines", "semanas", "tygodni")
	salAdd(salKNoun|salKDuration, salPM, "months", "mos", "mths", "monate", "meses", "maanden", "miesięcy")
	salAdd(salKNoun|salKDuration, salPY, "years", "yrs", "jahre", "jahren", "años", "anos", "ans", "lat", "jaar", "anni")
	salAdd(salKDuration, "", "minutes", "mins", "min", "seconds", "secs", "hour", "hr", "day", "week", "month", "year", "yr")
	// Stand-alone period words and abbreviations.
	salAdd(salKStand|salKBefore, salPH, "hourly", "stündlich", "stuendlich", "horaire", "stundenlohn", "stundensatz")
	salAdd(salKStand, salPH, "ph", "phr")
	salAdd(salKStand|salKBefore, salPD, "daily", "tagessatz", "diario", "diaria", "journalier")
	salAdd(salKStand, salPD, "pd", "pday")
	salAdd(salKStand|salKBefore, salPW, "weekly", "wöchentlich", "semanal", "hebdomadaire")
	salAdd(salKStand, salPW, "pw", "pwk")
	salAdd(salKStand|salKBefore, salPM, "monthly", "monatlich", "monatsgehalt", "mensual", "mensuales", "mensal", "mensais", "mensuel", "mensuelle", "mensile", "mensili", "maandelijks", "maandsalaris", "miesięcznie", "miesiecznie", "měsíčně", "mesicne", "havonta", "havi", "lunar", "lunară", "månadslön", "manadslon", "månatlig", "månedlig", "kuukausipalkka")
	salAdd(salKStand, salPM, "pcm", "pm", "pmo", "pmth")
	salAdd(salKStand|salKBefore, salPY, "annual", "annually", "yearly", "annualized", "annualised", "jährlich", "jaehrlich", "jahresgehalt", "bruttojahresgehalt", "jahresbrutto", "anual", "anuales", "anuais", "annuel", "annuelle", "annuo", "annui", "annua", "jaarlijks", "jaarsalaris", "rocznie", "ročně", "rocne", "évente", "évi", "anual", "årslön", "årlig", "årligt", "årlige", "vuosipalkka", "ctc", "ral")
	salAdd(salKStand, salPY, "pa", "pan", "p.a", "lpa", "py")
	// Prepositions before a period noun.
	salAdd(salKPrep, "", "per", "a", "an", "pro", "par", "por", "al", "na", "i", "im", "pr", "each", "every", "em", "om", "il", "au", "le", "la", "el", "za")
	// Keywords: a salary is near.
	salAdd(salKKeyword, "", "salary", "salaries", "compensation", "comp", "pay", "paying", "pays", "wage", "wages",
		"remuneration", "base", "rate", "rates", "range",
		"income", "gehalt", "jahresgehalt", "bruttojahresgehalt", "monatsgehalt", "vergütung", "verguetung", "verdienst", "lohn",
		"stundenlohn", "salário", "salario", "salarios", "salários", "sueldo", "sueldos", "salaire", "rémunération", "remuneração",
		"remuneración", "retribución", "retribuzione", "stipendio", "ral", "lön", "lönen", "månadslön", "lønn", "løn", "palkka",
		"wynagrodzenie", "pensja", "stawka", "salaris", "loon")
	salAdd(salKWeak, "", "ote", "target", "package", "band", "tc", "ctc", "basic", "earn", "earning", "earnings", "paid", "make",
		"makes", "earns", "offer", "offering", "offers")
	salAdd(salKKeyAfter, "", "base", "basic", "salary", "ote", "package", "doe", "negotiable", "neg", "ctc", "gross", "brutto",
		"bruto", "brut", "netto", "net", "neto", "b2b", "uop", "fixed", "tc")
	// After-amount filler: skipped while looking for a period.
	salAdd(salKFiller, "", "gross", "brutto", "bruto", "brutos", "brut", "brute", "bruts", "net", "netto", "neto", "netos", "nets",
		"b2b", "uop", "fixed", "bruttó", "nettó", "hrubého", "hrubá", "before", "competitive", "tax", "taxes", "pretax", "lordi", "lordo", "approx", "approximately", "base", "basic",
		"salary", "fte", "outside", "inside", "ir35", "usd", "full", "time", "fulltime", "total", "est", "estimated", "gehalt",
		"sueldo", "salario", "salário", "salaire", "excl", "exkl", "zzgl", "vat", "super", "superannuation", "contract",
		"contractor", "freelance", "rata", "prorata", "rate", "rates", "minimum", "maximum", "max", "min", "ea", "circa", "ca", "only", "cash",
		"target", "ote", "ctc", "doe", "negotiable", "neg", "dependent", "depending", "on", "experience")
	// Money that is not pay, before or after the amount, and only after it.
	salAdd(salKNeg, "", "bonus", "bonuses", "signing", "sign", "relocation", "stipend", "stipends", "allowance",
		"allowances", "reimbursement", "reimbursed", "raised", "raising", "funding", "funded", "backed", "valuation",
		"revenue", "revenues", "arr", "mrr", "gmv", "seed", "investment", "investments", "invested", "investors",
		"tuition", "donation", "donations", "donate", "grant", "grants", "prize", "prizes", "referral", "insurance",
		"coverage", "fee", "fees", "cost", "costs", "price", "priced", "pricing", "worth", "savings", "saved", "spent",
		"spend", "spending", "loan", "loans", "deposit", "discount", "quota", "quotas", "assets", "aum", "managed",
		"manage", "managing", "portfolio", "generated", "generating", "acquired", "acquisition", "ipo", "award", "awards",
		"401k", "hsa", "fsa", "hra", "gift", "gifts", "voucher", "vouchers", "recurring", "contributions", "contribution")
	salAdd(salKNegAfter, "", "learning", "wellness", "series", "round", "rounds", "equity", "commission", "commissions",
		"budget", "budgets", "match", "matching", "cap", "fund", "funds", "capital", "venture", "vc", "profit", "profits",
		"premium", "premiums", "credit", "credits", "shares", "perk", "perks", "contribution", "contributions",
		"incentive", "incentives", "rsu", "rsus", "turnover", "umsatz", "raise", "raises", "copay", "deductible",
		"education", "training", "home", "office", "phone", "internet", "gym", "meal", "meals", "lunch", "travel",
		"conference", "conferences", "device", "hardware", "equipment", "setup", "retention")
	salAdd(salKCount, "", "users", "customers", "employees", "people", "persons", "engineers", "developers", "members",
		"staff", "countries", "cities", "states", "offices", "locations", "companies", "clients", "businesses", "brands",
		"merchants", "partners", "organizations", "organisations", "teams", "downloads", "installs", "stars", "reviews",
		"ratings", "students", "patients", "hospitals", "schools", "projects", "products", "transactions", "requests",
		"visitors", "subscribers", "followers", "hires", "jobs", "roles", "positions", "openings", "seats", "beds", "stores",
		"restaurants", "shops", "sites", "languages", "sq", "ft", "km", "miles", "kg", "lbs", "gb", "tb", "mb", "ms", "x",
		"times", "shifts", "nights", "lines", "models", "servers", "nodes", "devices", "vehicles", "trucks", "units",
		"apartments", "homes", "properties", "points", "percent", "pct", "bps", "fortune", "startups",
		"customer", "user", "employee", "person", "engineer", "developer", "member", "country", "company", "client",
		"people's", "words", "pages", "tests", "releases", "commits", "repos", "repositories",
		"contributors", "researchers", "scientists", "designers", "nurses", "doctors", "physicians", "agents", "drivers",
		"volunteers", "workers", "colleagues", "teammates", "professionals", "experts", "specialists", "candidates",
		"applicants", "interviews", "rounds", "steps", "stages", "calls", "meetings", "events", "markets", "regions",
		"continents", "timezones", "zones", "floors", "rooms", "buildings", "acres", "hectares", "tons", "tonnes", "liters",
		"litres", "gallons", "mw", "kw", "gw", "ghz", "mhz", "fps", "rpm", "mph", "kmh", "cm", "mm", "inch", "inches",
		"feet", "meters", "metres", "yards", "lb", "oz", "ounces", "bits", "bytes", "kb", "pb", "qps", "rps",
		"tps", "ops", "iops", "nm", "µm", "k8s", "locales", "apps", "games", "holidays", "holiday", "vacation", "pto", "images", "word", "image", "task", "tasks", "visit", "visits", "titles", "episodes", "videos", "songs",
		"articles", "posts", "orders", "shipments", "deliveries", "packages", "parcels", "loads", "flights", "trips",
		"rides", "passengers", "guests", "covers", "tables", "children", "kids", "families", "households", "residents",
		"citizens", "voters", "donors", "alumni", "graduates", "dependents", "hotels", "facilities", "plants", "factories",
		"warehouses", "clinics", "branches", "outlets", "venues", "sessions", "lessons", "courses", "classes", "modules",
		"certifications", "patents", "papers", "publications", "citations")
	// Bounds and ranges.
	salAdd(salKUpTo, "", "upto", "max", "maximum", "till", "até", "hasta", "jusqu'à", "maks", "maksymalnie", "bis", "under",
		"below", "tot")
	salAdd(salKFrom, "", "from", "starting", "start", "starts", "min", "minimum", "ab", "od", "desde", "vanaf", "fra",
		"least", "over", "above", "partir", "dès", "des", "beginning", "begins", "minimal", "minimalnie", "från")
	salAdd(salKBetween, "", "between", "zwischen", "entre", "tussen", "mellan", "fra", "od", "von", "de", "tra")
	// Labels: the number after them is a level, a version, an address...
	salAdd(salKLabel, "", "level", "lvl", "levels", "band", "grade", "step", "tier", "year", "years", "phase", "version",
		"ver", "ios", "android", "python", "java", "node", "suite", "ste", "unit", "apt", "room", "floor", "no", "nr",
		"number", "num", "top", "fortune", "series", "round", "gen", "generation", "gpt", "web", "covid", "clause",
		"section", "article", "chapter", "page", "vol", "part", "age", "aged", "ages", "route", "highway", "interstate",
		"hwy", "building", "bldg", "schads", "award", "week", "day", "month", "class", "category", "cat", "type", "ref",
		"id", "job", "req", "reference", "code", "zip", "postcode", "po", "box", "call", "phone", "tel", "fax", "ext",
		"mobile", "whatsapp", "sms", "iso", "en", "din", "ww", "mk", "model", "sprint", "q", "quarter", "since", "est",
		"established", "founded", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct",
		"nov", "dec", "january", "february", "march", "april", "june", "july", "august", "september", "october",
		"november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon",
		"tue", "wed", "thu", "fri", "sat", "sun", "team", "squad", "batch", "cohort", "season", "rank", "ranked", "rated",
		"rating", "score", "scored", "windows", "macos", "ubuntu", "debian", "rhel", "centos", "php", "ruby", "rails",
		"angular", "vue", "react", "es", "ecmascript", "html", "css", "http", "ipv", "tls", "ssl", "oauth", "sql",
		"postgres", "postgresql", "mysql", "redis", "kafka", "spark", "hadoop", "scala", "kotlin", "swift", "go", "golang",
		"rust", "perl", "cpp", "net", "dotnet", "sdk", "api", "v", "rev", "release", "build", "patch", "update",
		"hospital", "street", "st", "ave", "avenue", "road", "rd", "blvd", "lane", "drive", "dr", "way", "place",
		"pl", "court", "ct", "square", "plaza", "pier", "dock", "gate", "terminal", "platform", "track", "lot",
		"block", "sector", "district", "zone", "area", "region", "state", "ward", "precinct")
	// Clause ends after an amount.
	salAdd(salKStop, "", "plus", "and", "with", "incl", "including", "inclusive", "includes", "depending", "dependent",
		"doe", "or", "und", "et", "y", "e", "oder", "ou", "o", "if", "when", "for", "to", "which", "that", "but")
	salAdd(salKLookOn, "", "in", "of", "de", "en", "an", "als", "as", "paid")
	salAdd(salKTime, "", "am", "pm")
}

// salLookup folds w (ASCII letters only) into buf and looks it up. Words
// longer than the buffer are unknown.
func salLookup(w string) salWord {
	var buf [32]byte
	if len(w) > len(buf) {
		return salWord{}
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return salWords[string(buf[:len(w)])]
}

// salEqFold reports whether a equals lower-case ASCII b, ignoring ASCII case.
func salEqFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		c := a[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != b[i] {
			return false
		}
	}
	return true
}

// Ambiguous currency symbols, resolved against the text and the default.
const (
	salAmbNone   = iota
	salAmbDollar // $: USD unless a code or the default says which dollar
	salAmbKr     // kr: SEK unless NOK or DKK is written
	salAmbYen    // ¥: JPY unless the default is CNY
)

// salSym is a currency symbol as written, possibly double-encoded.
type salSym struct {
	text string
	code string
	amb  uint8
}

// salSyms lists currency symbols, longer forms before the shorter forms
// they end or start with ("US$" before "$", "Â£" before "£").
var salSyms = []salSym{
	{"US$", "USD", 0}, {"U$S", "USD", 0}, {"USD$", "USD", 0}, {"CA$", "CAD", 0}, {"CAD$", "CAD", 0}, {"C$", "CAD", 0},
	{"AU$", "AUD", 0}, {"AUD$", "AUD", 0}, {"A$", "AUD", 0}, {"NZ$", "NZD", 0}, {"NZD$", "NZD", 0}, {"HK$", "HKD", 0},
	{"SG$", "SGD", 0}, {"S$", "SGD", 0}, {"MX$", "MXN", 0}, {"R$", "BRL", 0}, {"NT$", "TWD", 0}, {"$", "USD", salAmbDollar},
	{"\u00c2\u00a3", "GBP", 0}, {"£", "GBP", 0}, {"\u00e2\u201a\u00ac", "EUR", 0}, {"\u00e2\u0082\u00ac", "EUR", 0}, {"€", "EUR", 0},
	{"CN¥", "CNY", 0}, {"\u00c2\u00a5", "JPY", salAmbYen}, {"¥", "JPY", salAmbYen}, {"￥", "JPY", salAmbYen},
	{"\u00e2\u201a\u00b9", "INR", 0}, {"\u00e2\u0082\u00b9", "INR", 0}, {"₹", "INR", 0}, {"₩", "KRW", 0}, {"₪", "ILS", 0}, {"₱", "PHP", 0}, {"₽", "RUB", 0},
	{"₺", "TRY", 0}, {"₴", "UAH", 0}, {"₫", "VND", 0}, {"฿", "THB", 0}, {"₦", "NGN", 0}, {"円", "JPY", 0}, {"元", "CNY", 0},
}

// salSymByFirst and salSymByLast index salSyms by first and last byte.
var salSymByFirst, salSymByLast [256][]uint8

func init() {
	for i, s := range salSyms {
		f, l := s.text[0], s.text[len(s.text)-1]
		salSymByFirst[f] = append(salSymByFirst[f], uint8(i))
		salSymByLast[l] = append(salSymByLast[l], uint8(i))
	}
}

// salCurWord is a currency written as letters.
type salCurWord struct {
	code   string
	amb    uint8
	iso    bool // an ISO 4217 code: beats a symbol
	prefix bool // only before the amount ("R 500 000")
}

// salCodes holds ISO codes and abbreviations as written (case matters);
// salCurNames holds currency names, folded.
var salCodes = map[string]salCurWord{}
var salCurNames = map[string]salCurWord{}

func init() {
	for _, c := range []string{"USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "ISK", "PLN", "CZK",
		"HUF", "RON", "BGN", "INR", "JPY", "CNY", "HKD", "SGD", "KRW", "ILS", "BRL", "MXN", "ARS", "CLP", "COP", "PEN",
		"UYU", "ZAR", "PHP", "TRY", "AED", "SAR", "QAR", "UAH", "RUB", "IDR", "MYR", "THB", "VND", "TWD", "NGN", "KES",
		"EGP", "PKR", "BDT", "LKR", "GEL", "RSD", "KZT"} {
		salCodes[c] = salCurWord{code: c, iso: true}
	}
	salCodes["RMB"] = salCurWord{code: "CNY", iso: true}
	salCodes["NIS"] = salCurWord{code: "ILS", iso: true}
	salCodes["Rs"] = salCurWord{code: "INR"}
	salCodes["RS"] = salCurWord{code: "INR"}
	salCodes["R"] = salCurWord{code: "ZAR", prefix: true}
	salCodes["kr"] = salCurWord{code: "SEK", amb: salAmbKr}
	salCodes["Kr"] = salCurWord{code: "SEK", amb: salAmbKr}
	salCodes["KR"] = salCurWord{code: "SEK", amb: salAmbKr}
	salCodes["zł"] = salCurWord{code: "PLN"}
	salCodes["Zł"] = salCurWord{code: "PLN"}
	salCodes["ZŁ"] = salCurWord{code: "PLN"}
	salCodes["zl"] = salCurWord{code: "PLN"}
	salCodes["Kč"] = salCurWord{code: "CZK"}
	salCodes["Ft"] = salCurWord{code: "HUF"}
	salCodes["Fr"] = salCurWord{code: "CHF"}
	salCodes["SFr"] = salCurWord{code: "CHF"}
	salCodes["lei"] = salCurWord{code: "RON"}
	salCodes["TL"] = salCurWord{code: "TRY"}
	salCodes["RM"] = salCurWord{code: "MYR", prefix: true}
	salCodes["Rp"] = salCurWord{code: "IDR", prefix: true}
	salCodes["tkr"] = salCurWord{code: "SEK", amb: salAmbKr}
	for w, c := range map[string]string{
		"dollar": "USD", "dollars": "USD", "usd": "USD", "bucks": "USD", "euro": "EUR", "euros": "EUR", "eur": "EUR",
		"pound": "GBP", "pounds": "GBP", "sterling": "GBP", "gbp": "GBP", "rupee": "INR", "rupees": "INR", "yen": "JPY",
		"won": "KRW", "reais": "BRL", "złotych": "PLN", "zlotych": "PLN", "zloty": "PLN", "złoty": "PLN", "franc": "CHF",
		"francs": "CHF", "franken": "CHF", "shekel": "ILS", "shekels": "ILS", "kronor": "SEK", "krona": "SEK",
		"kroner": "NOK", "krone": "NOK", "rand": "ZAR", "baht": "THB", "ringgit": "MYR", "dirham": "AED",
		"dirhams": "AED", "yuan": "CNY", "renminbi": "CNY", "pesos": "MXN", "peso": "MXN", "lira": "TRY", "hryvnia": "UAH",
		"rubles": "RUB", "roubles": "RUB", "forint": "HUF", "korun": "CZK", "koruna": "CZK",
	} {
		salCurNames[w] = salCurWord{code: c}
	}
}

// salMult is a multiplier written after a number.
type salMult struct {
	mult float64
	cur  string // currency the unit implies (lakh: INR), or ""
	year bool   // LPA: lakh per annum
}

var salMults = map[string]salMult{
	"k": {mult: 1e3}, "m": {mult: 1e6}, "mm": {mult: 1e6}, "mn": {mult: 1e6}, "mio": {mult: 1e6},
	"million": {mult: 1e6}, "millions": {mult: 1e6}, "millones": {mult: 1e6}, "milhões": {mult: 1e6},
	"milioni": {mult: 1e6}, "miljoen": {mult: 1e6}, "mil": {mult: 1e3}, "thousand": {mult: 1e3}, "tausend": {mult: 1e3},
	"tsd": {mult: 1e3}, "tys": {mult: 1e3}, "tyś": {mult: 1e3}, "mille": {mult: 1e3}, "b": {mult: 1e9},
	"bn": {mult: 1e9}, "billion": {mult: 1e9}, "l": {mult: 1e5, cur: "INR"}, "lakh": {mult: 1e5, cur: "INR"},
	"lakhs": {mult: 1e5, cur: "INR"}, "lac": {mult: 1e5, cur: "INR"}, "lacs": {mult: 1e5, cur: "INR"},
	"lpa": {mult: 1e5, cur: "INR", year: true}, "cr": {mult: 1e7, cur: "INR"}, "crore": {mult: 1e7, cur: "INR"},
	"crores": {mult: 1e7, cur: "INR"}, "tkr": {mult: 1e3, cur: "SEK"}, "万": {mult: 1e4}, "万円": {mult: 1e4, cur: "JPY"},
	"万元": {mult: 1e4, cur: "CNY"}, "千": {mult: 1e3}, "k€": {mult: 1e3, cur: "EUR"},
}

// salScale says how pay in a currency compares with pay in USD, for
// inferring an unwritten period and judging plausibility.
//
// unit is how many units of the currency correspond to one US dollar of
// typical pay: the exchange rate scaled by how pay levels differ (a
// software engineer earning $120,000 in the US earns about ₹12 lakh in
// India, so INR has unit 10, not the exchange rate of ~88). An amount a
// divided by unit is its "US-pay equivalent" u, and the period is inferred
// from u with the bands below.
//
// monthly marks currencies whose job ads normally state monthly pay (PLN,
// BRL, ILS, CZK, INR outside LPA, ...): their month band reaches higher,
// so "₪40K" or "PLN 30 000" read as monthly.
type salScale struct {
	unit    float64
	monthly bool
}

// Period bands on the US-pay equivalent u: hour below hourMax, day below
// dayMax, month below monthMax, year above.
const (
	salHourMax       = 200
	salDayMax        = 2000
	salMonthMax      = 15000
	salMonthlyHour   = 150
	salMonthlyDay    = 600
	salMonthlyMonth  = 40000
	salINRMonthMax   = 25000
	salPlausibleLow  = 1000  // annual US-pay equivalent below this is implausible
	salPlausibleHigh = 5e6   // and above this
	salTypicalLow    = 10000 // annual US-pay equivalent in the typical band
	salTypicalHigh   = 1e6
)

var salScales = map[string]salScale{
	"USD": {1, false}, "CAD": {1.2, false}, "AUD": {1.2, false}, "NZD": {1.2, false}, "EUR": {0.6, false},
	"GBP": {0.55, false}, "CHF": {1.0, false}, "JPY": {60, false}, "KRW": {500, false}, "NOK": {6, false},
	"ISK": {100, false}, "SEK": {5, true}, "DKK": {5, true}, "PLN": {2, true}, "CZK": {8, true}, "HUF": {100, true},
	"RON": {1.2, true}, "BGN": {0.5, true}, "INR": {10, true}, "CNY": {3, true}, "HKD": {5, true}, "SGD": {1, true},
	"ILS": {3.5, true}, "BRL": {1.5, true}, "MXN": {6, true}, "ARS": {100, true}, "CLP": {250, true}, "COP": {1000, true},
	"PEN": {1.5, true}, "UYU": {15, true}, "ZAR": {6, true}, "PHP": {10, true}, "TRY": {10, true}, "AED": {3, true},
	"SAR": {3, true}, "QAR": {3, true}, "UAH": {20, true}, "RUB": {25, true}, "IDR": {2000, true}, "MYR": {1.5, true},
	"THB": {8, true}, "VND": {2500, true}, "TWD": {12, true}, "NGN": {100, true}, "KES": {25, true}, "EGP": {20, true},
	"PKR": {30, true}, "BDT": {30, true}, "LKR": {60, true}, "GEL": {1, true}, "RSD": {40, true}, "KZT": {150, true},
}

// salDollarCurrencies write their amounts with a bare "$".
var salDollarCurrencies = map[string]bool{
	"USD": true, "CAD": true, "AUD": true, "NZD": true, "SGD": true, "HKD": true, "MXN": true, "TWD": true,
	"ARS": true, "CLP": true, "COP": true, "UYU": true,
}
