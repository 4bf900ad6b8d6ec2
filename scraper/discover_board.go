package scraper

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/jobstats/jobstats/config"
)

// This file is the pure half of discovery: which job board an address
// belongs to, and the addresses of boards a page mentions.

// boardHit is a job board an address names.
type boardHit struct {
	// Board names the system for people ("Greenhouse", "Workday").
	Board string
	// Source is the source entry that crawls it: kind and the kind's keys;
	// no name yet.
	Source config.Source
	// Slug is the company's name in the board's addresses, for the
	// source's name.
	Slug string
}

// key identifies the board a hit names, whatever address named it.
func (h boardHit) key() string {
	s := h.Source
	return strings.Join([]string{s.Kind, s.Board, s.Site, s.Region, s.Company, s.Account, s.URL, s.CompanyUID}, "\x00")
}

// slugPattern is what a board slug looks like.
var slugPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$`)

// notSlugs are first path segments and subdomains that name a board's own
// pages, not a company.
var notSlugs = map[string]bool{
	"www": true, "app": true, "api": true, "embed": true, "static": true, "assets": true, "cdn": true,
	"help": true, "support": true, "blog": true, "docs": true, "status": true, "login": true, "signup": true,
	"careers": true, "jobs": true, "apply": true, "v0": true, "v1": true, "j": true, "widget": true,
	"resources": true, "developers": true, "static-assets": true, "scripts": true,
}

// pathSegs returns the non-empty segments of u's path.
func pathSegs(u *url.URL) []string {
	var out []string
	for _, s := range strings.Split(u.Path, "/") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// slugOK reports whether s can be a company's slug on a board.
func slugOK(s string) bool {
	return slugPattern.MatchString(s) && !notSlugs[strings.ToLower(s)]
}

// subdomain returns the label before suffix in host ("acme" for
// "acme.recruitee.com" and ".recruitee.com"), "" when host is not one
// label under suffix.
func subdomain(host, suffix string) string {
	rest, ok := strings.CutSuffix(host, suffix)
	if !ok || rest == "" || strings.Contains(rest, ".") || !slugOK(rest) {
		return ""
	}
	return rest
}

// boardFromURL returns the job board an address belongs to and the source
// that crawls it, or false: a board's public pages, its embed scripts and
// iframes, and its APIs are all recognised.
func boardFromURL(u *url.URL) (boardHit, bool) {
	if u == nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "") {
		return boardHit{}, false
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	segs := pathSegs(u)
	first := func() string {
		if len(segs) > 0 && slugOK(segs[0]) {
			return segs[0]
		}
		return ""
	}
	hit := func(board, kind, slug string, set func(*config.Source)) (boardHit, bool) {
		s := config.Source{Kind: kind}
		set(&s)
		return boardHit{Board: board, Source: s, Slug: slug}, true
	}
	switch host {
	case "boards.greenhouse.io", "job-boards.greenhouse.io", "boards.eu.greenhouse.io", "job-boards.eu.greenhouse.io":
		// The embed (iframe and script): /embed/job_board[/js]?for=acme.
		if len(segs) > 0 && segs[0] == "embed" {
			if b := u.Query().Get("for"); slugOK(b) {
				return hit("Greenhouse", "greenhouse", b, func(s *config.Source) { s.Board = b })
			}
			return boardHit{}, false
		}
		if b := first(); b != "" {
			return hit("Greenhouse", "greenhouse", b, func(s *config.Source) { s.Board = b })
		}
	case "boards-api.greenhouse.io", "boards-api.eu.greenhouse.io":
		if len(segs) >= 3 && segs[0] == "v1" && segs[1] == "boards" && slugOK(segs[2]) {
			b := segs[2]
			return hit("Greenhouse", "greenhouse", b, func(s *config.Source) { s.Board = b })
		}
	case "jobs.lever.co", "jobs.eu.lever.co":
		if site := first(); site != "" {
			return hit("Lever", "lever", site, func(s *config.Source) {
				s.Site = site
				if host == "jobs.eu.lever.co" {
					s.Region = "eu"
				}
			})
		}
	case "api.lever.co", "api.eu.lever.co":
		if len(segs) >= 3 && segs[0] == "v0" && segs[1] == "postings" && slugOK(segs[2]) {
			site := segs[2]
			return hit("Lever", "lever", site, func(s *config.Source) {
				s.Site = site
				if host == "api.eu.lever.co" {
					s.Region = "eu"
				}
			})
		}
	case "jobs.ashbyhq.com":
		if b := first(); b != "" {
			return hit("Ashby", "ashby", b, func(s *config.Source) { s.Board = b })
		}
	case "api.ashbyhq.com":
		if len(segs) >= 3 && segs[0] == "posting-api" && segs[1] == "job-board" && slugOK(segs[2]) {
			b := segs[2]
			return hit("Ashby", "ashby", b, func(s *config.Source) { s.Board = b })
		}
	case "careers.smartrecruiters.com", "jobs.smartrecruiters.com":
		if c := first(); c != "" {
			return hit("SmartRecruiters", "smartrecruiters", c, func(s *config.Source) { s.Company = c })
		}
	case "api.smartrecruiters.com":
		if len(segs) >= 3 && segs[0] == "v1" && segs[1] == "companies" && slugOK(segs[2]) {
			c := segs[2]
			return hit("SmartRecruiters", "smartrecruiters", c, func(s *config.Source) { s.Company = c })
		}
	case "apply.workable.com":
		if len(segs) >= 5 && segs[0] == "api" && segs[3] == "accounts" && slugOK(segs[4]) {
			a := segs[4] // /api/v1/widget/accounts/{account}
			return hit("Workable", "workable", a, func(s *config.Source) { s.Account = a })
		}
		if a := first(); a != "" {
			return hit("Workable", "workable", a, func(s *config.Source) { s.Account = a })
		}
	case "www.comeet.com", "comeet.com":
		// /jobs/{company}/{uid}[/...]
		if len(segs) >= 3 && segs[0] == "jobs" && comeetUID.MatchString(segs[2]) {
			uid, name := segs[2], segs[1]
			return hit("Comeet", "comeet", name, func(s *config.Source) { s.CompanyUID = uid })
		}
	case "www.comeet.co", "comeet.co":
		// /careers-api/2.0/company/{uid}/positions
		if len(segs) >= 4 && segs[0] == "careers-api" && segs[2] == "company" && comeetUID.MatchString(segs[3]) {
			uid := segs[3]
			return hit("Comeet", "comeet", "", func(s *config.Source) { s.CompanyUID = uid })
		}
	}
	if strings.HasSuffix(host, ".myworkdayjobs.com") || strings.HasSuffix(host, ".myworkdaysite.com") {
		if site, err := config.ParseWorkdayURL(u.Scheme+"://"+u.Host+u.Path, ""); err == nil && u.Scheme != "" {
			return hit("Workday", "workday", site.Tenant, func(s *config.Source) { s.URL = site.Home })
		}
		return boardHit{}, false
	}
	for _, b := range []struct{ suffix, board, kind string }{
		{".recruitee.com", "Recruitee", "recruitee"},
		{".jobs.personio.de", "Personio", "personio"},
		{".jobs.personio.com", "Personio", "personio"},
		{".teamtailor.com", "Teamtailor", "teamtailor"},
		{".workable.com", "Workable", "workable"},
	} {
		if c := subdomain(host, b.suffix); c != "" {
			if b.kind == "workable" {
				return hit(b.board, b.kind, c, func(s *config.Source) { s.Account = c })
			}
			return hit(b.board, b.kind, c, func(s *config.Source) { s.Company = c })
		}
	}
	return boardHit{}, false
}

// comeetUID matches a Comeet company or position uid ("F6.003", "18.767").
var comeetUID = regexp.MustCompile(`^[A-Z0-9]{1,4}\.[A-Z0-9]{1,5}$`)

// boardHosts finds addresses on job-board hosts anywhere in a page: links,
// iframes, scripts, inline JavaScript and data attributes alike.
var boardHosts = regexp.MustCompile(`(?i)(?:https?:)?//[a-z0-9.-]*(?:greenhouse\.io|lever\.co|ashbyhq\.com|myworkdayjobs\.com|myworkdaysite\.com|smartrecruiters\.com|workable\.com|recruitee\.com|personio\.de|personio\.com|teamtailor\.com|comeet\.com|comeet\.co)(?::\d+)?(?:/[^\s"'<>()\\{}|^` + "`" + `]*)?`)

// comeetWidget finds the company uid and token of Comeet's careers
// widget, which pages configure in a script ("company-uid": "F6.003").
var (
	comeetWidgetUID   = regexp.MustCompile(`["']?company[-_]uid["']?\s*[:=]\s*["']([A-Z0-9]{1,4}\.[A-Z0-9]{1,5})["']`)
	comeetWidgetToken = regexp.MustCompile(`["']?token["']?\s*[:=]\s*["']([A-Za-z0-9]{16,64})["']`)
)

// pageBoards returns the boards a page mentions, the most mentioned first
// (ties in order of first mention), each with the first address that
// named it.
func pageBoards(body []byte) []boardMention {
	text := strings.ReplaceAll(string(body), `\/`, `/`) // JSON-escaped slashes in scripts
	text = strings.ReplaceAll(text, "&amp;", "&")
	var out []boardMention
	idx := map[string]int{}
	add := func(h boardHit, evidence string) {
		k := h.key()
		if i, ok := idx[k]; ok {
			out[i].Count++
			return
		}
		idx[k] = len(out)
		out = append(out, boardMention{Hit: h, Evidence: evidence, Count: 1})
	}
	for _, m := range boardHosts.FindAllString(text, -1) {
		raw := m
		if strings.HasPrefix(raw, "//") {
			raw = "https:" + raw
		}
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		if h, ok := boardFromURL(u); ok {
			add(h, m)
		}
	}
	if m := comeetWidgetUID.FindStringSubmatch(text); m != nil {
		h := boardHit{Board: "Comeet", Source: config.Source{Kind: "comeet", CompanyUID: m[1]}}
		ev := "Comeet widget with company uid " + m[1]
		if t := comeetWidgetToken.FindStringSubmatch(text); t != nil {
			ev += " and token " + t[1]
		}
		add(h, ev)
	}
	// Most mentioned first; stable, so ties keep page order.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Count > out[j-1].Count; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// boardMention is a board a page mentions.
type boardMention struct {
	Hit      boardHit
	Evidence string // the first address (or widget) that named it
	Count    int
}
