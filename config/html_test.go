package config_test

import (
	"reflect"
	"testing"

	"github.com/jobstats/jobstats/config"
)

func TestHTMLSourceLoads(t *testing.T) {
	c, err := config.Parse("j.yaml", []byte(`
sources:
  - name: acme
    kind: html
    start_urls: ["https://acme.example/careers"]
    next: "a[rel=next]"
    item: "ul.jobs > li"
    link: "a.title"
    fields:
      title: a.title
      location: {css: .where, all: true}
      posted: {css: time, attr: datetime}
    detail:
      description: "#description"
      salary: {css: .pay, regex: '(\$[\d,]+ - \$[\d,]+)'}
      company: {css: 'meta[property="og:site_name"]', attr: content}
`))
	if err != nil {
		t.Fatal(err)
	}
	s := c.Sources[0]
	if !reflect.DeepEqual(s.AllowedDomains, []string{"acme.example"}) {
		t.Errorf("allowed_domains = %q", s.AllowedDomains)
	}
	wantFields := &config.HTMLFields{
		Title:    config.Selector{CSS: "a.title"},
		Location: config.Selector{CSS: ".where", All: true},
		Posted:   config.Selector{CSS: "time", Attr: "datetime"},
	}
	wantDetail := &config.HTMLFields{
		Description: config.Selector{CSS: "#description"},
		Salary:      config.Selector{CSS: ".pay", Regex: `(\$[\d,]+ - \$[\d,]+)`},
		Company:     config.Selector{CSS: `meta[property="og:site_name"]`, Attr: "content"},
	}
	if !reflect.DeepEqual(s.Fields, wantFields) || !reflect.DeepEqual(s.Detail, wantDetail) {
		t.Errorf("fields %+v\ndetail %+v", s.Fields, s.Detail)
	}
	if v, _ := s.Value("fields"); v != "title: a.title; location: {css: .where, all: true}; posted: {css: time, attr: datetime}" {
		t.Errorf("Value(fields) = %q", v)
	}
	var keys []string
	s.Detail.Each(func(k string, _ config.Selector) { keys = append(keys, k) })
	if !reflect.DeepEqual(keys, []string{"company", "salary", "description"}) {
		t.Errorf("Each keys %q", keys)
	}
}
