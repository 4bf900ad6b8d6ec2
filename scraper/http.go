package scraper

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/jobstats/jobstats/config"
)

// fetcher is the client of the API source kinds: it builds GET (and, for
// Workday's search, POST) requests,
// sends them through a politeTransport (see there for rate, parallelism,
// retries, timeouts and size caps), follows up to 10 redirects, and turns
// statuses into errors. Build one per crawl with newFetcher; it is safe
// for concurrent use.
//
// Every request carries the configured User-Agent and an Accept header
// (callers may override Accept, or add headers such as an API key,
// through hdr). A status other than 2xx fails with the status and the
// first 200 bytes of the body.
//
// Conditional requests: get sends If-None-Match and
// If-Modified-Since from opts.Validators (when set) and report
// notModified=true on a 304; on a 200 they store the response's ETag and
// Last-Modified. Use them for the FIRST page of a crawl only: a 304 has no
// body, so later pages and detail pages must use getPlain. A
// paged source must call forget(firstURL) when the first page did not hold
// the whole board, or when any later page failed, so that the next crawl
// re-reads everything instead of trusting a 304 on page one.
type fetcher struct {
	t          *politeTransport
	client     *http.Client
	validators Validators
	log        *slog.Logger
}

// newFetcher builds the client for one crawl of src. It fails for
// settings config rejects (a bad rate, a negative value).
func newFetcher(src config.Source, opts Options) (*fetcher, error) {
	t, err := newPoliteTransport(src, opts, politeOptions{})
	if err != nil {
		return nil, err
	}
	return &fetcher{
		t:          t,
		client:     &http.Client{Transport: t, CheckRedirect: limitRedirects},
		validators: opts.Validators,
		log:        t.log,
	}, nil
}

// limitRedirects stops after maxRedirects hops.
func limitRedirects(_ *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("stopped after %d redirects", maxRedirects)
	}
	return nil
}

// parallelism is how many requests the fetcher keeps in flight per host.
func (f *fetcher) parallelism() int { return f.t.pol.Parallelism }

// maxPages is the source's max_pages: how many index pages one crawl
// reads at most.
func (f *fetcher) maxPages() int { return f.t.pol.MaxPages }

// get fetches rawURL conditionally (see fetcher) and returns the body.
// notModified is true, with a nil body, when the server answered 304.
func (f *fetcher) get(ctx context.Context, rawURL string, hdr http.Header) (body []byte, notModified bool, err error) {
	return f.fetch(ctx, rawURL, hdr, nil, true)
}

// getPlain fetches rawURL without conditional headers and returns the body.
func (f *fetcher) getPlain(ctx context.Context, rawURL string, hdr http.Header) ([]byte, error) {
	body, _, err := f.fetch(ctx, rawURL, hdr, nil, false)
	return body, err
}

// post sends payload to rawURL with POST (never conditionally) and returns
// the response body. It is retried like a GET: the APIs that take a POST
// for a search (Workday) change nothing on the server.
func (f *fetcher) post(ctx context.Context, rawURL string, hdr http.Header, payload []byte) ([]byte, error) {
	if payload == nil {
		payload = []byte{}
	}
	body, _, err := f.fetch(ctx, rawURL, hdr, payload, false)
	return body, err
}

// forget drops the stored validators of rawURL, so that the next crawl
// fetches it in full.
func (f *fetcher) forget(rawURL string) {
	if f.validators != nil {
		f.validators.SetValidator(rawURL, "", "")
	}
}

var utf8BOM = []byte("\xef\xbb\xbf")

// statusError is an HTTP response with a status the fetcher does not accept.
type statusError struct {
	URL      string
	Status   int
	Body     string // the first 200 bytes
	Attempts int    // > 0 when retries were given up
}

func (e *statusError) Error() string {
	msg := fmt.Sprintf("get %s: %d %s", e.URL, e.Status, http.StatusText(e.Status))
	if b := bodyLine(e.Body); b != "" {
		msg += ": " + b
	}
	if e.Attempts > 0 {
		msg += fmt.Sprintf(" (gave up after %d attempts)", e.Attempts)
	}
	return msg
}

// bodyLine is the start of an error body as one line, for messages and
// run records: an HTML page's text, every run of spaces and line breaks
// one space.
func bodyLine(body string) string {
	if strings.HasPrefix(strings.TrimSpace(body), "<") {
		body = plainText(body)
	}
	return strings.Join(strings.FieldsFunc(body, func(r rune) bool { return r == '\n' || isSpace(r) }), " ")
}

// fetch sends one GET of rawURL (a POST of payload when payload is not
// nil) and returns its body, or notModified on a 304 to a conditional
// request.
func (f *fetcher) fetch(ctx context.Context, rawURL string, hdr http.Header, payload []byte, conditional bool) ([]byte, bool, error) {
	body, notModified, _, err := f.do(ctx, rawURL, hdr, payload, conditional)
	return body, notModified, err
}

// getPage fetches rawURL plainly and returns its body and the address it
// came from after redirects.
func (f *fetcher) getPage(ctx context.Context, rawURL string, hdr http.Header) ([]byte, *url.URL, error) {
	body, _, final, err := f.do(ctx, rawURL, hdr, nil, false)
	return body, final, err
}

// do is fetch that also returns the address of the response (after
// redirects; nil when there was none).
func (f *fetcher) do(ctx context.Context, rawURL string, hdr http.Header, payload []byte, conditional bool) (_ []byte, _ bool, final *url.URL, _ error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, false, nil, fmt.Errorf("get %s: %w", rawURL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, false, nil, fmt.Errorf("get %s: scheme %q is not http or https", rawURL, u.Scheme)
	}
	method, reqBody := http.MethodGet, io.Reader(nil)
	if payload != nil {
		method, reqBody = http.MethodPost, bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, rawURL, reqBody)
	if err != nil {
		return nil, false, nil, fmt.Errorf("get %s: %w", rawURL, err)
	}
	for k, vs := range hdr {
		req.Header[k] = append([]string(nil), vs...)
	}
	req.Header.Set("User-Agent", f.t.userAgent)
	if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "*/*")
	}
	if conditional {
		setConditional(req.Header, f.validators, rawURL)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, false, nil, fmt.Errorf("get %s: %w", rawURL, context.Cause(ctx))
		}
		return nil, false, nil, fmt.Errorf("get %s: %w", rawURL, unwrapURLError(err))
	}
	defer resp.Body.Close()
	final = resp.Request.URL
	body, err := bodyBytes(resp)
	if err != nil {
		return nil, false, final, fmt.Errorf("get %s: read body: %w", rawURL, err)
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		if !conditional {
			return nil, false, final, fmt.Errorf("get %s: 304 Not Modified to an unconditional request", rawURL)
		}
		return nil, true, final, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		serr := &statusError{URL: rawURL, Status: resp.StatusCode, Body: string(body[:min(len(body), 200)])}
		if m, ok := resp.Body.(*memBody); ok {
			serr.Attempts = m.attempts
		}
		return nil, false, final, serr
	}
	if conditional {
		rememberValidators(f.validators, rawURL, resp.Header)
	}
	return body, false, final, nil
}

// setConditional adds If-None-Match and If-Modified-Since for rawURL from
// vals, when it holds any.
func setConditional(h http.Header, vals Validators, rawURL string) {
	if vals == nil {
		return
	}
	etag, lastMod := vals.Validator(rawURL)
	if etag != "" {
		h.Set("If-None-Match", etag)
	}
	if lastMod != "" {
		h.Set("If-Modified-Since", lastMod)
	}
}

// rememberValidators stores the ETag and Last-Modified of a 200 for
// rawURL, when the response has any.
func rememberValidators(vals Validators, rawURL string, h http.Header) {
	if vals == nil {
		return
	}
	etag, lastMod := h.Get("ETag"), h.Get("Last-Modified")
	if etag != "" || lastMod != "" {
		vals.SetValidator(rawURL, etag, lastMod)
	}
}
