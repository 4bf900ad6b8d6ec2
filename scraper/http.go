package scraper

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jobstats/jobstats/config"
)

// Defaults of the politeness settings, used when a config field is zero.
const (
	defaultParallelism = 4
	defaultTimeout     = 30 * time.Second
	defaultMaxBody     = 10 << 20 // 10 MiB
	defaultRetries     = 3

	// backoffBase and backoffMax bound the exponential backoff between
	// retries: attempt n waits a random duration in [0, min(max, base*2^n)).
	backoffBase = time.Second
	backoffMax  = time.Minute
	// maxRetryAfter caps how long a server's Retry-After can make us wait.
	maxRetryAfter = 5 * time.Minute
)

// fetcher is the polite HTTP client every JSON/XML source kind shares; build
// one per crawl with newFetcher. It is safe for concurrent use.
//
// Every request it sends:
//   - carries the configured User-Agent and an Accept header (callers may
//     override Accept, or add headers such as an API key, through hdr);
//   - waits for the per-host request budget: src.Rate ("2/min", "1/s",
//     "100/h") and src.Delay both set a minimum interval between the starts
//     of two requests to the same host (the larger wins; retries count);
//   - holds one of src.Parallelism slots (default 4) while in flight;
//   - is cancelled after src.Timeout (default 30s), body read included;
//   - reads at most src.MaxBodySize bytes (default 10 MiB) and fails with
//     "response larger than N bytes" beyond that;
//   - is retried src.Retries times (default 3; 0 disables) on timeouts,
//     connection errors, 429 and 5xx, with exponential backoff and full
//     jitter, or after the server's Retry-After (seconds or an HTTP date,
//     capped at 5 minutes) when it sends one. Other 4xx are not retried and
//     fail with the status and the first 200 bytes of the body.
//
// gzip is negotiated and decoded by the transport (opts.Transport, default
// http.DefaultTransport).
//
// Conditional requests: get and getJSON send If-None-Match and
// If-Modified-Since from opts.Validators (when set) and report
// notModified=true on a 304; on a 200 they store the response's ETag and
// Last-Modified. Use them for the FIRST page of a crawl only: a 304 has no
// body, so later pages and detail pages must use getPlain/getJSONPlain. A
// paged source must call forget(firstURL) when the first page did not hold
// the whole board, or when any later page failed, so that the next crawl
// re-reads everything instead of trusting a 304 on page one.
type fetcher struct {
	client      *http.Client
	userAgent   string
	timeout     time.Duration
	maxBody     int64
	retries     int
	interval    time.Duration // minimum spacing of request starts per host; 0 = none
	validators  Validators
	log         *slog.Logger
	sem         chan struct{}
	now         func() time.Time
	sleep       func(ctx context.Context, d time.Duration) error
	jitter      func(max time.Duration) time.Duration // uniform in [0, max)
	mu          sync.Mutex
	nextAllowed map[string]time.Time // host → earliest start of its next request
}

// newFetcher builds the client for one crawl of src. It fails when src.Rate
// cannot be read or a setting is negative.
func newFetcher(src config.Source, opts Options) (*fetcher, error) {
	f := &fetcher{
		client:      &http.Client{Transport: opts.Transport},
		userAgent:   opts.UserAgent,
		timeout:     src.Timeout.D(),
		maxBody:     src.MaxBodySize,
		retries:     defaultRetries,
		validators:  opts.Validators,
		log:         opts.Logger,
		now:         opts.Now,
		sleep:       sleepCtx,
		jitter:      randDuration,
		nextAllowed: make(map[string]time.Time),
	}
	par := src.Parallelism
	switch {
	case par < 0:
		return nil, fmt.Errorf("parallelism %d is negative", par)
	case par == 0:
		par = defaultParallelism
	}
	f.sem = make(chan struct{}, par)
	switch {
	case f.timeout < 0:
		return nil, fmt.Errorf("timeout %v is negative", f.timeout)
	case f.timeout == 0:
		f.timeout = defaultTimeout
	}
	switch {
	case f.maxBody < 0:
		return nil, fmt.Errorf("max_body_size %d is negative", f.maxBody)
	case f.maxBody == 0:
		f.maxBody = defaultMaxBody
	}
	if src.Retries != nil {
		if *src.Retries < 0 {
			return nil, fmt.Errorf("retries %d is negative", *src.Retries)
		}
		f.retries = *src.Retries
	}
	interval, err := parseRate(src.Rate)
	if err != nil {
		return nil, err
	}
	if d := src.Delay.D(); d > interval {
		interval = d
	}
	f.interval = interval
	if f.log == nil {
		f.log = slog.New(slog.DiscardHandler)
	}
	f.log = f.log.With("source", src.Name)
	if f.now == nil {
		f.now = time.Now
	}
	if f.userAgent == "" {
		f.userAgent = "jobstats"
	}
	return f, nil
}

// parseRate reads a request budget "N/s", "N/min" or "N/h" (also "N/sec",
// "N/second", "N/minute", "N/hour"; N a positive number, fractions allowed)
// and returns the minimum interval between two requests. "" means no budget.
func parseRate(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	num, unit, ok := strings.Cut(s, "/")
	if !ok {
		return 0, fmt.Errorf("rate %q: want N/s, N/min or N/h", s)
	}
	n, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
	if err != nil || !(n > 0) || n > 1e9 {
		return 0, fmt.Errorf("rate %q: %q is not a positive number", s, num)
	}
	var per time.Duration
	switch strings.ToLower(strings.TrimSpace(unit)) {
	case "s", "sec", "second":
		per = time.Second
	case "m", "min", "minute":
		per = time.Minute
	case "h", "hour":
		per = time.Hour
	default:
		return 0, fmt.Errorf("rate %q: unit %q is not s, min or h", s, unit)
	}
	return time.Duration(float64(per) / n), nil
}

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

// getJSON fetches rawURL conditionally and decodes its JSON body into v; a
// UTF-8 byte order mark is skipped. On a 304 it leaves v alone and returns
// notModified=true. Errors name the URL.
func (f *fetcher) getJSON(ctx context.Context, rawURL string, hdr http.Header, v any) (notModified bool, err error) {
	body, notModified, err := f.fetch(ctx, rawURL, withAccept(hdr, "application/json"), nil, true)
	if err != nil || notModified {
		return notModified, err
	}
	return false, decodeJSON(rawURL, body, v)
}

// getJSONPlain is getJSON without conditional headers, for later pages and
// detail pages.
func (f *fetcher) getJSONPlain(ctx context.Context, rawURL string, hdr http.Header, v any) error {
	body, _, err := f.fetch(ctx, rawURL, withAccept(hdr, "application/json"), nil, false)
	if err != nil {
		return err
	}
	return decodeJSON(rawURL, body, v)
}

// forget drops the stored validators of rawURL, so that the next crawl
// fetches it in full.
func (f *fetcher) forget(rawURL string) {
	if f.validators != nil {
		f.validators.SetValidator(rawURL, "", "")
	}
}

var utf8BOM = []byte("\xef\xbb\xbf")

// decodeJSON decodes body into v after skipping a UTF-8 byte order mark.
func decodeJSON(rawURL string, body []byte, v any) error {
	body = bytes.TrimPrefix(body, utf8BOM)
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("decode %s: %w", rawURL, err)
	}
	return nil
}

func withAccept(hdr http.Header, accept string) http.Header {
	if hdr.Get("Accept") != "" {
		return hdr
	}
	h := hdr.Clone()
	if h == nil {
		h = make(http.Header)
	}
	h.Set("Accept", accept)
	return h
}

// statusError is an HTTP response with a status the fetcher does not accept.
type statusError struct {
	URL    string
	Status int
	Body   string // the first 200 bytes
}

func (e *statusError) Error() string {
	msg := fmt.Sprintf("get %s: %d %s", e.URL, e.Status, http.StatusText(e.Status))
	if b := strings.TrimSpace(e.Body); b != "" {
		msg += ": " + b
	}
	return msg
}

// retryable reports whether a status is worth another attempt.
func retryableStatus(code int) bool {
	return code == http.StatusTooManyRequests || code >= 500 && code <= 599
}

// attemptResult is what one attempt learned.
type attemptResult struct {
	body        []byte
	notModified bool
	retry       bool          // the error is transient
	retryAfter  time.Duration // the server's wish, 0 when none
}

// fetch sends a GET, or a POST of payload when payload is not nil, with
// retries (see fetcher).
func (f *fetcher) fetch(ctx context.Context, rawURL string, hdr http.Header, payload []byte, conditional bool) ([]byte, bool, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, false, fmt.Errorf("get %s: %w", rawURL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, false, fmt.Errorf("get %s: scheme %q is not http or https", rawURL, u.Scheme)
	}
	for attempt := 0; ; attempt++ {
		res, err := f.attempt(ctx, u, hdr, payload, conditional)
		if err == nil {
			return res.body, res.notModified, nil
		}
		if ctx.Err() != nil {
			return nil, false, fmt.Errorf("get %s: %w", rawURL, context.Cause(ctx))
		}
		if !res.retry || attempt >= f.retries {
			if res.retry && f.retries > 0 {
				err = fmt.Errorf("%w (gave up after %d attempts)", err, attempt+1)
			}
			return nil, false, err
		}
		wait := res.retryAfter
		if wait <= 0 {
			wait = f.jitter(min(backoffMax, backoffBase<<attempt))
		}
		f.log.Debug("retrying", "url", rawURL, "attempt", attempt+1, "wait", wait, "err", err)
		if err := f.sleep(ctx, wait); err != nil {
			return nil, false, fmt.Errorf("get %s: %w", rawURL, err)
		}
	}
}

// attempt sends one request. Its error says whether to retry.
func (f *fetcher) attempt(ctx context.Context, u *url.URL, hdr http.Header, payload []byte, conditional bool) (attemptResult, error) {
	rawURL := u.String()
	select {
	case f.sem <- struct{}{}:
	case <-ctx.Done():
		return attemptResult{}, context.Cause(ctx)
	}
	defer func() { <-f.sem }()
	if err := f.waitTurn(ctx, u.Host); err != nil {
		return attemptResult{}, err
	}

	actx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	method := http.MethodGet
	var reqBody io.Reader
	if payload != nil {
		method, reqBody = http.MethodPost, bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(actx, method, rawURL, reqBody)
	if err != nil {
		return attemptResult{}, fmt.Errorf("get %s: %w", rawURL, err)
	}
	for k, vs := range hdr {
		req.Header[k] = append([]string(nil), vs...)
	}
	req.Header.Set("User-Agent", f.userAgent)
	if req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", "*/*")
	}
	if conditional && f.validators != nil {
		etag, lastMod := f.validators.Validator(rawURL)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		if lastMod != "" {
			req.Header.Set("If-Modified-Since", lastMod)
		}
	}

	resp, err := f.client.Do(req)
	if err != nil {
		return attemptResult{retry: transient(err)}, fmt.Errorf("get %s: %w", rawURL, unwrapURLError(err))
	}
	defer resp.Body.Close()

	switch {
	case resp.StatusCode == http.StatusNotModified:
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
		if !conditional {
			return attemptResult{}, fmt.Errorf("get %s: 304 Not Modified to an unconditional request", rawURL)
		}
		return attemptResult{notModified: true}, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
		serr := &statusError{URL: rawURL, Status: resp.StatusCode, Body: string(snippet)}
		if !retryableStatus(resp.StatusCode) {
			return attemptResult{}, serr
		}
		return attemptResult{retry: true, retryAfter: f.retryAfter(resp.Header.Get("Retry-After"))}, serr
	}

	if resp.ContentLength > f.maxBody {
		return attemptResult{}, fmt.Errorf("get %s: response larger than %d bytes (Content-Length %d)", rawURL, f.maxBody, resp.ContentLength)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBody+1))
	if err != nil {
		return attemptResult{retry: transient(err)}, fmt.Errorf("get %s: read body: %w", rawURL, err)
	}
	if int64(len(body)) > f.maxBody {
		return attemptResult{}, fmt.Errorf("get %s: response larger than %d bytes", rawURL, f.maxBody)
	}
	if conditional && f.validators != nil {
		etag, lastMod := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
		if etag != "" || lastMod != "" {
			f.validators.SetValidator(rawURL, etag, lastMod)
		}
	}
	return attemptResult{body: body}, nil
}

// waitTurn reserves the next start time of a request to host under the
// rate budget and sleeps until it.
func (f *fetcher) waitTurn(ctx context.Context, host string) error {
	if f.interval <= 0 {
		return nil
	}
	f.mu.Lock()
	now := f.now()
	start := f.nextAllowed[host]
	if start.Before(now) {
		start = now
	}
	f.nextAllowed[host] = start.Add(f.interval)
	f.mu.Unlock()
	if d := start.Sub(now); d > 0 {
		return f.sleep(ctx, d)
	}
	return nil
}

// retryAfter reads a Retry-After header: delay seconds or an HTTP date. It
// returns 0 when the header is absent or unreadable, and at most
// maxRetryAfter.
func (f *fetcher) retryAfter(v string) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0
		}
		if secs > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter
		}
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(f.now())
	} else {
		return 0
	}
	if d <= 0 {
		// A date in the past: retry now, but not in a tight loop.
		return time.Millisecond
	}
	return min(d, maxRetryAfter)
}

// transient reports whether a transport error is worth retrying: timeouts
// and connection failures are; a bad URL or a refused redirect is not.
func transient(err error) bool {
	if errors.Is(err, context.Canceled) {
		return false
	}
	// A host name that does not resolve will not resolve in a second
	// either (and there may be no network at all): fail fast and say so.
	var dns *net.DNSError
	if errors.As(err, &dns) && dns.IsNotFound {
		return false
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	var oe *net.OpError
	if errors.As(err, &oe) {
		return true
	}
	// Connection resets and similar surface as plain errors from some transports.
	msg := err.Error()
	return strings.Contains(msg, "connection reset") || strings.Contains(msg, "connection refused") ||
		strings.Contains(msg, "broken pipe") || strings.Contains(msg, "server closed")
}

// unwrapURLError drops the *url.Error wrapper, whose message repeats the
// method and URL we already name.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// sleepCtx waits d or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

// randDuration returns a uniformly random duration in [0, max).
func randDuration(max time.Duration) time.Duration {
	if max <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(max)))
}
