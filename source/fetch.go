package source

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"
)

// UserAgent is sent with every request, so that site owners can tell who
// is fetching.
const UserAgent = "crosscheck/0.1 (+https://github.com/crosscheck/crosscheck; news article checker)"

// FetchOptions configure a Fetcher.
type FetchOptions struct {
	// MaxBytes is the largest body accepted; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Timeout bounds one fetch from connecting to the last body byte; 0
	// means DefaultTimeout.
	Timeout time.Duration
	// MaxRedirects bounds the redirects followed; 0 means
	// DefaultMaxRedirects, a negative value follows none.
	MaxRedirects int
	// UserAgent replaces the default User-Agent header.
	UserAgent string
	// Control, when set, is called before every connection with the
	// resolved address, as net.Dialer.Control. Returning an error refuses
	// the connection; DenyPrivate is the one a server facing the internet
	// wants. Because it sees the resolved address, redirects and DNS
	// names pointing inside cannot get around it. When Control is set no
	// proxy from the environment is used, for the same reason.
	Control func(network, address string, c syscall.RawConn) error
	// Transport replaces the whole HTTP transport (tests, caching layers).
	// Control does not apply to it.
	Transport http.RoundTripper
}

// Fetcher fetches web pages for analysis. It is safe for concurrent use,
// and keeps connections open between fetches to the same host.
type Fetcher struct {
	client    *http.Client
	maxBytes  int64
	timeout   time.Duration
	userAgent string
}

// NewFetcher returns a Fetcher with the given options.
func NewFetcher(o FetchOptions) *Fetcher {
	f := &Fetcher{
		maxBytes:  o.MaxBytes,
		timeout:   o.Timeout,
		userAgent: o.UserAgent,
	}
	if f.maxBytes <= 0 {
		f.maxBytes = DefaultMaxBytes
	}
	if f.timeout <= 0 {
		f.timeout = DefaultTimeout
	}
	if f.userAgent == "" {
		f.userAgent = UserAgent
	}
	maxRedirects := o.MaxRedirects
	switch {
	case maxRedirects == 0:
		maxRedirects = DefaultMaxRedirects
	case maxRedirects < 0:
		maxRedirects = 0
	}
	rt := o.Transport
	if rt == nil {
		dialer := &net.Dialer{Timeout: f.timeout, KeepAlive: 30 * time.Second, Control: o.Control}
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.DialContext = dialer.DialContext
		if o.Control != nil {
			t.Proxy = nil
		}
		t.ResponseHeaderTimeout = f.timeout
		rt = t
	}
	f.client = &http.Client{
		Transport: rt,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > maxRedirects {
				return refuse(ErrRedirects, "stopped after %d redirects", maxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to unsupported scheme %q", req.URL.Scheme)
			}
			return nil
		},
	}
	return f
}

// StatusError is an HTTP response other than 200 OK.
type StatusError struct {
	Code   int
	Status string // "404 Not Found"
}

func (e *StatusError) Error() string { return "HTTP " + e.Status }

// Fetch gets rawURL and returns its body decoded to UTF-8. Only HTML and
// plain-text responses are accepted.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (*Input, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, fmt.Errorf("bad URL: %w", errors.Unwrap(err))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("bad URL: scheme %q is not http or https", u.Scheme)
	}
	if u.Host == "" {
		return nil, errors.New("bad URL: no host")
	}
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()

	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("bad URL: %w", err)
	}
	req.Header.Set("User-Agent", f.userAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1")

	resp, err := f.client.Do(req)
	if err != nil {
		return nil, f.requestError(ctx, err)
	}
	defer resp.Body.Close()

	if resp.StatusCode != http.StatusOK {
		return nil, &StatusError{Code: resp.StatusCode, Status: resp.Status}
	}
	contentType := resp.Header.Get("Content-Type")
	if err := acceptable(contentType); err != nil {
		return nil, err
	}
	if resp.ContentLength > f.maxBytes {
		return nil, tooLarge(f.maxBytes)
	}
	data, err := readCapped(resp.Body, f.maxBytes)
	if err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, err
		}
		return nil, f.requestError(ctx, err)
	}
	in := &Input{Name: rawURL, URL: resp.Request.URL.String(), Header: resp.Header}
	return decode(in, data, contentType)
}

// requestError turns a transport error into one short line.
func (f *Fetcher) requestError(ctx context.Context, err error) error {
	var r *refusal
	if errors.As(err, &r) {
		return r
	}
	var ne net.Error
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded), errors.Is(err, context.DeadlineExceeded),
		errors.As(err, &ne) && ne.Timeout():
		return refuse(ErrTimeout, "timed out after %s", f.timeout)
	case errors.Is(err, context.Canceled):
		return context.Canceled
	}
	return unwrapURLError(err)
}

// refusal is an error whose message is the whole story, and which still
// matches its kind with errors.Is.
type refusal struct {
	kind error
	msg  string
}

func refuse(kind error, format string, args ...any) *refusal {
	return &refusal{kind: kind, msg: fmt.Sprintf(format, args...)}
}

func (r *refusal) Error() string { return r.msg }
func (r *refusal) Unwrap() error { return r.kind }

// unwrapURLError drops the `Get "http://…":` prefix url.Error adds: the
// CLI already names the input.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// acceptable refuses media types that are neither HTML nor text. An empty
// Content-Type is accepted, and the body sniffed.
func acceptable(contentType string) error {
	if contentType == "" {
		return nil
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return refuse(ErrContentType, "bad Content-Type %q", contentType)
	}
	switch mt {
	case "text/html", "application/xhtml+xml", "text/plain", "text/markdown":
		return nil
	}
	return refuse(ErrContentType, "content type %s is not HTML or text", mt)
}

// DenyPrivate is a FetchOptions.Control that refuses connections to
// addresses a public service must never reach for a user: loopback,
// private ranges, link-local (cloud metadata), unspecified, multicast and
// carrier-grade NAT.
func DenyPrivate(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return refuse(ErrRefused, "refused to connect to %s", address)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return refuse(ErrRefused, "refused to connect to %s: not an IP address", host)
	}
	ip = ip.Unmap()
	cgnat := netip.MustParsePrefix("100.64.0.0/10")
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsUnspecified() || ip.IsMulticast() || ip.IsInterfaceLocalMulticast() || cgnat.Contains(ip) {
		return refuse(ErrRefused, "refused to connect to %s: a private or local address", ip)
	}
	return nil
}
