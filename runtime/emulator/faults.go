package emulator

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/stix2hunq/stix2hunq/runtime/hunt"
)

// Fault is one injected failure.
type Fault uint8

// The faults a server can inject.
const (
	FaultNone        Fault = iota
	FaultRateLimit         // 429 with Retry-After
	FaultServerError       // 500
	FaultUnavailable       // 503 with Retry-After
	FaultDrop              // the connection is closed with no answer
	FaultMalformed         // 200 with a complete body of truncated JSON
	FaultCut               // 200 whose body stops before its Content-Length
)

// Faults say which failures a server injects. Scripts are deterministic, for tests; shares
// are random (from Seed), for soak runs.
type Faults struct {
	// Latency delays every answer.
	Latency time.Duration
	// Script is applied to the first hunt requests, one fault each, in arrival order.
	Script []Fault
	// AuthScript is applied likewise to the first authentication requests.
	AuthScript []Fault
	// RateLimitShare, ServerErrorShare, DropShare, CutShare and MalformedShare are the
	// shares of hunt requests (after Script) answered with 429, 503, a dropped connection,
	// a body cut short and a malformed body.
	RateLimitShare, ServerErrorShare, DropShare, CutShare, MalformedShare float64
	// RetryAfter is sent with 429 and 503, in whole seconds rounded up (0: no header).
	RetryAfter time.Duration
	// RevokeAfter, if positive, makes every token invalid after that many hunts, before
	// it expires (the server forgot it, or the clocks disagree).
	RevokeAfter int
	// Seed seeds the random shares.
	Seed uint64
}

type faultState struct {
	f          Faults
	mu         sync.Mutex
	rng        *rand.Rand
	hunt, auth int
}

func newFaultState(f Faults) *faultState {
	return &faultState{f: f, rng: rand.New(rand.NewPCG(f.Seed, f.Seed+1))}
}

// next picks the fault for a request to path.
func (fs *faultState) next(path string) Fault {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if path == hunt.AuthPath {
		fs.auth++
		if fs.auth <= len(fs.f.AuthScript) {
			return fs.f.AuthScript[fs.auth-1]
		}
		return FaultNone
	}
	fs.hunt++
	if fs.hunt <= len(fs.f.Script) {
		return fs.f.Script[fs.hunt-1]
	}
	x := fs.rng.Float64()
	for _, c := range []struct {
		share float64
		fault Fault
	}{
		{fs.f.RateLimitShare, FaultRateLimit}, {fs.f.ServerErrorShare, FaultUnavailable},
		{fs.f.DropShare, FaultDrop}, {fs.f.CutShare, FaultCut},
		{fs.f.MalformedShare, FaultMalformed},
	} {
		if x < c.share {
			return c.fault
		}
		x -= c.share
	}
	return FaultNone
}

// inject delays the answer and applies a fault; it reports whether it answered.
func (s *Server) inject(w http.ResponseWriter, r *http.Request) bool {
	f := s.faults.f
	if f.Latency > 0 {
		t := time.NewTimer(f.Latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return true
		}
	}
	fault := s.faults.next(r.URL.Path)
	retryAfter := func() {
		if f.RetryAfter > 0 {
			secs := int64((f.RetryAfter + time.Second - 1) / time.Second)
			w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
		}
	}
	switch fault {
	case FaultRateLimit:
		retryAfter()
		writeError(w, http.StatusTooManyRequests, "Too many requests")
	case FaultServerError:
		writeError(w, http.StatusInternalServerError, "Internal server error")
	case FaultUnavailable:
		retryAfter()
		writeError(w, http.StatusServiceUnavailable, "Service unavailable")
	case FaultDrop:
		drop(w)
	case FaultMalformed:
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(partialBody))
	case FaultCut:
		cut(w)
	default:
		return false
	}
	return true
}

// partialBody is the start of a page of results.
const partialBody = `{"result":[{"eventId":"8471021095003`

// cut sends a 200 announcing a body longer than what follows, then closes the connection.
func cut(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		return
	}
	_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" +
		"Content-Length: 4096\r\n\r\n" + partialBody)
	_ = buf.Flush()
	_ = conn.Close()
}

// drop closes the connection without an answer.
func drop(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler) // closes the stream; the server does not log it
}
