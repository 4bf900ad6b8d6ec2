package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/jobstats/jobstats/config"
	"github.com/jobstats/jobstats/scraper"
)

// maxConcurrentDiscoveries bounds how many career pages are looked at at
// once (each on its own host, each polite on its own).
const maxConcurrentDiscoveries = 4

func (a *app) sourcesDiscoverCommand() *cobra.Command {
	var file string
	cmd := &cobra.Command{
		Use:   "discover URL... [--file FILE]",
		Short: "Find the job board behind career pages and print source entries for them",
		Long: `discover looks at each company career page given (as arguments, or one per
line in --file; "-" reads stdin; blank lines and # comments are skipped) and
finds the job board behind it: Greenhouse, Lever, Ashby, Workday,
SmartRecruiters, Workable, Recruitee, Personio, Teamtailor or Comeet, from
the address, its redirects and the page's links, iframes and scripts; else
schema.org JobPosting JSON-LD on the page or on the job pages it links to.

It prints a YAML source entry for each board found, ready to paste under
'sources:' in the config (every entry is checked by the config loader
first), and a comment for each page it could not classify. The exit status
is 1 when any page could not be fetched or classified.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			urls := append([]string(nil), args...)
			if file != "" {
				more, err := a.readURLFile(file)
				if err != nil {
					return err
				}
				urls = append(urls, more...)
			}
			if len(urls) == 0 {
				return fmt.Errorf("%w: give career page URLs as arguments or in --file", errUsage)
			}
			cfg, err := a.config()
			if err != nil {
				return err
			}
			opts := scraper.Options{UserAgent: cfg.UserAgent, Logger: a.logger(), Now: a.now, Env: a.getenv}
			return a.discover(cmd.Context(), urls, opts)
		},
	}
	cmd.Flags().StringVar(&file, "file", "", `read career page URLs from FILE, one per line ("-" for stdin)`)
	return cmd
}

// readURLFile reads URLs one per line, skipping blank lines and # comments.
func (a *app) readURLFile(path string) ([]string, error) {
	var r io.Reader = a.stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("read urls: %w", err)
		}
		defer f.Close()
		r = f
	}
	var out []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read urls from %s: %w", path, err)
	}
	return out, nil
}

// discover classifies urls (a few at a time), prints the entries in the
// order given, and fails when any page was not classified.
func (a *app) discover(ctx context.Context, urls []string, opts scraper.Options) error {
	type result struct {
		d   scraper.Discovery
		err error
	}
	results := make([]result, len(urls))
	sem := make(chan struct{}, maxConcurrentDiscoveries)
	var wg sync.WaitGroup
	for i, u := range urls {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			d, err := scraper.Discover(ctx, u, opts)
			results[i] = result{d, err}
		})
	}
	wg.Wait()

	names := map[string]int{}
	var out bytes.Buffer
	var entries []config.Source
	failed := 0
	for _, r := range results {
		d := r.d
		switch {
		case r.err != nil:
			failed++
			fmt.Fprintf(&out, "# %s: could not be fetched: %v\n\n", d.URL, r.err)
			continue
		case !d.Found():
			failed++
			fmt.Fprintf(&out, "# %s: no job board found: %s\n\n", d.URL, d.Evidence)
			continue
		}
		s := d.Source
		// Names must be unique: a second acme is acme-2.
		if n := names[s.Name]; n > 0 {
			names[s.Name]++
			s.Name += "-" + strconv.Itoa(n+1)
		} else {
			names[s.Name] = 1
		}
		if s.Kind == "comeet" {
			s.TokenEnv = "COMEET_TOKEN_" + strings.ToUpper(strings.ReplaceAll(s.Name, "-", "_"))
		}
		b, err := s.YAML()
		if err != nil {
			return fmt.Errorf("discover %s: %w", d.URL, err)
		}
		fmt.Fprintf(&out, "# %s: %s (%s)\n", d.URL, d.Board, d.Evidence)
		for _, n := range d.Notes {
			if d.Source.TokenEnv != "" {
				n = strings.ReplaceAll(n, d.Source.TokenEnv, s.TokenEnv)
			}
			fmt.Fprintf(&out, "# note: %s\n", n)
		}
		out.WriteString(listItem(b))
		out.WriteString("\n")
		entries = append(entries, s)
	}
	// Every entry must load as it is printed.
	if len(entries) > 0 {
		var doc strings.Builder
		doc.WriteString("sources:\n")
		for _, s := range entries {
			b, _ := s.YAML()
			for _, line := range strings.SplitAfter(listItem(b), "\n") {
				if line != "" {
					doc.WriteString("  " + line)
				}
			}
		}
		if _, err := config.Parse("discovered sources", []byte(doc.String())); err != nil {
			return fmt.Errorf("discovered sources do not load (a bug in discover): %w", err)
		}
	}
	if _, err := a.stdout.Write(out.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "%d of %d pages classified\n", len(urls)-failed, len(urls))
	if failed > 0 {
		if failed == 1 {
			return errors.New("1 page was not classified")
		}
		return fmt.Errorf("%d pages were not classified", failed)
	}
	return nil
}

// listItem turns a YAML mapping into a list item: "- " before its first
// line, two spaces before the others.
func listItem(b []byte) string {
	s := strings.TrimRight(string(b), "\n")
	return "- " + strings.ReplaceAll(s, "\n", "\n  ") + "\n"
}
