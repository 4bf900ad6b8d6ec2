package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"

	"github.com/spf13/cobra"

	"github.com/jobstats/jobstats"
	"github.com/jobstats/jobstats/config"
	"github.com/jobstats/jobstats/parse"
)

func (a *app) parseCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "parse",
		Short: "Show how jobstats reads a salary, degree statement, title, skills, location or employment type",
		Long: `parse runs one of jobstats' text readers on each argument, or on each line
of standard input when there is none, and prints one JSON object a line: the
way to see why a listing got the number, role or degree it got.`,
	}
	cmd.AddCommand(
		a.parseSub("salary", "Parse salary text into min, max, currency, period and annual figures",
			`  jobstats parse salary '$120k–$150k + equity' '£450 - £550 per day (Outside IR35)'
  echo 'INR 18-25 LPA' | jobstats parse salary`, a.parseSalary),
		a.parseSub("degree", "Classify a degree statement: required, equivalent, preferred, not_required or unknown",
			`  jobstats parse degree "Bachelor's degree in CS or equivalent practical experience"`, func(text string) (any, error) {
				return struct {
					Text   string `json:"text"`
					Degree string `json:"degree"`
				}{text, parse.Degree(text).String()}, nil
			}),
		a.parseSub("title", "Derive the canonical role and seniority from a job title",
			`  jobstats parse title "Sr. Back-end Engineer (m/w/d) - Payments"`, a.parseTitle),
		a.parseSub("skills", "Find technologies and certifications in text",
			`  jobstats parse skills "Go, Postgres and K8s; CKA a plus"`, func(text string) (any, error) {
				skills, certs := parse.Skills(text), parse.Certifications(text)
				if skills == nil {
					skills = []string{}
				}
				if certs == nil {
					certs = []string{}
				}
				return struct {
					Text           string   `json:"text"`
					Skills         []string `json:"skills"`
					Certifications []string `json:"certifications"`
				}{text, skills, certs}, nil
			}),
		a.parseSub("location", "Read a location: country, region, city, remote and remote scope",
			`  jobstats parse location "London, ON" "Remote (EMEA)" "Bengaluru, Karnataka, India"
  echo 'Berlin, Germany; Remote' | jobstats parse location`, func(text string) (any, error) {
				return locationOf(text), nil
			}),
		a.parseSub("employment", "Normalize an employment type label or title: full_time, part_time, contract, ...",
			`  jobstats parse employment FULL_TIME Werkstudent "Backend Engineer (Contract)" "Smart Contract Engineer"`, func(text string) (any, error) {
				t := parse.EmploymentType(text)
				if t == "" {
					t = parse.EmploymentFromTitle(text)
				}
				if t == "" {
					t, _ = parse.EmploymentFromText(text)
				}
				return struct {
					Text           string `json:"text"`
					EmploymentType string `json:"employment_type"`
				}{text, t}, nil
			}),
	)
	return cmd
}

// locationJSON is the output of `jobstats parse location`: every key is
// always present, "" (or false) when unknown.
type locationJSON struct {
	Text        string   `json:"text"`
	Country     string   `json:"country"`
	Region      string   `json:"region"`
	City        string   `json:"city"`
	Remote      bool     `json:"remote"`
	RemoteScope string   `json:"remote_scope"`
	Workplace   string   `json:"workplace"`
	Countries   []string `json:"countries"`
	Market      string   `json:"market"`
}

func locationOf(text string) locationJSON {
	p := parse.Location(text)
	l := jobstats.Listing{Country: p.Country, RemoteScope: p.RemoteScope, Workplace: p.Workplace()}
	out := locationJSON{Text: text, Country: p.Country, Region: p.Region, City: p.City, Remote: p.Remote,
		RemoteScope: p.RemoteScope, Workplace: string(p.Workplace()), Countries: p.Countries, Market: l.Market()}
	if out.Countries == nil {
		out.Countries = []string{}
	}
	return out
}

// parseSub builds one `parse KIND` command around a function of one text.
func (a *app) parseSub(name, short, example string, fn func(string) (any, error)) *cobra.Command {
	return &cobra.Command{
		Use:     name + " [TEXT...]",
		Short:   short,
		Example: example,
		RunE: func(cmd *cobra.Command, args []string) error {
			enc := json.NewEncoder(a.stdout)
			enc.SetEscapeHTML(false)
			emit := func(text string) error {
				v, err := fn(text)
				if err != nil {
					return err
				}
				return enc.Encode(v)
			}
			if len(args) > 0 {
				for _, t := range args {
					if err := emit(t); err != nil {
						return err
					}
				}
				return nil
			}
			sc := bufio.NewScanner(a.stdin)
			sc.Buffer(make([]byte, 64*1024), 4<<20)
			for sc.Scan() {
				if err := emit(sc.Text()); err != nil {
					return err
				}
			}
			if err := sc.Err(); err != nil {
				return fmt.Errorf("read standard input: %w", err)
			}
			return nil
		},
	}
}

// salaryJSON is the output of `jobstats parse salary`: exactly these keys,
// null for every unknown value.
type salaryJSON struct {
	Text            string   `json:"text"`
	Min             *float64 `json:"min"`
	Max             *float64 `json:"max"`
	Currency        *string  `json:"currency"`
	Period          *string  `json:"period"`
	PeriodInferred  *bool    `json:"period_inferred"`
	AnnualMin       *float64 `json:"annual_min"`
	AnnualMax       *float64 `json:"annual_max"`
	AnnualMinReport *float64 `json:"annual_min_report"`
	AnnualMaxReport *float64 `json:"annual_max_report"`
}

func (a *app) parseSalary(text string) (any, error) {
	cfg, err := a.config()
	if err != nil {
		return nil, err
	}
	out := salaryJSON{Text: text}
	m, ok := parse.Salary(text)
	if !ok {
		return out, nil
	}
	s := m.Salary
	out.Min, out.Max = amountPtr(s.Min), amountPtr(s.Max)
	if s.Currency != "" {
		out.Currency = &s.Currency
	}
	if s.Period != jobstats.PeriodUnknown {
		p := string(s.Period)
		out.Period = &p
	}
	inferred := s.PeriodInferred
	out.PeriodInferred = &inferred
	out.AnnualMin, out.AnnualMinReport = annualFigures(cfg, s, s.Min)
	out.AnnualMax, out.AnnualMaxReport = annualFigures(cfg, s, s.Max)
	return out, nil
}

func amountPtr(a jobstats.Amount) *float64 {
	if a <= 0 {
		return nil
	}
	v := a.Units()
	return &v
}

// annualFigures returns one bound as a yearly amount in its own currency
// and in the report currency (nil where unknown).
func annualFigures(cfg config.Config, s jobstats.Salary, bound jobstats.Amount) (annual, report *float64) {
	if bound <= 0 {
		return nil, nil
	}
	v, ok := cfg.Annualization.Annual(bound.Units(), s.Period)
	if !ok {
		return nil, nil
	}
	v = round2(v)
	annual = &v
	if r, ok := cfg.CurrencyRates.Convert(v, s.Currency, cfg.ReportCurrency); ok {
		r = round2(r)
		report = &r
	}
	return annual, report
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

func (a *app) parseTitle(text string) (any, error) {
	role, level := parse.Title(text)
	if level == "" {
		level = jobstats.SeniorityMid
	}
	return struct {
		Text      string `json:"text"`
		Role      string `json:"role"`
		Seniority string `json:"seniority"`
	}{text, role, string(level)}, nil
}
