// Package emulator is a Hunt API server for tests and for running without a QRadar EDR:
// the same endpoints, status codes and bodies as the real API (authentication with expiring
// tokens, 401, 422 for an unknown field or a syntax error, a refused count above 500,
// nextPage paging), HunQ evaluated with the catalogue of compiler/hunq over stored events,
// and fault injection (latency, 429 and 5xx with Retry-After, dropped connections, bodies
// cut short or malformed, short-lived or revoked tokens).
//
// [Server] is an http.Handler; [Start] serves one on 127.0.0.1 for the duration of a test
// or a command.
package emulator

import (
	"bytes"
	"context"
	"crypto/tls"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"time"

	"github.com/stix2hunq/stix2hunq/compiler/hunq"
	"github.com/stix2hunq/stix2hunq/runtime/hunt"
)

// Default credentials of an emulator started without any.
const (
	DefaultAppID  = "emulator"
	DefaultSecret = "emulator-secret"
)

// Options configure a [Server]. The zero value serves the built-in sample data.
type Options struct {
	// Events are served newest first; nil means SampleEvents(Seed, SampleCount, Now()).
	Events []Event
	// Seed and SampleCount choose the built-in sample data.
	Seed        uint64
	SampleCount int
	// AppID and Secret are the only accepted credentials (defaults DefaultAppID and
	// DefaultSecret).
	AppID, Secret string
	// TokenLifetime is how long a token is valid (default 15 minutes).
	TokenLifetime time.Duration
	// PublicURL is the scheme and host written into nextPage (default: the request's own).
	PublicURL string
	// Catalog resolves field names (default hunq.DefaultCatalog()).
	Catalog *hunq.Catalog
	// MaxCursors bounds the result sets kept for paging (default 256; oldest dropped).
	MaxCursors int
	// Now is the server's clock (default time.Now).
	Now func() time.Time
	// Faults are injected into answers.
	Faults Faults
	// TLS, if set, makes Start serve HTTPS with this configuration.
	TLS *tls.Config
}

// maxRequest bounds the body of a request.
const maxRequest = 1 << 20

// Stats counts what a server has answered.
type Stats struct {
	Auth, AuthFailed, Hunts, Unauthorized, Rejected, Faults int64
}

// Server is an emulated Hunt API. It is safe for concurrent use.
type Server struct {
	opts   Options
	events []Event
	mux    *http.ServeMux
	faults *faultState

	mu      sync.Mutex
	tokens  map[string]*session
	cursors *cursorStore

	auth, authFailed, hunts, unauthorized, rejected, faulted atomic.Int64
}

// New builds a server from opts.
func New(opts Options) *Server {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.AppID == "" && opts.Secret == "" {
		opts.AppID, opts.Secret = DefaultAppID, DefaultSecret
	}
	if opts.TokenLifetime <= 0 {
		opts.TokenLifetime = 15 * time.Minute
	}
	if opts.Catalog == nil {
		opts.Catalog = hunq.DefaultCatalog()
	}
	if opts.MaxCursors <= 0 {
		opts.MaxCursors = 256
	}
	evs := opts.Events
	if evs == nil {
		evs = SampleEvents(opts.Seed, opts.SampleCount, opts.Now())
	}
	evs = append([]Event(nil), evs...)
	newestFirst(evs)
	s := &Server{
		opts: opts, events: evs, mux: http.NewServeMux(),
		faults: newFaultState(opts.Faults), tokens: map[string]*session{},
		cursors: newCursorStore(opts.MaxCursors),
	}
	s.mux.HandleFunc("POST "+hunt.AuthPath, s.handleAuth)
	s.mux.HandleFunc("POST "+hunt.HuntPath, s.handleHunt)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "Not found")
	})
	return s
}

// ServeHTTP answers one request, after the configured faults.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	// The Date is the server's clock, which may differ from the client's.
	w.Header().Set("Date", s.opts.Now().UTC().Format(http.TimeFormat))
	// Reading the body to its end first lets net/http notice a client that hangs up
	// during an injected delay, and end the request's context.
	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequest+1))
	if err != nil || len(body) > maxRequest {
		writeError(w, http.StatusRequestEntityTooLarge, "request body too large")
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if s.inject(w, r) {
		s.faulted.Add(1)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// Stats returns the counts so far.
func (s *Server) Stats() Stats {
	return Stats{
		Auth: s.auth.Load(), AuthFailed: s.authFailed.Load(), Hunts: s.hunts.Load(),
		Unauthorized: s.unauthorized.Load(), Rejected: s.rejected.Load(),
		Faults: s.faulted.Load(),
	}
}

// Len returns the number of events served.
func (s *Server) Len() int { return len(s.events) }

// Start serves s on 127.0.0.1 on a free port (HTTPS if Options.TLS is set) until stop is
// called or ctx ends, and returns its base URL.
func (s *Server) Start(ctx context.Context) (url string, stop func()) {
	ts := httptest.NewUnstartedServer(s)
	ts.Config.ErrorLog = log.New(io.Discard, "", 0) // a library never logs
	if s.opts.TLS != nil {
		ts.TLS = s.opts.TLS
		ts.StartTLS()
	} else {
		ts.Start()
	}
	var once sync.Once
	done := make(chan struct{})
	stop = func() { once.Do(func() { close(done); ts.Close() }) }
	go func() {
		select {
		case <-ctx.Done():
			stop()
		case <-done:
		}
	}()
	return ts.URL, stop
}

// Start builds a server from opts and serves it; see [Server.Start].
func Start(ctx context.Context, opts Options) (url string, stop func()) {
	return New(opts).Start(ctx)
}
