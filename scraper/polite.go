package scraper

import (
	"bytes"
	"compress/gzip"
	"context"
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

	"golang.org/x/time/rate"

	"github.com/jobstats/jobstats/config"
)

// This file is the one road to the network: every request of every source
// kind, colly's included, goes through a politeTransport.

const (
	// backoffBase and backoffMax bound the exponential backoff between
	// retries: attempt n waits a random duration in [0, min(max, base*2^n)).
	backoffBase = time.Second
	backoffMax  = time.Minute
	// maxRetryAfter caps how long a server's Retry-After can make us wait.
	maxRetryAfter = 5 * time.Minute
	// maxRedirects is how many redirects one request follows.
	maxRedirects = 10
	// maxRobotsRedirects is how many redirects a robots.txt fetch follows
	// (RFC 9309 asks for at least five).
	maxRobotsRedirects = 5
)

// Errors of the politeness layer; they come wrapped with the URL.
var (
	// ErrDisallowed is returned for a URL that robots.txt disallows,
	// redirect targets included.
	ErrDisallowed = errors.New("disallowed by robots.txt")
	// ErrOffDomain is returned for a URL, or a redirect target, outside a
	// source's allowed domains.
	ErrOffDomain = errors.New("outside the allowed domains")
	// ErrTooLarge is returned for a response whose body, counted after
	// decompression, is larger than the source's max_body_size.
	ErrTooLarge = errors.New("response larger than max_body_size")
)

// politeTransport is the http.RoundTripper every source sends its requests
// through; build one per crawl with newPoliteTransport. It is safe for
// concurrent use. For every request it:
//
//   - refuses hosts outside the allowed domains (when set) and, when robots
//     is on, URLs that the host's robots.txt disallows (ErrDisallowed);
//     both are checked on every hop of a redirect, since a redirect is a
//     new request through RoundTrip;
//   - sends the configured User-Agent;
//   - holds one of Parallelism slots of the host while in flight;
//   - waits for the host's rate budget: the larger of Rate, Delay and the
//     host's Crawl-delay spaces the starts of two requests (retries count);
//     with none of them set there is no wait and no limiter at all;
//   - bounds each attempt, body included, by Timeout;
//   - reads the whole body into memory, at most MaxBodySize bytes after
//     decompression: a larger declared Content-Length fails before the body
//     is read, and a gzip body is decoded here (never by a caller) and cut
//     at the cap (ErrTooLarge);
//   - retries Retries times on timeouts, connection errors and resets, a
//     body cut short, 429 and 5xx, with exponential backoff and full jitter,
//     or after the server's Retry-After (seconds or an HTTP date, capped at
//     5 minutes), which also pauses every other request to that host. When
//     retries are exhausted on a status, that response is returned.
//
// Responses come back with their body already read: resp.Body reads from
// memory, and callers in this package take the bytes with bodyBytes.
type politeTransport struct {
	base      http.RoundTripper
	userAgent string
	token     string // robots.txt product token of userAgent
	pol       config.Politeness
	robots    bool                   // consult robots.txt
	allowHost func(host string) bool // nil: any host
	log       *slog.Logger
	now       func() time.Time
	sleep     func(ctx context.Context, d time.Duration) error
	jitter    func(max time.Duration) time.Duration // uniform in [0, max)

	mu    sync.Mutex
	hosts map[hostKey]*hostState
}

// hostKey names an origin; robots.txt, slots and rate are per origin.
type hostKey struct{ scheme, host string }

// hostState is what the transport keeps per origin during one crawl.
type hostState struct {
	sem chan struct{}

	robotsOnce sync.Once
	robots     *robotsRules // set once robotsOnce is done (robots mode)

	mu         sync.Mutex
	lim        *rate.Limiter // nil: no spacing
	pauseUntil time.Time     // a Retry-After holds every request until then
}

// politeOptions are the parts of a politeTransport that differ by kind.
type politeOptions struct {
	robots    bool
	allowHost func(host string) bool
}

// newPoliteTransport builds the transport of one crawl of src. It fails
// for settings config would reject (a bad rate, a negative value).
func newPoliteTransport(src config.Source, opts Options, po politeOptions) (*politeTransport, error) {
	pol, err := src.Politeness()
	if err != nil {
		return nil, err
	}
	t := &politeTransport{
		base:      opts.Transport,
		userAgent: opts.UserAgent,
		pol:       pol,
		robots:    po.robots,
		allowHost: po.allowHost,
		log:       opts.Logger,
		now:       opts.Now,
		sleep:     opts.Sleep,
		jitter:    randDuration,
		hosts:     make(map[hostKey]*hostState),
	}
	if t.base == nil {
		t.base = http.DefaultTransport
	}
	if t.userAgent == "" {
		t.userAgent = config.DefaultUserAgent
	}
	t.token = productToken(t.userAgent)
	if t.log == nil {
		t.log = slog.New(slog.DiscardHandler)
	}
	t.log = t.log.With("source", src.Name)
	if t.now == nil {
		t.now = time.Now
	}
	if t.sleep == nil {
		t.sleep = sleepCtx
	}
	if opts.jitter != nil {
		t.jitter = opts.jitter
	}
	return t, nil
}

// host returns the state of the origin of u, creating it on first use.
func (t *politeTransport) host(u *url.URL) *hostState {
	k := hostKey{u.Scheme, u.Host}
	t.mu.Lock()
	hs := t.hosts[k]
	if hs == nil {
		hs = &hostState{sem: make(chan struct{}, t.pol.Parallelism)}
		if t.pol.Interval > 0 {
			hs.lim = rate.NewLimiter(rate.Every(t.pol.Interval), 1)
		}
		t.hosts[k] = hs
	}
	t.mu.Unlock()
	return hs
}

// RoundTrip sends req politely (see politeTransport). It does not modify
// req. Its errors do not repeat the URL: http.Client adds it.
func (t *politeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	u := req.URL
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("scheme %q is not http or https", u.Scheme)
	}
	if t.allowHost != nil && !t.allowHost(strings.ToLower(u.Hostname())) {
		return nil, hopError(req, ErrOffDomain)
	}
	hs := t.host(u)
	if t.robots {
		ok, err := t.robotsAllow(ctx, hs, u)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, hopError(req, ErrDisallowed)
		}
	}
	if ua := req.Header["User-Agent"]; len(ua) != 1 || ua[0] != t.userAgent {
		req = req.Clone(ctx)
		req.Header.Set("User-Agent", t.userAgent)
	}
	resp, err := t.send(ctx, hs, req, t.pol.MaxBodySize, false)
	if err == nil {
		if slot, ok := ctx.Value(bodySlotKey{}).(*bodySlot); ok {
			if m, ok := resp.Body.(*memBody); ok && !m.closed {
				slot.put(m.b)
				m.taken = true
				resp.Body = http.NoBody
				resp.ContentLength = 0
			}
		}
	}
	return resp, err
}

// bodySlotKey is the context key of a request's *bodySlot.
type bodySlotKey struct{}

// bodySlot takes the bodies of the responses that RoundTrip returns for
// requests whose context holds it (under bodySlotKey): the response then
// comes back with an empty body. The jsonld crawl gives one to each of its
// workers, whose requests go one at a time through colly: colly would
// copy every body out with io.ReadAll, more than half of the bytes a crawl
// allocated, while here the page is read from the transport's buffer,
// which goes back to the pool once the page is done. A redirect's later
// hop replaces the earlier body; the last is the page's.
type bodySlot struct {
	b   []byte
	got bool
}

// put holds b, recycling what the slot held.
func (s *bodySlot) put(b []byte) {
	s.release()
	s.b, s.got = b, true
}

// body returns the body held, and whether the transport gave one.
func (s *bodySlot) body() ([]byte, bool) { return s.b, s.got }

// release recycles the body held; nobody may use it afterwards.
func (s *bodySlot) release() {
	if s.b != nil {
		putBuf(s.b)
	}
	s.b, s.got = nil, false
}

// hopError names the redirect target in err when req is a redirect hop
// (the client's error names only the first URL).
func hopError(req *http.Request, err error) error {
	if req.Response != nil {
		return fmt.Errorf("redirect to %s: %w", req.URL, err)
	}
	return err
}

// send runs the attempts of one request: at most 1+Retries, with backoff.
// With truncate, a body longer than limit is cut there instead of failing.
func (t *politeTransport) send(ctx context.Context, hs *hostState, req *http.Request, limit int64, truncate bool) (*http.Response, error) {
	// A request with a body is sent again only when the body can be made
	// again (GetBody, which http.NewRequest sets for in-memory bodies:
	// Workday's search is such a POST).
	retries := t.pol.Retries
	if req.Body != nil && req.Body != http.NoBody && req.GetBody == nil {
		retries = 0
	}
	for attempt := 0; ; attempt++ {
		resp, res, err := t.attempt(ctx, hs, req, limit, truncate)
		if ctx.Err() != nil {
			if resp != nil {
				resp.Body.Close()
			}
			return nil, context.Cause(ctx)
		}
		if !res.retry || attempt >= retries {
			if res.retry && attempt > 0 {
				if err != nil {
					err = fmt.Errorf("%w (gave up after %d attempts)", err, attempt+1)
				} else if m, ok := resp.Body.(*memBody); ok {
					m.attempts = attempt + 1
				}
			}
			return resp, err
		}
		if resp != nil {
			resp.Body.Close()
		}
		wait := res.retryAfter
		if wait <= 0 {
			wait = t.jitter(backoffCeiling(attempt))
		}
		t.log.Debug("retrying", "url", req.URL.String(), "attempt", attempt+1, "wait", wait, "status", res.status, "err", err)
		if err := t.sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// backoffCeiling is the most the backoff after attempt n (0-based) waits:
// backoffBase doubled n times, at most backoffMax.
func backoffCeiling(n int) time.Duration {
	if n >= 30 || backoffBase<<n > backoffMax {
		return backoffMax
	}
	return backoffBase << n
}

// attemptResult is what one attempt learned beyond its response or error.
type attemptResult struct {
	retry      bool          // transient: worth another attempt
	retryAfter time.Duration // the server's wish, 0 when none
	status     int
}

// attempt sends req once and reads its body. It returns a response with
// the body in memory, or an error; res says whether to retry.
func (t *politeTransport) attempt(ctx context.Context, hs *hostState, req *http.Request, limit int64, truncate bool) (*http.Response, attemptResult, error) {
	if err := t.waitPause(ctx, hs); err != nil {
		return nil, attemptResult{}, err
	}
	select {
	case hs.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, attemptResult{}, context.Cause(ctx)
	}
	defer func() { <-hs.sem }()
	if err := t.waitTurn(ctx, hs); err != nil {
		return nil, attemptResult{}, err
	}

	actx, cancel := context.WithTimeout(ctx, t.pol.Timeout)
	defer cancel()
	r := req.WithContext(actx)
	if req.GetBody != nil && req.Body != nil && req.Body != http.NoBody {
		// Every attempt sends the body from its start.
		body, err := req.GetBody()
		if err != nil {
			return nil, attemptResult{}, err
		}
		r.Body = body
	}
	resp, err := t.base.RoundTrip(r)
	if err != nil {
		return nil, attemptResult{retry: transient(err)}, t.describe(ctx, actx, err)
	}
	res := attemptResult{status: resp.StatusCode}
	if retryableStatus(resp.StatusCode) {
		res.retry = true
		if d := t.retryAfter(resp.Header.Get("Retry-After")); d > 0 {
			res.retryAfter = d
			hs.pause(t.now().Add(d))
		}
		// Keep a little of the body for the error message.
		limit, truncate = 512, true
	}
	body, err := t.readBody(resp, limit, truncate)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, attemptResult{status: resp.StatusCode}, err
		}
		res.retry = transient(err)
		return nil, res, t.describe(ctx, actx, fmt.Errorf("read body: %w", err))
	}
	m := &memBody{b: body}
	m.Reader.Reset(body)
	resp.Body = m
	resp.ContentLength = int64(len(body))
	return resp, res, nil
}

// describe turns an attempt's timeout into words.
func (t *politeTransport) describe(ctx, actx context.Context, err error) error {
	if ctx.Err() == nil && actx.Err() != nil {
		return fmt.Errorf("timeout after %s", t.pol.Timeout)
	}
	return unwrapURLError(err)
}

// readBody reads resp's body (decoding gzip the base transport left
// encoded), at most limit bytes, and closes it. A declared length over
// the limit fails before reading; with truncate, a longer body is cut at
// limit instead.
func (t *politeTransport) readBody(resp *http.Response, limit int64, truncate bool) ([]byte, error) {
	defer resp.Body.Close()
	var r io.Reader = resp.Body
	enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding")))
	gz := !resp.Uncompressed && (enc == "gzip" || enc == "x-gzip")
	if !gz && resp.ContentLength > limit && !truncate {
		return nil, fmt.Errorf("%w (Content-Length %d, max_body_size %d)", ErrTooLarge, resp.ContentLength, limit)
	}
	if gz {
		zr, err := gzip.NewReader(r)
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF // an empty gzip body was cut short
			}
			return nil, fmt.Errorf("gzip: %w", err)
		}
		defer zr.Close()
		r = zr
		resp.Header.Del("Content-Encoding")
		resp.Header.Del("Content-Length")
		resp.Uncompressed = true
	}
	size := 4096
	if !gz && resp.ContentLength > 0 && resp.ContentLength <= limit {
		size = int(resp.ContentLength) + 1 // +1: EOF without a grow
	}
	buf, err := readLimited(r, getBuf(size), limit)
	if err != nil {
		putBuf(buf)
		return nil, err
	}
	if int64(len(buf)) > limit {
		if !truncate {
			putBuf(buf)
			return nil, fmt.Errorf("%w (more than %d bytes)", ErrTooLarge, limit)
		}
		buf = buf[:limit]
	}
	return buf, nil
}

// readLimited appends r's bytes to buf until EOF or until it holds more
// than limit bytes (then it stops at limit+1).
func readLimited(r io.Reader, buf []byte, limit int64) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) > limit {
				return buf, nil
			}
			buf = append(buf, 0)[:len(buf)]
		}
		room := buf[len(buf):cap(buf)]
		if over := int64(len(buf)) + int64(len(room)) - (limit + 1); over > 0 {
			room = room[:int64(len(room))-over]
		}
		n, err := r.Read(room)
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
		if int64(len(buf)) > limit {
			return buf, nil
		}
	}
}

// maxPooledBuf is the largest body buffer kept for reuse.
const maxPooledBuf = 1 << 20

// bufPool recycles body buffers: colly copies a body out and closes it,
// so the buffer can serve the next response.
var bufPool sync.Pool // of *[]byte

// getBuf returns an empty buffer with room for at least size bytes.
func getBuf(size int) []byte {
	if size <= maxPooledBuf {
		if p, ok := bufPool.Get().(*[]byte); ok {
			if cap(*p) >= size {
				return (*p)[:0]
			}
			bufPool.Put(p)
		}
	}
	return make([]byte, 0, size)
}

// putBuf offers b for reuse; nobody may use it afterwards.
func putBuf(b []byte) {
	if cap(b) == 0 || cap(b) > maxPooledBuf {
		return
	}
	b = b[:0]
	bufPool.Put(&b)
}

// memBody is a response body already in memory. Close recycles the
// buffer unless bodyBytes handed it out.
type memBody struct {
	bytes.Reader
	b        []byte
	attempts int  // when retries were given up on the response's status
	taken    bool // bodyBytes gave b to the caller
	closed   bool
}

// Close recycles the buffer; reading after Close reads nothing.
func (m *memBody) Close() error {
	if !m.closed {
		m.closed = true
		m.Reader.Reset(nil)
		if !m.taken {
			putBuf(m.b)
		}
		m.b = nil
	}
	return nil
}

// bodyBytes returns the body of a response from politeTransport without a
// copy, or reads it.
func bodyBytes(resp *http.Response) ([]byte, error) {
	if m, ok := resp.Body.(*memBody); ok && !m.closed && m.Len() == len(m.b) {
		m.taken = true
		return m.b, nil
	}
	return io.ReadAll(resp.Body)
}

// waitPause sleeps until a Retry-After pause of the host is over.
func (t *politeTransport) waitPause(ctx context.Context, hs *hostState) error {
	hs.mu.Lock()
	until := hs.pauseUntil
	hs.mu.Unlock()
	if until.IsZero() {
		return nil
	}
	if d := until.Sub(t.now()); d > 0 {
		return t.sleep(ctx, d)
	}
	return nil
}

// pause holds every request to the host until until.
func (hs *hostState) pause(until time.Time) {
	hs.mu.Lock()
	if until.After(hs.pauseUntil) {
		hs.pauseUntil = until
	}
	hs.mu.Unlock()
}

// waitTurn takes the host's next start time under its rate budget and
// sleeps until then; no budget, no wait.
func (t *politeTransport) waitTurn(ctx context.Context, hs *hostState) error {
	hs.mu.Lock()
	lim := hs.lim
	hs.mu.Unlock()
	if lim == nil {
		return nil
	}
	now := t.now()
	r := lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		if err := t.sleep(ctx, d); err != nil {
			r.CancelAt(t.now())
			return err
		}
	}
	return nil
}

// floorInterval makes d the least spacing of the host's request starts
// (a robots.txt Crawl-delay under a faster rate).
func (t *politeTransport) floorInterval(hs *hostState, d time.Duration) {
	if d <= t.pol.Interval {
		return
	}
	hs.mu.Lock()
	// The robots.txt request just made counts as the last start. A slower
	// limit set on the rate's limiter would keep the token it gathered at
	// the rate's pace while robots.txt was on its way, and let the next
	// request start before the Crawl-delay: a limiter of its own instead.
	hs.lim = rate.NewLimiter(rate.Every(d), 1)
	hs.lim.ReserveN(t.now(), 1)
	hs.mu.Unlock()
}

// retryAfter reads a Retry-After header: delay seconds or an HTTP date. It
// returns 0 when the header is absent or unreadable, and at most
// maxRetryAfter.
func (t *politeTransport) retryAfter(v string) time.Duration {
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
	} else if at, err := http.ParseTime(v); err == nil {
		d = at.Sub(t.now())
	} else {
		return 0
	}
	if d <= 0 {
		// A date in the past: retry now, but not in a tight loop.
		return time.Millisecond
	}
	return min(d, maxRetryAfter)
}

// retryableStatus reports whether a status is worth another attempt.
func retryableStatus(code int) bool {
	return code == http.StatusTooManyRequests || code >= 500 && code <= 599
}

// transient reports whether a transport error is worth retrying: timeouts,
// connection failures and bodies cut short are; a bad URL, a refused
// redirect or a name that does not resolve are not.
func transient(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, ErrDisallowed) || errors.Is(err, ErrOffDomain) || errors.Is(err, ErrTooLarge) {
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

// robotsAllow reports whether the robots.txt of u's origin allows u,
// fetching it on first use of the origin. It fails only when ctx ends.
func (t *politeTransport) robotsAllow(ctx context.Context, hs *hostState, u *url.URL) (bool, error) {
	hs.robotsOnce.Do(func() {
		hs.robots = t.fetchRobots(ctx, hs, u)
		t.floorInterval(hs, hs.robots.crawlDelay)
	})
	if hs.robots == nil {
		return false, context.Cause(ctx)
	}
	if hs.robots.disallow && ctx.Err() != nil {
		return false, context.Cause(ctx)
	}
	return hs.robots.allowed(u.EscapedPath() + queryPart(u)), nil
}

func queryPart(u *url.URL) string {
	if u.RawQuery == "" && !u.ForceQuery {
		return ""
	}
	return "?" + u.RawQuery
}

// fetchRobots fetches and parses the robots.txt of u's origin under RFC
// 9309: through the same slots, budget, retries and timeout as any
// request; at most maxRobotsSize bytes (decoded) are read and parsed, the
// rest ignored; up to five redirects are followed. 2xx: its rules; 4xx
// (and too many redirects): everything allowed; 5xx, 429 and network
// errors after the retries: everything disallowed for this crawl.
func (t *politeTransport) fetchRobots(ctx context.Context, hs *hostState, u *url.URL) *robotsRules {
	robotsURL := u.Scheme + "://" + u.Host + "/robots.txt"
	target := robotsURL
	for hop := 0; ; hop++ {
		ru, err := url.Parse(target)
		if err != nil || (ru.Scheme != "http" && ru.Scheme != "https") {
			t.log.Info("robots.txt redirect unusable: everything allowed", "url", robotsURL, "to", target)
			return &robotsRules{}
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
		if err != nil {
			return &robotsRules{}
		}
		req.Header.Set("User-Agent", t.userAgent)
		req.Header.Set("Accept", "text/plain, */*;q=0.5")
		rhs := hs
		if ru.Host != u.Host || ru.Scheme != u.Scheme {
			rhs = t.host(ru)
		}
		resp, err := t.send(ctx, rhs, req, maxRobotsSize, true)
		if err != nil {
			t.log.Warn("robots.txt unreachable: nothing on this host is fetched in this crawl", "url", robotsURL, "err", err)
			return &robotsRules{disallow: true}
		}
		code := resp.StatusCode
		switch {
		case code >= 300 && code < 400 && resp.Header.Get("Location") != "":
			if hop >= maxRobotsRedirects {
				t.log.Info("robots.txt redirects too often: everything allowed", "url", robotsURL)
				return &robotsRules{}
			}
			next, err := ru.Parse(resp.Header.Get("Location"))
			if err != nil {
				return &robotsRules{}
			}
			target = next.String()
			continue
		case code >= 200 && code < 300:
			body, _ := bodyBytes(resp)
			if len(body) >= maxRobotsSize {
				t.log.Info("robots.txt larger than 500 KiB: the rest is ignored", "url", robotsURL)
				body = cutIncompleteLine(body)
			}
			return parseRobots(body, t.token)
		case code >= 400 && code < 500 && code != http.StatusTooManyRequests:
			return &robotsRules{}
		default:
			t.log.Warn("robots.txt unreachable: nothing on this host is fetched in this crawl", "url", robotsURL, "status", code)
			return &robotsRules{disallow: true}
		}
	}
}
