// Package hunt is a client of the QRadar EDR (ReaQta Hive) Hunt API: it authenticates with an
// application id and secret, keeps the bearer token fresh, runs HunQ queries through
// POST /rqt-api/1/events/hunt and streams the result pages to the caller.
//
// A [Search] is a query and a window of its results, as stix-shifter's
// `results QUERY OFFSET LENGTH` defines it. [Client.Pages] yields the window page by page
// as it arrives, following nextPage (its query string, re-posted with the same body to the
// configured host) and never going back to an earlier page (a failed one is asked for
// again); [Client.Events] yields event by event
// and [Client.Collect] gathers them.
//
// The token is renewed before its expiresAt (measured on the server's clock when the two
// disagree) and once when the server refuses it with 401. Network errors, 429 and 5xx
// answers other than 501, and bodies cut short are retried with exponential backoff and
// jitter, honouring Retry-After, bounded in count and in time; other 4xx answers are final.
// Every attempt has a timeout, and the context cancels a call at any point.
//
// Every failure is an [*Error] whose [Code] is one of stix-shifter's transmission error codes.
// Secrets (the application secret and bearer tokens) never appear in an error, and a
// [Config] or [Client] formatted with fmt shows neither.
package hunt

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Paths of the Hunt API endpoints, relative to the configured host.
const (
	AuthPath = "/rqt-api/1/authenticate"
	HuntPath = "/rqt-api/1/events/hunt"
)

// MaxPageSize is the largest count the Hunt API accepts in one request.
const MaxPageSize = 500

// Config configures a [Client]. Zero durations and counts take the defaults documented on
// each field.
type Config struct {
	// BaseURL is the scheme, host and optional port of the Hive, e.g. "https://hive:443".
	// A path, if any, is ignored.
	BaseURL string
	// AppID and Secret are the API application's credentials.
	AppID, Secret string
	// CACertPEM, if set, holds the PEM certificates trusted instead of the system roots.
	CACertPEM []byte
	// Insecure turns off certificate verification; New then returns a warning.
	Insecure bool
	// ServerName, if set, is the name sent in TLS SNI and checked in the certificate
	// instead of the host's (stix-shifter's "sni").
	ServerName string
	// Timeout bounds each HTTP attempt, response body included (default 30s).
	Timeout time.Duration
	// MaxRetries bounds the retries of one call after its first attempt (default 4;
	// negative means none).
	MaxRetries int
	// RetryWaitMin and RetryWaitMax bound the exponential backoff (defaults 500ms and 15s).
	RetryWaitMin, RetryWaitMax time.Duration
	// MaxRetryElapsed bounds the time one call may spend before its last attempt starts
	// (default 2m): a wait, Retry-After included, that would pass it is not taken. The
	// whole call takes at most MaxRetryElapsed + Timeout.
	MaxRetryElapsed time.Duration
	// RenewBefore is how long before expiresAt the token is renewed (default 60s, at most
	// half the token's lifetime).
	RenewBefore time.Duration
	// PageSize is the count asked for per page, at most MaxPageSize (default MaxPageSize).
	PageSize int
	// ResultLimit, if positive, bounds offset+length of every search.
	ResultLimit int
	// Now returns the current time (default time.Now); tests inject a clock.
	Now func() time.Time
	// Transport, if set, replaces the HTTP transport built from the TLS settings; proxies,
	// CA and Insecure are then the transport's business.
	Transport http.RoundTripper
}

// Client talks to one Hunt API server. It is safe for concurrent use.
type Client struct {
	cfg      Config
	base     *url.URL
	http     *http.Client
	warnings []string

	mu    sync.Mutex
	token token
}

// New checks cfg and builds a client. It makes no request.
func New(cfg Config) (*Client, error) {
	cfg = withDefaults(cfg)
	base, err := parseBase(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if cfg.AppID == "" || cfg.Secret == "" {
		return nil, newError(CodeAuthenticationFail, 0, "missing application id or secret", nil)
	}
	c := &Client{cfg: cfg, base: base}
	rt := cfg.Transport
	if rt == nil {
		tr, warn, err := newTransport(cfg, base)
		if err != nil {
			return nil, err
		}
		rt = tr
		if warn != "" {
			c.warnings = append(c.warnings, warn)
		}
	}
	c.http = &http.Client{
		Transport: rt,
		Timeout:   cfg.Timeout,
		// The API never redirects; a redirect would resend the credentials elsewhere.
		CheckRedirect: noRedirect,
	}
	return c, nil
}

// String names the client by its host; it never shows the credentials.
func (c *Client) String() string { return "hunt.Client(" + c.base.String() + ")" }

// GoString is String, so that %#v does not show the credentials either.
func (c *Client) GoString() string { return c.String() }

// String shows the configuration with the secret redacted.
func (c Config) String() string {
	if c.Secret != "" {
		c.Secret = "[redacted]"
	}
	type plain Config // drops the methods, so that formatting does not recurse
	return fmt.Sprintf("%+v", plain(c))
}

// GoString is String, so that %#v does not show the secret either.
func (c Config) GoString() string { return c.String() }

// Warnings returns what the configuration makes unsafe, such as turned-off certificate
// verification, one sentence each.
func (c *Client) Warnings() []string { return append([]string(nil), c.warnings...) }

// WriteWarnings writes each warning on its own line to w, prefixed with "warning: ".
func (c *Client) WriteWarnings(w io.Writer) error {
	for _, s := range c.warnings {
		if _, err := fmt.Fprintf(w, "warning: %s\n", s); err != nil {
			return err
		}
	}
	return nil
}

func withDefaults(cfg Config) Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&cfg.Timeout, 30*time.Second)
	def(&cfg.RetryWaitMin, 500*time.Millisecond)
	def(&cfg.RetryWaitMax, 15*time.Second)
	def(&cfg.MaxRetryElapsed, 2*time.Minute)
	def(&cfg.RenewBefore, time.Minute)
	switch {
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = 4
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	}
	if cfg.PageSize <= 0 || cfg.PageSize > MaxPageSize {
		cfg.PageSize = MaxPageSize
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return cfg
}

func parseBase(raw string) (*url.URL, error) {
	if raw == "" {
		return nil, newError(CodeUnknown, 0, "no host configured", nil)
	}
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, newError(CodeUnknown, 0, fmt.Sprintf("invalid host %q: want "+
			"[https://]HOST[:PORT]", withoutUserinfo(raw)), nil)
	}
	if u.User != nil {
		return nil, newError(CodeUnknown, 0, fmt.Sprintf("invalid host %q: it must not "+
			"hold credentials", withoutUserinfo(raw)), nil)
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host}, nil
}

// withoutUserinfo hides what comes before an "@" in a host URL, which may be a password.
func withoutUserinfo(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		scheme, rest = "", raw
	} else {
		scheme += "://"
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = "[redacted]@" + rest[i+1:]
	}
	return scheme + rest
}

// endpoint returns the absolute URL of path with the raw query on the configured host.
func (c *Client) endpoint(path, rawQuery string) string {
	u := *c.base
	u.Path = path
	u.RawQuery = rawQuery
	return u.String()
}

func noRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// errNoBody reports a 200 answer whose body does not have the expected shape.
var errNoBody = errors.New("malformed response body")
