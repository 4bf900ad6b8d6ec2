package report

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/stats"
)

// ErrFormat is returned (wrapped) by NewListingWriter for a format other
// than csv, json or jsonl.
var ErrFormat = errors.New("unknown listing format")

// errClosed is returned by Write after Close.
var errClosed = errors.New("listing writer is closed")

// ListingColumns are the columns of the listing CSV, in order: the names
// JobSpy users already load into pandas first, then jobstats' own. See the
// package documentation for their meaning.
var ListingColumns = []string{
	"id", "site", "job_url", "title", "company", "location", "date_posted", "job_type", "is_remote",
	"interval", "min_amount", "max_amount", "currency", "salary_source", "job_level", "skills", "description",
	"role", "degree", "annual_min", "annual_max", "report_currency", "first_seen", "last_seen", "closed_at",
	"sources", "workplace", "salary_text", "certifications", "salary_excluded",
	"country", "region", "city", "remote_scope", "experience_years", "market", "employment_type", "pay_type",
}

// ListingWriter writes listings one at a time in an export format. It holds
// no listing after Write returns, so memory does not grow with the number
// of listings. Close writes what the format needs at the end and flushes;
// it does not close the underlying writer.
type ListingWriter interface {
	Write(l *jobstats.Listing) error
	Close() error
}

// NewListingWriter returns a ListingWriter to w in format "csv" (a header of
// ListingColumns, then one row per listing), "jsonl" (one JSON object a
// line) or "json" (one array, streamed: an object a line between "[" and
// "]"). Annual figures use opts (zero fields take the stats defaults). It
// returns an error wrapping ErrFormat for any other format.
func NewListingWriter(w io.Writer, format string, opts stats.Options) (ListingWriter, error) {
	opts = statsDefaults(opts)
	switch strings.ToLower(format) {
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(ListingColumns); err != nil {
			return nil, fmt.Errorf("write listing csv header: %w", err)
		}
		return &csvListings{cw: cw, opts: opts, row: make([]string, len(ListingColumns))}, nil
	case "json", "jsonl":
		jw := &jsonListings{bw: bufio.NewWriterSize(w, 64<<10), opts: opts, array: format == "json"}
		jw.enc = json.NewEncoder(&jw.buf)
		jw.enc.SetEscapeHTML(false)
		if jw.array {
			jw.bw.WriteString("[")
		}
		return jw, nil
	}
	return nil, fmt.Errorf("new listing writer: %w %q (want csv, json or jsonl)", ErrFormat, format)
}

// statsDefaults fills the options the listing export needs, without
// building the default rate table more than once per writer.
func statsDefaults(o stats.Options) stats.Options {
	if o.Currency == "" {
		o.Currency = "USD"
	}
	o.Currency = strings.ToUpper(o.Currency)
	if o.Rates.Base == "" && len(o.Rates.Rates) == 0 {
		o.Rates = jobstats.DefaultRates()
	}
	if o.Annualization == (jobstats.Annualization{}) {
		o.Annualization = jobstats.DefaultAnnualization()
	}
	if o.Plausible == [2]float64{} {
		o.Plausible = stats.DefaultPlausible
	}
	return o
}

// amountCell formats a stated amount in units, "" for an open bound:
// "120000", "45.5", "45.25".
func amountCell(a jobstats.Amount) string {
	if a <= 0 {
		return ""
	}
	return number(a.Units())
}

func dateCell(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

// sources returns every source the listing was seen on, at least its own.
func sources(l *jobstats.Listing) []string {
	if len(l.Sources) == 0 && l.Source != "" {
		return []string{l.Source}
	}
	return l.Sources
}

type csvListings struct {
	cw     *csv.Writer
	opts   stats.Options
	row    []string
	closed bool
}

func (c *csvListings) Write(l *jobstats.Listing) error {
	if c.closed {
		return errClosed
	}
	r := c.row
	clear(r)
	r[0], r[1], r[2], r[3], r[4], r[5] = l.ID, l.Source, l.URL, l.Title, l.Company, l.Location
	r[6], r[7], r[8] = dateCell(l.PostedAt), l.EmploymentType, strconv.FormatBool(l.Workplace.IsRemote())
	if s := l.Salary; s != nil {
		r[9], r[10], r[11], r[12], r[13] = string(s.Period), amountCell(s.Min), amountCell(s.Max), s.Currency, string(s.From)
	}
	r[14], r[15], r[16] = string(l.Seniority), strings.Join(l.Skills, ", "), l.Description
	r[17], r[18] = stats.RoleOf(l), l.Degree.String()
	min, max, why := stats.Annual(l, c.opts)
	if min > 0 {
		r[19] = number(min)
	}
	if max > 0 {
		r[20] = number(max)
	}
	r[21] = c.opts.Currency
	r[22], r[23], r[24] = timeCell(l.FirstSeen), timeCell(l.LastSeen), timeCell(l.ClosedAt)
	r[25], r[26], r[27] = strings.Join(sources(l), ", "), string(l.Workplace), l.SalaryText
	r[28], r[29] = strings.Join(l.Certifications, ", "), string(why)
	r[30], r[31], r[32], r[33] = l.Country, l.Region, l.City, l.RemoteScope
	if l.ExperienceYears > 0 {
		r[34] = strconv.Itoa(l.ExperienceYears)
	}
	r[35], r[36], r[37] = stats.MarketOf(l), stats.EmploymentOf(l.EmploymentType), string(stats.PayTypeOf(l))
	for i := range r {
		r[i] = Neutralize(r[i])
	}
	if err := c.cw.Write(r); err != nil {
		return fmt.Errorf("write listing %s: %w", l.ID, err)
	}
	return nil
}

func (c *csvListings) Close() error {
	if c.closed {
		return nil
	}
	c.closed = true
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		return fmt.Errorf("close listing csv: %w", err)
	}
	return nil
}

// listingJSON is the JSON and JSON Lines listing object; see the package
// documentation for the schema.
type listingJSON struct {
	ID             string      `json:"id"`
	Site           string      `json:"site"`
	Sources        []string    `json:"sources"`
	JobURL         string      `json:"job_url"`
	Title          string      `json:"title"`
	Company        string      `json:"company"`
	Location       string      `json:"location"`
	DatePosted     *string     `json:"date_posted"`
	JobType        string      `json:"job_type"`
	IsRemote       bool        `json:"is_remote"`
	Workplace      string      `json:"workplace"`
	Salary         *salaryJSON `json:"salary"`
	SalaryText     string      `json:"salary_text"`
	AnnualMin      *float64    `json:"annual_min"`
	AnnualMax      *float64    `json:"annual_max"`
	ReportCurrency string      `json:"report_currency"`
	SalaryExcluded *string     `json:"salary_excluded"`
	JobLevel       string      `json:"job_level"`
	Role           string      `json:"role"`
	Degree         string      `json:"degree"`
	Skills         []string    `json:"skills"`
	Certifications []string    `json:"certifications"`
	Description    string      `json:"description"`
	FirstSeen      *string     `json:"first_seen"`
	LastSeen       *string     `json:"last_seen"`
	ClosedAt       *string     `json:"closed_at"`
	Country        *string     `json:"country"`
	Region         *string     `json:"region"`
	City           *string     `json:"city"`
	RemoteScope    *string     `json:"remote_scope"`
	Experience     *int        `json:"experience_years"`
	Market         string      `json:"market"`
	EmploymentType *string     `json:"employment_type"`
	PayType        string      `json:"pay_type"`
}

type salaryJSON struct {
	MinAmount      *float64 `json:"min_amount"`
	MaxAmount      *float64 `json:"max_amount"`
	Currency       string   `json:"currency"`
	Interval       string   `json:"interval"`
	PeriodInferred bool     `json:"period_inferred"`
	SalarySource   string   `json:"salary_source"`
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optFloat(v float64) *float64 {
	if v <= 0 {
		return nil
	}
	v = roundCents(v)
	return &v
}

func roundCents(v float64) float64 {
	f, _ := strconv.ParseFloat(number(v), 64)
	return f
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// jsonOf builds the JSON object of l.
func jsonOf(l *jobstats.Listing, opts stats.Options) listingJSON {
	o := listingJSON{
		ID: l.ID, Site: l.Source, Sources: nonNil(sources(l)), JobURL: l.URL,
		Title: l.Title, Company: l.Company, Location: l.Location,
		DatePosted: optString(dateCell(l.PostedAt)), JobType: l.EmploymentType,
		IsRemote: l.Workplace.IsRemote(), Workplace: string(l.Workplace),
		SalaryText: l.SalaryText, ReportCurrency: opts.Currency,
		JobLevel: string(l.Seniority), Role: stats.RoleOf(l), Degree: l.Degree.String(),
		Skills: nonNil(l.Skills), Certifications: nonNil(l.Certifications),
		Description: l.Description,
		FirstSeen:   optString(timeCell(l.FirstSeen)), LastSeen: optString(timeCell(l.LastSeen)),
		ClosedAt: optString(timeCell(l.ClosedAt)),
		Country:  optString(l.Country), Region: optString(l.Region), City: optString(l.City),
		RemoteScope: optString(l.RemoteScope), Market: stats.MarketOf(l),
		EmploymentType: optString(stats.EmploymentOf(l.EmploymentType)), PayType: string(stats.PayTypeOf(l)),
	}
	if l.ExperienceYears > 0 {
		y := l.ExperienceYears
		o.Experience = &y
	}
	if s := l.Salary; s != nil {
		o.Salary = &salaryJSON{
			MinAmount: optFloat(s.Min.Units()), MaxAmount: optFloat(s.Max.Units()),
			Currency: s.Currency, Interval: string(s.Period), PeriodInferred: s.PeriodInferred,
			SalarySource: string(s.From),
		}
	}
	min, max, why := stats.Annual(l, opts)
	o.AnnualMin, o.AnnualMax = optFloat(min), optFloat(max)
	o.SalaryExcluded = optString(string(why))
	return o
}

type jsonListings struct {
	bw     *bufio.Writer
	buf    bytes.Buffer
	enc    *json.Encoder
	opts   stats.Options
	array  bool
	n      int
	closed bool
}

func (j *jsonListings) Write(l *jobstats.Listing) error {
	if j.closed {
		return errClosed
	}
	j.buf.Reset()
	if err := j.enc.Encode(jsonOf(l, j.opts)); err != nil {
		return fmt.Errorf("encode listing %s: %w", l.ID, err)
	}
	b := j.buf.Bytes()
	if j.array {
		// "[\n{...}" then ",\n{...}": one object a line inside the array.
		sep := ",\n"
		if j.n == 0 {
			sep = "\n"
		}
		j.bw.WriteString(sep)
		b = bytes.TrimSuffix(b, []byte("\n"))
	}
	if _, err := j.bw.Write(b); err != nil {
		return fmt.Errorf("write listing %s: %w", l.ID, err)
	}
	j.n++
	if j.buf.Cap() > 1<<20 {
		j.buf = bytes.Buffer{} // do not keep one huge description's buffer
	}
	return nil
}

func (j *jsonListings) Close() error {
	if j.closed {
		return nil
	}
	j.closed = true
	if j.array {
		if j.n > 0 {
			j.bw.WriteByte('\n')
		}
		j.bw.WriteString("]\n")
	}
	if err := j.bw.Flush(); err != nil {
		return fmt.Errorf("close listing json: %w", err)
	}
	return nil
}
