package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jobstats/jobstats/report"
	"github.com/jobstats/jobstats/stats"
)

// Server serves the pages of the site live from the data, with filters,
// the JSON API, /healthz and /metrics. Every response carries the
// security headers (see SecurityHeaders). It is an http.Handler.
type Server struct {
	o     Options
	data  *cached
	mux   *http.ServeMux
	since []link
}

// NewServer returns a Server for o.
func NewServer(o Options) (*Server, error) {
	o = o.withDefaults()
	if o.Summaries == nil {
		return nil, errNoSummarizer
	}
	s := &Server{o: o, data: newCached(o), mux: http.NewServeMux(),
		since: []link{{Name: "Any time", Href: ""}, {Name: "Last 7 days", Href: "7d"}, {Name: "Last 30 days", Href: "30d"},
			{Name: "Last 90 days", Href: "90d"}, {Name: "Last year", Href: "365d"}}}
	s.mux.HandleFunc("GET /{$}", s.index)
	s.mux.HandleFunc("GET /style.css", static("text/css; charset=utf-8", styleCSS))
	s.mux.HandleFunc("GET /favicon.svg", static("image/svg+xml", faviconSVG))
	s.mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/favicon.svg", http.StatusMovedPermanently)
	})
	s.mux.HandleFunc("GET /robots.txt", s.robots)
	s.mux.HandleFunc("GET /sitemap.xml", s.sitemap)
	s.mux.HandleFunc("GET /healthz", s.healthz)
	s.mux.HandleFunc("GET /metrics", s.metrics)
	s.mux.HandleFunc("GET /api/v1/report", s.apiReport)
	s.mux.HandleFunc("GET /api/v1/history", s.apiHistory)
	s.mux.HandleFunc("GET /data.json", s.indexData)
	s.mux.HandleFunc("GET /data.csv", s.indexData)
	s.mux.HandleFunc("GET /{role}/{$}", s.role)
	s.mux.HandleFunc("GET /{role}/data.json", s.roleData)
	s.mux.HandleFunc("GET /{role}/data.csv", s.roleData)
	s.mux.HandleFunc("GET /{role}/{market}/{$}", s.page)
	s.mux.HandleFunc("GET /{role}/{market}/data.json", s.pageData)
	s.mux.HandleFunc("GET /{role}/{market}/data.csv", s.pageData)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { s.notFound(w, r, "no such page") })
	return s, nil
}

// SecurityHeaders sets the headers every response of the server carries:
// the Content-Security-Policy CSP, X-Content-Type-Options: nosniff,
// Referrer-Policy: no-referrer, X-Frame-Options: DENY and
// Cross-Origin-Opener-Policy: same-origin.
func SecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", CSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	SecurityHeaders(w.Header())
	s.mux.ServeHTTP(w, r)
}

func static(ctype string, body []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Cache-Control", "public, max-age=3600")
		w.Write(body)
	}
}

// fail answers an error: 400 for a bad parameter, 503 when the data
// cannot be read (logged).
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error, api bool) {
	code := http.StatusServiceUnavailable
	var bad badRequest
	if errors.As(err, &bad) {
		code = http.StatusBadRequest
	} else if !errors.Is(err, context.Canceled) {
		s.o.Logger.Warn("web request", "path", r.URL.Path, "err", err)
	}
	if api {
		writeJSON(w, code, map[string]string{"error": err.Error()})
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	fmt.Fprintln(w, err.Error())
}

// badRequest is an error in what the request asks for.
type badRequest struct{ err error }

func (b badRequest) Error() string { return b.err.Error() }
func (b badRequest) Unwrap() error { return b.err }

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request, why string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	v := struct {
		layout
		Why string
	}{layout{Title: "Not found", Root: "/", Generated: s.o.Now(), Live: true, CSP: metaCSP}, why}
	render(w, "notfound", v)
}

// filter reads the request's filters over the base; withPlace for the API.
func (s *Server) filter(r *http.Request, withPlace bool) (stats.Filter, error) {
	f, err := parseFilter(s.o.Base, r.URL.Query(), withPlace, s.o.ExpandCountries, s.o.Now())
	if err != nil {
		return stats.Filter{}, badRequest{err}
	}
	return f, nil
}

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	f, err := s.filter(r, false)
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	sum, err := s.data.summary(r.Context(), Query{Filter: f, MinOpenings: s.o.MinOpenings})
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	history := map[string][]Point{}
	for _, role := range sum.Roles {
		pts, err := s.data.history(r.Context(), role.Name, f)
		if err != nil {
			s.fail(w, r, err, false)
			return
		}
		history[strings.ToLower(role.Name)] = pts
	}
	v := buildIndex(&sum, history, "/", s.o.BaseURL, true, filterQuery(r.URL.Query()))
	v.CSP = metaCSP
	v.JSONHref, v.CSVHref = "/data.json"+filterQuery(r.URL.Query()), "/data.csv"+filterQuery(r.URL.Query())
	s.html(w, r, "index", v)
}

func (s *Server) html(w http.ResponseWriter, r *http.Request, name string, v any) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := render(w, name, v); err != nil {
		s.fail(w, r, err, false)
	}
}

// findRole returns the role whose slug is slug in the base summary.
func (s *Server) findRole(ctx context.Context, slug string) (*stats.Role, error) {
	sum, err := s.data.summary(ctx, Query{Filter: s.o.Base, MinOpenings: s.o.MinOpenings})
	if err != nil {
		return nil, err
	}
	for i := range sum.Roles {
		if Slug(sum.Roles[i].Name) == slug {
			return &sum.Roles[i], nil
		}
	}
	return nil, nil
}

func (s *Server) role(w http.ResponseWriter, r *http.Request) {
	role, err := s.findRole(r.Context(), r.PathValue("role"))
	if err != nil || role == nil {
		s.missing(w, r, err, "no role "+r.PathValue("role"))
		return
	}
	f, err := s.filter(r, false)
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	sum, err := s.data.summary(r.Context(), Query{Filter: withPlace(f, role.Name, ""), MinOpenings: s.o.MinOpenings})
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	if len(sum.Roles) == 0 {
		s.notFound(w, r, "no openings of "+role.Name+" match these filters")
		return
	}
	pts, err := s.data.history(r.Context(), role.Name, f)
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	canon := ""
	if s.o.BaseURL != "" {
		canon = s.o.BaseURL + rolePath(role.Name)
	}
	v := buildRole(&sum, pts, "/", canon, true, filterQuery(r.URL.Query()))
	v.CSP = metaCSP
	s.html(w, r, "role", v)
}

// missing answers a role or market that is not there, or the error that
// kept it from being looked up.
func (s *Server) missing(w http.ResponseWriter, r *http.Request, err error, why string) {
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	s.notFound(w, r, why)
}

// place finds the role and market of a page's path.
func (s *Server) place(ctx context.Context, r *http.Request) (role *stats.Role, market string, err error) {
	role, err = s.findRole(ctx, r.PathValue("role"))
	if err != nil || role == nil {
		return nil, "", err
	}
	for _, m := range role.Markets {
		if Slug(m.Market) == r.PathValue("market") {
			return role, m.Market, nil
		}
	}
	return role, "", nil
}

func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	role, market, err := s.place(ctx, r)
	if err != nil || market == "" {
		s.missing(w, r, err, "no page "+r.URL.Path)
		return
	}
	f, err := s.filter(r, false)
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	q := r.URL.Query()
	sums, err := s.data.summaries(ctx, Query{Filter: withPlace(f, role.Name, ""), MinOpenings: s.o.MinOpenings},
		Query{Filter: withPlace(f, role.Name, market), MinOpenings: 1})
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	ctl := s.controls(q, role)
	if len(sums[1].Roles) == 0 || len(sums[1].Roles[0].Pages) == 0 {
		// The page is there; no opening matches its filters (200, as a
		// search with no results).
		v := struct {
			layout
			Heading  string
			Controls *controls
			Why      string
		}{layout{Title: role.Name + " salaries", Root: "/", Generated: s.o.Now(), Live: true, CSP: metaCSP,
			Crumbs: []link{{Name: "All roles", Href: "/"}, {Name: role.Name, Href: "/" + rolePath(role.Name)}}},
			role.Name + " salaries", ctl, "No opening matches these filters."}
		s.html(w, r, "empty", v)
		return
	}
	markets := role
	if len(sums[0].Roles) > 0 {
		markets = &sums[0].Roles[0]
	}
	var pts []Point
	var latest []stats.Posting
	if s.o.Archive != nil {
		all, err := s.data.history(ctx, role.Name, f)
		if err != nil {
			s.fail(w, r, err, false)
			return
		}
		pts = marketPoints(all, market)
		if s.o.Latest > 0 {
			if latest, err = s.data.latest(ctx, withPlace(f, role.Name, market), s.o.Latest); err != nil {
				s.fail(w, r, err, false)
				return
			}
			latest = latestOf(latest, role.Name, market)
		}
	}
	fq := filterQuery(q)
	v := buildPage(pageInput{sum: &sums[1], history: pts, latest: latest, root: "/", baseURL: s.o.BaseURL,
		path: pagePath(role.Name, market), live: true, controls: ctl, markets: marketLinks(markets, market, "/", fq),
		command: pageCommand(&s.o, role.Name, market)})
	v.CSP = metaCSP
	v.JSONHref, v.CSVHref = "data.json"+fq, "data.csv"+fq
	if fq != "" {
		v.Command = ""
	}
	s.html(w, r, "page", v)
}

// controls returns the filter form of a page of role.
func (s *Server) controls(q url.Values, role *stats.Role) *controls {
	c := &controls{Action: "./", Workplace: q.Get(paramWorkplace), Seniority: q.Get(paramSeniority), Company: q.Get(paramCompany),
		Skill: q.Get(paramSkill), Since: q.Get(paramPostedSince), Levels: levelOptions(), SinceValues: s.since, Clear: "./"}
	if q.Has(paramRemote) {
		c.Workplace = paramRemote
	}
	c.Active = filterQuery(q) != ""
	for _, p := range role.Pages {
		for _, co := range p.Companies {
			c.Companies = append(c.Companies, co.Name)
		}
		for _, sk := range p.Skills {
			c.Skills = append(c.Skills, sk.Name)
		}
	}
	return c
}

func (s *Server) indexData(w http.ResponseWriter, r *http.Request) {
	f, err := s.filter(r, false)
	if err != nil {
		s.fail(w, r, err, true)
		return
	}
	s.writeData(w, r, Query{Filter: f, MinOpenings: s.o.MinOpenings})
}

func (s *Server) roleData(w http.ResponseWriter, r *http.Request) {
	role, err := s.findRole(r.Context(), r.PathValue("role"))
	if err != nil || role == nil {
		s.missing(w, r, err, "no role "+r.PathValue("role"))
		return
	}
	f, err := s.filter(r, false)
	if err != nil {
		s.fail(w, r, err, true)
		return
	}
	s.writeData(w, r, Query{Filter: withPlace(f, role.Name, ""), MinOpenings: s.o.MinOpenings})
}

func (s *Server) pageData(w http.ResponseWriter, r *http.Request) {
	role, market, err := s.place(r.Context(), r)
	if err != nil || market == "" {
		s.missing(w, r, err, "no page "+r.URL.Path)
		return
	}
	f, err := s.filter(r, false)
	if err != nil {
		s.fail(w, r, err, true)
		return
	}
	min := s.o.MinOpenings
	if filterQuery(r.URL.Query()) != "" {
		min = 1
	}
	s.writeData(w, r, Query{Filter: withPlace(f, role.Name, market), MinOpenings: min})
}

// writeData writes the summary of q as the report JSON, or as the stats
// CSV when the path ends in .csv.
func (s *Server) writeData(w http.ResponseWriter, r *http.Request, q Query) {
	sum, err := s.data.summary(r.Context(), q)
	if err != nil {
		s.fail(w, r, err, true)
		return
	}
	var b bytes.Buffer
	if strings.HasSuffix(r.URL.Path, ".csv") {
		err = report.StatsCSV(&b, sum)
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	} else {
		err = report.JSON(&b, sum)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
	}
	if err != nil {
		s.fail(w, r, err, true)
		return
	}
	w.Write(b.Bytes())
}

// apiReport answers /api/v1/report: the report JSON for the filters of the
// query (role, country, workplace, remote, onsite, company, source,
// seniority, skill, posted_since) and min_openings.
func (s *Server) apiReport(w http.ResponseWriter, r *http.Request) {
	f, err := s.filter(r, true)
	if err != nil {
		s.fail(w, r, err, true)
		return
	}
	min := s.o.MinOpenings
	if v := r.URL.Query().Get(paramMinOpenings); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			s.fail(w, r, badRequest{fmt.Errorf("%s %q: want 1 or more", paramMinOpenings, v)}, true)
			return
		}
		min = n
	}
	s.writeData(w, r, Query{Filter: f, MinOpenings: min})
}

// apiHistory answers /api/v1/history: a role's figures after every stored
// snapshot, per market.
func (s *Server) apiHistory(w http.ResponseWriter, r *http.Request) {
	f, err := s.filter(r, true)
	if err != nil {
		s.fail(w, r, err, true)
		return
	}
	if f.Role == "" {
		s.fail(w, r, badRequest{errors.New("role: required")}, true)
		return
	}
	if s.o.Archive == nil {
		writeJSON(w, http.StatusOK, []Point{})
		return
	}
	pts, err := s.data.history(r.Context(), f.Role, f)
	if err != nil {
		s.fail(w, r, err, true)
		return
	}
	if pts == nil {
		pts = []Point{}
	}
	writeJSON(w, http.StatusOK, pts)
}

// healthz answers 200 "ok" when the store can be read, else 503 with the
// reason.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
	defer cancel()
	var err error
	if s.o.Check != nil {
		err = s.o.Check(ctx)
	} else {
		_, err = s.o.Summaries.Summaries(ctx, Query{Filter: stats.Filter{Role: "\x00healthz"}})
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintln(w, "unhealthy:", err)
		return
	}
	fmt.Fprintln(w, "ok")
}

func (s *Server) metrics(w http.ResponseWriter, r *http.Request) {
	if s.o.Metrics == nil {
		s.notFound(w, r, "no metrics here")
		return
	}
	s.o.Metrics.ServeHTTP(w, r)
}

func (s *Server) robots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	robots(w, s.o.BaseURL, "/api/")
}

func (s *Server) sitemap(w http.ResponseWriter, r *http.Request) {
	sum, err := s.data.summary(r.Context(), Query{Filter: s.o.Base, MinOpenings: s.o.MinOpenings})
	if err != nil {
		s.fail(w, r, err, false)
		return
	}
	paths := []string{""}
	for _, role := range sum.Roles {
		paths = append(paths, rolePath(role.Name))
		for _, m := range role.Markets {
			if m.HasPage {
				paths = append(paths, pagePath(role.Name, m.Market))
			}
		}
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	sitemap(w, s.o.BaseURL, paths)
}

// IsLoopback reports whether addr (host:port) listens on loopback only.
// An empty host (all interfaces) is not loopback; "localhost" is.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Serve serves h on addr until ctx is done, then shuts down gracefully
// (waiting up to 10 seconds for requests in flight). ready, when not nil,
// is called with the address listened on (useful with port 0). The
// server has timeouts on reading headers and bodies, writing and idling.
func Serve(ctx context.Context, addr string, h http.Handler, ready func(addr string)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	if ready != nil {
		ready(ln.Addr().String())
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve %s: %w", addr, err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shut down %s: %w", addr, err)
	}
	<-done
	return nil
}
