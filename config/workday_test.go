package config_test

import (
	"strings"
	"testing"

	"github.com/jobstats/jobstats/config"
)

func TestParseWorkdayURL(t *testing.T) {
	for _, tt := range []struct {
		name, url, tenant string
		want              config.WorkdaySite
		err               string
	}{
		{name: "site", url: "https://salesforce.wd12.myworkdayjobs.com/External_Career_Site",
			want: config.WorkdaySite{Origin: "https://salesforce.wd12.myworkdayjobs.com", Tenant: "salesforce", Site: "External_Career_Site",
				Home: "https://salesforce.wd12.myworkdayjobs.com/External_Career_Site"}},
		{name: "locale and a job page", url: "https://Acme.WD5.myworkdayjobs.com/en-US/Careers/job/Berlin/Engineer_R1?q=x#top",
			want: config.WorkdaySite{Origin: "https://acme.wd5.myworkdayjobs.com", Tenant: "acme", Site: "Careers",
				Home: "https://acme.wd5.myworkdayjobs.com/en-US/Careers"}},
		{name: "no pod", url: "https://acme.myworkdayjobs.com/de/Karriere/",
			want: config.WorkdaySite{Origin: "https://acme.myworkdayjobs.com", Tenant: "acme", Site: "Karriere",
				Home: "https://acme.myworkdayjobs.com/de/Karriere"}},
		{name: "myworkdaysite", url: "https://wd3.myworkdaysite.com/en-US/recruiting/acme/External",
			want: config.WorkdaySite{Origin: "https://wd3.myworkdaysite.com", Tenant: "acme", Site: "External",
				Home: "https://wd3.myworkdaysite.com/en-US/recruiting/acme/External"}},
		{name: "mirror with tenant", url: "http://127.0.0.1:8080/Careers", tenant: "acme",
			want: config.WorkdaySite{Origin: "http://127.0.0.1:8080", Tenant: "acme", Site: "Careers", Home: "http://127.0.0.1:8080/Careers"}},
		{name: "tenant overrides", url: "https://acme.wd1.myworkdayjobs.com/Careers", tenant: "acme_holding",
			want: config.WorkdaySite{Origin: "https://acme.wd1.myworkdayjobs.com", Tenant: "acme_holding", Site: "Careers", Home: "https://acme.wd1.myworkdayjobs.com/Careers"}},
		{name: "mirror without tenant", url: "http://127.0.0.1:8080/Careers", err: "set tenant"},
		{name: "bare pod", url: "https://wd5.myworkdayjobs.com/Careers", err: "set tenant"},
		{name: "no site", url: "https://acme.wd1.myworkdayjobs.com", err: "names no careers site"},
		{name: "myworkdaysite without tenant", url: "https://wd3.myworkdaysite.com/recruiting/acme", err: "recruiting/{tenant}/{site}"},
		{name: "relative", url: "/Careers", err: "not an absolute"},
		{name: "ftp", url: "ftp://acme.wd1.myworkdayjobs.com/Careers", err: "not an absolute"},
		{name: "odd site", url: "https://acme.wd1.myworkdayjobs.com/Care%20ers", err: "may hold only"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := config.ParseWorkdayURL(tt.url, tt.tenant)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Errorf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Errorf("got %+v, %v\nwant %+v", got, err, tt.want)
			}
		})
	}
	site, _ := config.ParseWorkdayURL("https://acme.wd1.myworkdayjobs.com/Careers", "")
	if got := site.API(""); got != "https://acme.wd1.myworkdayjobs.com/wday/cxs/acme/Careers" {
		t.Errorf("API() = %q", got)
	}
	if got := site.API("http://127.0.0.1:9/wd/"); got != "http://127.0.0.1:9/wd/wday/cxs/acme/Careers" {
		t.Errorf("API(base) = %q", got)
	}
}
