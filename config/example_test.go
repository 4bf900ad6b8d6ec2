package config_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/jobstats/jobstats/config"
)

func ExampleLoad() {
	c, err := config.Load("testdata/example.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("user agent:", c.UserAgent)
	fmt.Println("report currency:", c.ReportCurrency)
	for _, s := range c.Sources {
		fmt.Printf("%s (%s): %s, rate %s, parallelism %d, timeout %s, retries %d\n",
			s.Name, s.Kind, s.Schedule, s.Rate, s.Parallelism, s.Timeout, *s.Retries)
		for _, k := range s.Keys() {
			v, _ := s.Value(k)
			fmt.Printf("  %s: %s\n", k, v)
		}
	}
	// Output:
	// user agent: acme-research/1.0 (+mailto:ops@example.com)
	// report currency: USD
	// acme (greenhouse): @daily, rate 1/s, parallelism 4, timeout 30s, retries 3
	//   name: acme
	//   kind: greenhouse
	//   schedule: @daily
	//   rate: 1/s
	//   board: acme
}

func ExampleParse() {
	_, err := config.Parse("jobstats.yaml", []byte(`
sources:
  - name: acme
    kind: lever
    board: acme
    schedule: every day
`))
	fmt.Println(err)
	fmt.Println(errors.Is(err, config.ErrInvalid))
	// Output:
	// jobstats.yaml:3: sources[0].site: kind lever requires site
	// jobstats.yaml:5: sources[0].board: key board does not apply to kind lever
	// jobstats.yaml:6: sources[0].schedule: invalid schedule "every day": expected exactly 5 fields, found 2: [every day] (want 5 cron fields such as "0 */6 * * *" or a descriptor such as "@every 6h" or "@daily")
	// true
}

func ExampleParseRate() {
	for _, s := range []string{"2/min", "1/5s", "10/d", "2 per minute"} {
		r, err := config.ParseRate(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s: %d per %v, one request every %v\n", r, r.N, r.Per, r.Interval())
	}
	// Output:
	// 2/min: 2 per 1m0s, one request every 30s
	// 1/5s: 1 per 5s, one request every 5s
	// 10/d: 10 per 24h0m0s, one request every 2h24m0s
	// invalid rate "2 per minute": want requests per period, such as "2/min", "10/s" or "1/5s"
}

func ExampleSource_Politeness() {
	src := config.Source{Name: "careers", Kind: "jsonld", Rate: "1/5s", Delay: config.Duration(2 * time.Second)}
	p, err := src.Politeness()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("parallelism %d, interval %v, timeout %v, max body %d, retries %d, max pages %d\n",
		p.Parallelism, p.Interval, p.Timeout, p.MaxBodySize, p.Retries, p.MaxPages)
	// Output:
	// parallelism 4, interval 5s, timeout 30s, max body 10485760, retries 3, max pages 1000
}
