package web

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/jobstats/jobstats/report"
	"github.com/jobstats/jobstats/stats"
)

// siteMarker is the file that marks a directory as a site WriteSite
// wrote; it lists the files written, so that the next run removes them
// (and the pages of roles gone since) and nothing else.
const siteMarker = ".jobstats-site"

// SiteResult says what WriteSite wrote.
type SiteResult struct {
	// Pages is how many role pages in a market were written.
	Pages int
	// Files is how many files were written in all.
	Files int
}

// WriteSite writes the static site into dir: index.html with every role
// and market, a page per role (its markets) and per role and market (the
// report's figures, charts and tables), each page's data as data.json
// (the report JSON of its filter) and data.csv (the stats CSV), the
// stylesheet, sitemap.xml and robots.txt. dir must be empty, missing, or
// a site WriteSite wrote before (whose files it replaces). Every figure is
// computed in one call to o.Summaries.
func WriteSite(ctx context.Context, dir string, o Options) (SiteResult, error) {
	o = o.withDefaults()
	if o.Summaries == nil {
		return SiteResult{}, errNoSummarizer
	}
	old, err := prepareDir(dir)
	if err != nil {
		return SiteResult{}, err
	}

	// One batch: the whole report, each role, each page.
	base, err := o.Summaries.Summaries(ctx, Query{Filter: o.Base, MinOpenings: o.MinOpenings})
	if err != nil {
		return SiteResult{}, err
	}
	all := base[0]
	type pageRef struct{ role, market, marketName string }
	var qs []Query
	var pages []pageRef
	for _, r := range all.Roles {
		qs = append(qs, Query{Filter: withPlace(o.Base, r.Name, ""), MinOpenings: o.MinOpenings})
	}
	for _, r := range all.Roles {
		for _, m := range r.Markets {
			if m.HasPage {
				qs = append(qs, Query{Filter: withPlace(o.Base, r.Name, m.Market), MinOpenings: o.MinOpenings})
				pages = append(pages, pageRef{r.Name, m.Market, m.Name})
			}
		}
	}
	sums, err := o.Summaries.Summaries(ctx, qs...)
	if err != nil {
		return SiteResult{}, err
	}
	roleSums, pageSums := sums[:len(all.Roles)], sums[len(all.Roles):]

	history := map[string][]Point{}
	var latest []stats.Posting
	if o.Archive != nil {
		for _, r := range all.Roles {
			pts, err := o.Archive.History(ctx, r.Name, o.Base)
			if err != nil {
				return SiteResult{}, err
			}
			history[strings.ToLower(r.Name)] = pts
		}
		if o.Latest > 0 {
			if latest, err = o.Archive.Latest(ctx, o.Base, o.Latest); err != nil {
				return SiteResult{}, err
			}
		}
	}

	w := &siteWriter{dir: dir}
	w.file("style.css", func(out io.Writer) error { _, err := out.Write(styleCSS); return err })
	w.file("favicon.svg", func(out io.Writer) error { _, err := out.Write(faviconSVG); return err })
	iv := buildIndex(&all, history, "./", o.BaseURL, false, "")
	iv.CSP = metaCSP
	w.file("index.html", func(out io.Writer) error { return render(out, "index", iv) })
	w.data("", &all)
	urls := []string{""}
	for i := range all.Roles {
		rs := &roleSums[i]
		if len(rs.Roles) == 0 {
			continue
		}
		name := rs.Roles[0].Name
		path := rolePath(name)
		canon := ""
		if o.BaseURL != "" {
			canon = o.BaseURL + path
		}
		rv := buildRole(rs, history[strings.ToLower(name)], "../", canon, false, "")
		rv.CSP = metaCSP
		w.file(path+"index.html", func(out io.Writer) error { return render(out, "role", rv) })
		w.data(path, rs)
		urls = append(urls, path)
	}
	written := 0
	for i, ref := range pages {
		ps := &pageSums[i]
		if len(ps.Roles) == 0 || len(ps.Roles[0].Pages) == 0 {
			continue
		}
		role := &all.Roles[slices.IndexFunc(all.Roles, func(r stats.Role) bool { return r.Name == ref.role })]
		path := pagePath(ref.role, ref.market)
		v := buildPage(pageInput{
			sum:     ps,
			history: marketPoints(history[strings.ToLower(ref.role)], ref.market),
			latest:  latestOf(latest, ref.role, ref.market),
			root:    "../../",
			baseURL: o.BaseURL,
			path:    path,
			markets: marketLinks(role, ref.market, "../../", ""),
			command: pageCommand(&o, ref.role, ref.market),
		})
		v.CSP = metaCSP
		w.file(path+"index.html", func(out io.Writer) error { return render(out, "page", v) })
		w.data(path, ps)
		urls = append(urls, path)
		written++
	}
	w.file("sitemap.xml", func(out io.Writer) error { return sitemap(out, o.BaseURL, urls) })
	w.file("robots.txt", func(out io.Writer) error { return robots(out, o.BaseURL, "") })
	if w.err != nil {
		return SiteResult{}, w.err
	}
	if err := finishDir(dir, old, w.written); err != nil {
		return SiteResult{}, err
	}
	return SiteResult{Pages: written, Files: len(w.written)}, nil
}

// siteWriter writes files under dir and remembers them; the first error
// stops it.
type siteWriter struct {
	dir     string
	written []string
	err     error
}

func (w *siteWriter) file(name string, fn func(io.Writer) error) {
	if w.err != nil {
		return
	}
	w.err = writeFile(filepath.Join(w.dir, filepath.FromSlash(unescapePath(name))), fn)
	if w.err == nil {
		w.written = append(w.written, unescapePath(name))
	}
}

// data writes a page's data.json and data.csv.
func (w *siteWriter) data(path string, s *stats.Summary) {
	w.file(path+"data.json", func(out io.Writer) error { return report.JSON(out, *s) })
	w.file(path+"data.csv", func(out io.Writer) error { return report.StatsCSV(out, *s) })
}

// unescapePath turns a URL path of this site back into a file path.
func unescapePath(p string) string {
	if u, err := url.PathUnescape(p); err == nil {
		return u
	}
	return p
}

// writeFile writes a file beside its final name and renames it into place.
func writeFile(path string, fn func(io.Writer) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write site: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write site: %w", err)
	}
	bw := bufio.NewWriter(f)
	err = fn(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// prepareDir checks that dir may be written and returns the files of the
// site written there before.
func prepareDir(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return nil, fmt.Errorf("write site: %w", err)
	}
	data, err := os.ReadFile(filepath.Join(dir, siteMarker))
	if errors.Is(err, fs.ErrNotExist) {
		if len(entries) > 0 {
			return nil, fmt.Errorf("write site: %s is not empty and holds no site jobstats wrote (no %s): choose an empty or new directory", dir, siteMarker)
		}
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("write site: %w", err)
	}
	var old []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			old = append(old, l)
		}
	}
	return old, nil
}

// finishDir removes the files of the earlier site that this one did not
// write again (and the directories they leave empty), then records the
// files written.
func finishDir(dir string, old, written []string) error {
	keep := map[string]bool{}
	for _, f := range written {
		keep[f] = true
	}
	for _, f := range old {
		clean := filepath.Clean(filepath.FromSlash(f))
		if keep[f] || filepath.IsAbs(clean) || strings.HasPrefix(clean, "..") {
			continue
		}
		p := filepath.Join(dir, clean)
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("write site: remove stale %s: %w", p, err)
		}
		// Remove the directories it leaves empty, up to dir.
		for d := filepath.Dir(p); d != filepath.Clean(dir) && strings.HasPrefix(d, filepath.Clean(dir)); d = filepath.Dir(d) {
			if os.Remove(d) != nil {
				break
			}
		}
	}
	var b bytes.Buffer
	b.WriteString("# Files written by jobstats site; the next run replaces them.\n")
	for _, f := range written {
		b.WriteString(f + "\n")
	}
	return writeFile(filepath.Join(dir, siteMarker), func(w io.Writer) error { _, err := w.Write(b.Bytes()); return err })
}

// sitemap writes the sitemap of paths (relative to the root). With a base
// URL the locations are absolute; without, they are root-relative.
func sitemap(w io.Writer, base string, paths []string) error {
	type loc struct {
		Loc string `xml:"loc"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"urlset"`
		NS      string   `xml:"xmlns,attr"`
		URLs    []loc    `xml:"url"`
	}
	prefix := base
	if prefix == "" {
		prefix = "/"
	}
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, p := range paths {
		set.URLs = append(set.URLs, loc{prefix + p})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(set); err != nil {
		return fmt.Errorf("write sitemap: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// robots writes robots.txt: everything may be crawled but the API (for
// the live server: disallow), with the sitemap when its URL is absolute.
func robots(w io.Writer, base, disallow string) error {
	s := "User-agent: *\n"
	if disallow != "" {
		s += "Disallow: " + disallow + "\n"
	} else {
		s += "Allow: /\n"
	}
	if base != "" {
		s += "Sitemap: " + base + "sitemap.xml\n"
	}
	_, err := io.WriteString(w, s)
	return err
}
