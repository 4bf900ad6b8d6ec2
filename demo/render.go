package demo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"strconv"
	"strings"
)

// boardName is the demo board's name as its pages show it.
const boardName = "Hirewire"

// esc escapes text for HTML element content and quoted attribute values.
var esc = html.EscapeString

// ldPosting is a schema.org JobPosting in the field order boards emit.
type ldPosting struct {
	Context                       string `json:"@context,omitempty"`
	Type                          any    `json:"@type"`
	Title                         string `json:"title"`
	Description                   string `json:"description"`
	Identifier                    any    `json:"identifier,omitempty"`
	DatePosted                    string `json:"datePosted"`
	ValidThrough                  string `json:"validThrough,omitempty"`
	EmploymentType                any    `json:"employmentType,omitempty"`
	HiringOrganization            any    `json:"hiringOrganization"`
	JobLocation                   any    `json:"jobLocation,omitempty"`
	JobLocationType               string `json:"jobLocationType,omitempty"`
	ApplicantLocationRequirements any    `json:"applicantLocationRequirements,omitempty"`
	BaseSalary                    any    `json:"baseSalary,omitempty"`
	SalaryCurrency                string `json:"salaryCurrency,omitempty"`
	EducationRequirements         any    `json:"educationRequirements,omitempty"`
	ExperienceInPlaceOfEducation  *bool  `json:"experienceInPlaceOfEducation,omitempty"`
	ExperienceRequirements        any    `json:"experienceRequirements,omitempty"`
	Skills                        string `json:"skills,omitempty"`
	DirectApply                   bool   `json:"directApply"`
	URL                           string `json:"url"`
}

// obj is a JSON object; encoding/json writes its keys sorted, so "@type" first.
type obj = map[string]any

// slug is a URL-safe form of a company name.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(name) {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b.WriteRune(c)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// place is a schema.org Place for a city.
func place(c country, ct city) obj {
	addr := obj{"@type": "PostalAddress", "addressLocality": ct.name, "addressCountry": c.code}
	if ct.region != "" {
		addr["addressRegion"] = ct.region
	}
	return obj{"@type": "Place", "address": addr}
}

// descriptionHTML renders the description blocks as an HTML fragment.
func descriptionHTML(bs []block) string {
	var b strings.Builder
	inList := false
	for _, bl := range bs {
		if bl.tag == "li" && !inList {
			b.WriteString("<ul>")
			inList = true
		}
		if bl.tag != "li" && inList {
			b.WriteString("</ul>")
			inList = false
		}
		b.WriteString("<" + bl.tag + ">")
		b.WriteString(esc(bl.text))
		b.WriteString("</" + bl.tag + ">")
	}
	if inList {
		b.WriteString("</ul>")
	}
	return b.String()
}

// jsonLD renders the posting's JSON-LD block content.
func (p *posting) jsonLD(base, descHTML string) []byte {
	jp := ldPosting{
		Type:        "JobPosting",
		Title:       p.Title,
		Description: descHTML,
		Identifier:  obj{"@type": "PropertyValue", "name": boardName, "value": p.ID},
		DatePosted:  p.datePosted,
		URL:         base + "/job/" + p.ID,
	}
	if p.typeArray {
		jp.Type = []string{"JobPosting"}
	}
	jp.ValidThrough = p.Posted.AddDate(0, 0, 60).Format("2006-01-02") + "T23:59:59Z"
	jp.EmploymentType = p.EmploymentType
	if p.empArray {
		jp.EmploymentType = []string{p.EmploymentType}
	}
	if p.orgString {
		jp.HiringOrganization = p.Company
	} else {
		jp.HiringOrganization = obj{"@type": "Organization", "name": p.Company, "sameAs": "https://" + slug(p.Company) + ".example"}
	}
	if p.Remote {
		jp.JobLocationType = "TELECOMMUTE"
		if p.Country != "" {
			jp.ApplicantLocationRequirements = obj{"@type": "Country", "name": p.country.name}
		} else {
			jp.ApplicantLocationRequirements = obj{"@type": "AdministrativeArea", "name": p.country.name}
		}
	} else if p.city2 != nil {
		jp.JobLocation = []obj{place(*p.country, p.city), place(*p.country, *p.city2)}
	} else {
		jp.JobLocation = place(*p.country, p.city)
	}
	if s := p.Structured; s != nil {
		switch p.salaryShape {
		case 0:
			jp.BaseSalary = obj{"@type": "MonetaryAmount", "currency": s.Currency,
				"value": obj{"@type": "QuantitativeValue", "minValue": s.Min, "maxValue": s.Max, "unitText": s.Unit}}
		case 1:
			jp.BaseSalary = obj{"@type": "MonetaryAmount", "currency": s.Currency,
				"value": obj{"@type": "QuantitativeValue", "value": s.Min, "unitText": s.Unit}}
		case 2:
			jp.BaseSalary = obj{"@type": "MonetaryAmount", "currency": s.Currency, "value": s.Min}
		case 3:
			jp.BaseSalary = s.Min
			jp.SalaryCurrency = s.Currency
		}
	}
	jp.EducationRequirements = p.eduLD
	if p.expInPlace {
		t := true
		jp.ExperienceInPlaceOfEducation = &t
	}
	if p.months > 0 {
		jp.ExperienceRequirements = obj{"@type": "OccupationalExperienceRequirements", "monthsOfExperience": p.months}
	}
	jp.Skills = p.skillsLD

	var v any
	switch p.shape {
	case 1:
		v = obj{"@context": "https://schema.org", "@graph": []any{
			obj{"@type": "Organization", "@id": base + "/#organization", "name": boardName, "url": base + "/"},
			jp,
		}}
	case 2:
		jp.Context = "https://schema.org"
		v = []any{jp, obj{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": []obj{
			{"@type": "ListItem", "position": 1, "name": "Jobs", "item": base + "/jobs?page=1"},
			{"@type": "ListItem", "position": 2, "name": p.Title, "item": base + "/job/" + p.ID},
		}}}
	default:
		jp.Context = "https://schema.org"
		v = jp
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if p.indent && !p.Malformed {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		panic("demo: encode JSON-LD: " + err.Error()) // only plain data above
	}
	out := bytes.TrimSpace(buf.Bytes())
	if p.Malformed {
		out = malform(out, p.malform)
	}
	return out
}

// malform breaks JSON the ways real pages do: a truncated block, a
// trailing comma, a JavaScript-style unquoted key.
func malform(b []byte, kind int) []byte {
	switch kind {
	case 0:
		return b[:len(b)*2/3]
	case 1:
		i := bytes.LastIndexByte(b, '}')
		return slicesInsert(b, i, []byte(",\n"))
	default:
		return bytes.Replace(b, []byte(`"hiringOrganization":`), []byte(`hiringOrganization:`), 1)
	}
}

func slicesInsert(b []byte, i int, ins []byte) []byte {
	out := make([]byte, 0, len(b)+len(ins))
	out = append(out, b[:i]...)
	out = append(out, ins...)
	return append(out, b[i:]...)
}

// head writes the start of a page up to and including <body>.
func head(b *bytes.Buffer, title, description string, extra string) {
	b.WriteString("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
	b.WriteString("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	fmt.Fprintf(b, "<title>%s</title>\n", esc(title))
	if description != "" {
		fmt.Fprintf(b, "<meta name=\"description\" content=\"%s\">\n", esc(description))
	}
	b.WriteString(extra)
	b.WriteString("<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem}" +
		"header,footer{display:flex;gap:1rem;justify-content:space-between}.meta{color:#555}ul.jobs{list-style:none;padding:0}" +
		"ul.jobs li{padding:.5rem 0;border-bottom:1px solid #eee}.apply{display:inline-block;padding:.5rem 1rem;background:#1a5;color:#fff}</style>\n")
	b.WriteString("</head>\n<body>\n<header><a href=\"/jobs?page=1\"><strong>" + boardName + "</strong></a>" +
		"<nav><a href=\"/jobs?page=1\">Jobs</a> <a href=\"/about\">About</a></nav></header>\n<main>\n")
}

// foot writes the end of a page.
func foot(b *bytes.Buffer, admin bool) {
	b.WriteString("</main>\n<footer><span>© 2026 " + boardName + " · a demo board built into jobstats</span><nav><a href=\"/about\">About</a>")
	if admin {
		b.WriteString(" <a href=\"/admin/\" rel=\"nofollow\">Employer admin</a>")
	}
	b.WriteString("</nav></footer>\n</body>\n</html>\n")
}

// page renders a job page.
func (bd *Board) jobPage(p *posting, base string) []byte {
	var b bytes.Buffer
	b.Grow(8 << 10)
	descHTML := descriptionHTML(p.blocks)
	ld := p.jsonLD(base, descHTML)
	extra := "<link rel=\"canonical\" href=\"/job/" + esc(p.ID) + "\">\n<script type=\"application/ld+json\">\n" + string(ld) + "\n</script>\n"
	head(&b, p.Title+" at "+p.Company+" – "+boardName, p.Title+" at "+p.Company+", "+p.Location, extra)
	b.WriteString("<article>\n")
	fmt.Fprintf(&b, "<h1>%s</h1>\n", esc(p.Title))
	fmt.Fprintf(&b, "<p class=\"meta\"><span class=\"company\">%s</span> · <span class=\"location\">%s</span> · <span>%s</span> · <time datetime=\"%s\">Posted %s</time></p>\n",
		esc(p.Company), esc(p.Location), esc(employmentLabel(p.EmploymentType)), esc(p.datePosted), p.Posted.Format("Jan 2, 2006"))
	if s := p.Structured; s != nil {
		fmt.Fprintf(&b, "<p class=\"salary\">%s</p>\n", esc(payLabel(*s)))
	}
	b.WriteString("<section class=\"description\">\n")
	b.WriteString(descHTML)
	b.WriteString("\n</section>\n")
	fmt.Fprintf(&b, "<p><a class=\"apply\" href=\"https://%s.example/careers/%s\">Apply on the company site</a></p>\n", slug(p.Company), esc(p.ID))
	b.WriteString("</article>\n")
	if len(p.similar) > 0 {
		b.WriteString("<aside><h2>Similar jobs</h2>\n<ul>\n")
		for _, i := range p.similar {
			q := &bd.posts[i]
			fmt.Fprintf(&b, "<li><a href=\"/job/%s\">%s</a> · %s</li>\n", esc(q.ID), esc(q.Title), esc(q.Company))
		}
		b.WriteString("</ul></aside>\n")
	}
	fmt.Fprintf(&b, "<p><a href=\"/jobs?page=%d\">← Back to all jobs</a></p>\n", bd.pageOf[p.ID])
	foot(&b, false)
	return b.Bytes()
}

// indexPage renders index page n (1-based).
func (bd *Board) indexPage(n int) []byte {
	var b bytes.Buffer
	b.Grow(8 << 10)
	pages := bd.Pages()
	var extra strings.Builder
	if n > 1 {
		fmt.Fprintf(&extra, "<link rel=\"prev\" href=\"/jobs?page=%d\">\n", n-1)
	}
	if n < pages {
		fmt.Fprintf(&extra, "<link rel=\"next\" href=\"/jobs?page=%d\">\n", n+1)
	}
	head(&b, fmt.Sprintf("Tech jobs – page %d of %d – %s", n, pages, boardName), "Software, data and product jobs in the US, Europe, Canada, India and Brazil.", extra.String())
	lo, hi := (n-1)*PerPage, min(n*PerPage, len(bd.posts))
	fmt.Fprintf(&b, "<h1>Tech jobs</h1>\n<p>Showing %d–%d of %d jobs, newest first.</p>\n<ul class=\"jobs\">\n", lo+1, hi, len(bd.posts))
	for i := lo; i < hi; i++ {
		p := &bd.posts[i]
		fmt.Fprintf(&b, "<li><a href=\"/job/%s\">%s</a><br><span class=\"company\">%s</span> · <span class=\"location\">%s</span> · <time datetime=\"%s\">%s</time></li>\n",
			esc(p.ID), esc(p.Title), esc(p.Company), esc(p.Location), p.Posted.Format("2006-01-02"), p.Posted.Format("Jan 2"))
	}
	b.WriteString("</ul>\n<nav class=\"pager\">")
	if n > 1 {
		fmt.Fprintf(&b, "<a rel=\"prev\" href=\"/jobs?page=%d\">← Previous</a> ", n-1)
	}
	fmt.Fprintf(&b, "<span>Page %d of %d</span>", n, pages)
	if n < pages {
		fmt.Fprintf(&b, " <a rel=\"next\" href=\"/jobs?page=%d\">Next →</a>", n+1)
	}
	b.WriteString("</nav>\n")
	foot(&b, n == 1)
	return b.Bytes()
}

// aboutPage renders /about: JSON-LD, but no JobPosting.
func (bd *Board) aboutPage(base string) []byte {
	var b bytes.Buffer
	ld, _ := json.Marshal(obj{"@context": "https://schema.org", "@type": "Organization", "name": boardName, "url": base + "/",
		"description": "A synthetic job board built into jobstats for offline demonstrations."})
	head(&b, "About "+boardName, "About the "+boardName+" demo job board.",
		"<script type=\"application/ld+json\">"+string(ld)+"</script>\n")
	fmt.Fprintf(&b, "<h1>About %s</h1>\n<p>%s is a demo job board built into jobstats. Every one of its %d listings is synthetic, generated from seed %d; any resemblance to real employers is a coincidence.</p>\n",
		boardName, boardName, len(bd.posts), bd.opts.Seed)
	b.WriteString("<p>It is meant to be crawled: robots.txt asks crawlers to stay out of /admin/, a few job pages carry broken JSON-LD on purpose, and this page holds no job posting at all.</p>\n")
	foot(&b, false)
	return b.Bytes()
}

// employmentLabel is the human label of a schema.org employment type.
func employmentLabel(t string) string {
	switch t {
	case "FULL_TIME":
		return "Full-time"
	case "PART_TIME":
		return "Part-time"
	case "CONTRACTOR":
		return "Contract"
	case "INTERN":
		return "Internship"
	}
	return t
}

// payLabel is structured pay as the page body shows it.
func payLabel(s Pay) string {
	amount := func(v float64) string { return group(int64(v), ",") }
	per := map[string]string{"HOUR": " an hour", "DAY": " a day", "WEEK": " a week", "MONTH": " a month", "YEAR": " a year"}[s.Unit]
	if s.Min == s.Max {
		return s.Currency + " " + amount(s.Min) + per
	}
	return s.Currency + " " + amount(s.Min) + " – " + amount(s.Max) + per
}

// robots is the board's robots.txt.
const robots = "# " + boardName + " demo board\nUser-agent: *\nDisallow: /admin/\n"

// atoiPage parses a page number, 0 when invalid.
func atoiPage(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0
	}
	return n
}
