package hunt_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/stix2hunq/stix2hunq/runtime/emulator"
	"github.com/stix2hunq/stix2hunq/runtime/hunt"
)

func collect(c *hunt.Client, q string) ([]string, error) {
	evs, err := c.Collect(context.Background(), hunt.Search{Query: q, Length: 20})
	if err != nil {
		return nil, err
	}
	return make([]string, len(evs)), nil
}

func TestRateLimitHonoursRetryAfter(t *testing.T) {
	srv, url := serve(t, 50, emulator.Options{Faults: emulator.Faults{
		Script: []emulator.Fault{emulator.FaultRateLimit}, RetryAfter: time.Second,
	}})
	c := client(t, url, nil)
	start := time.Now()
	got, err := collect(c, allQuery)
	if err != nil {
		t.Fatal(err)
	}
	if elapsed := time.Since(start); elapsed < time.Second {
		t.Errorf("retried after %v, want at least the 1s of Retry-After", elapsed)
	}
	if st := srv.Stats(); len(got) != 20 || st.Faults != 1 || st.Hunts != 1 {
		t.Errorf("got %d events, %d faults, %d hunts; want 20, 1, 1", len(got), st.Faults,
			st.Hunts)
	}
}

func TestUnavailableThenSuccess(t *testing.T) {
	srv, url := serve(t, 50, emulator.Options{Faults: emulator.Faults{Script: []emulator.Fault{
		emulator.FaultUnavailable, emulator.FaultServerError, emulator.FaultDrop}}})
	got, err := collect(client(t, url, nil), allQuery)
	if err != nil {
		t.Fatal(err)
	}
	if st := srv.Stats(); len(got) != 20 || st.Faults != 3 || st.Hunts != 1 {
		t.Errorf("got %d events, %d faults, %d hunts; want 20, 3, 1", len(got), st.Faults,
			st.Hunts)
	}
}

func TestRetriesAreBounded(t *testing.T) {
	script := []emulator.Fault{emulator.FaultRateLimit, emulator.FaultRateLimit,
		emulator.FaultRateLimit, emulator.FaultRateLimit}
	srv, url := serve(t, 50, emulator.Options{Faults: emulator.Faults{Script: script}})
	_, err := collect(client(t, url, func(cfg *hunt.Config) { cfg.MaxRetries = 2 }), allQuery)
	he := wantCode(t, err, hunt.CodeTooManyRequests)
	if he.Status != 429 || srv.Stats().Faults != 3 {
		t.Errorf("got status %d after %d attempts, want 429 after 3", he.Status,
			srv.Stats().Faults)
	}
	// A Retry-After longer than the retry budget is not waited for.
	srv, url = serve(t, 50, emulator.Options{Faults: emulator.Faults{
		Script: script, RetryAfter: time.Hour}})
	start := time.Now()
	_, err = collect(client(t, url, func(cfg *hunt.Config) {
		cfg.MaxRetryElapsed = time.Minute
	}), allQuery)
	wantCode(t, err, hunt.CodeTooManyRequests)
	if time.Since(start) > 5*time.Second || srv.Stats().Faults != 1 {
		t.Errorf("waited %v over %d attempts, want one attempt and no wait",
			time.Since(start), srv.Stats().Faults)
	}
}

func TestServiceUnavailableCode(t *testing.T) {
	script := []emulator.Fault{emulator.FaultUnavailable, emulator.FaultUnavailable}
	_, url := serve(t, 50, emulator.Options{Faults: emulator.Faults{Script: script}})
	_, err := collect(client(t, url, func(cfg *hunt.Config) { cfg.MaxRetries = -1 }), allQuery)
	if he := wantCode(t, err, hunt.CodeServiceUnavailable); he.Status != 503 {
		t.Errorf("got status %d, want 503", he.Status)
	}
	// Nothing listens on port 1 of loopback: a connection error.
	_, err = collect(client(t, "http://127.0.0.1:1", func(cfg *hunt.Config) {
		cfg.MaxRetries = 1
	}), allQuery)
	wantCode(t, err, hunt.CodeServiceUnavailable)
}

// slow answers after 400ms.
var slow = emulator.Options{Faults: emulator.Faults{Latency: 400 * time.Millisecond}}

func TestTimeout(t *testing.T) {
	_, url := serve(t, 50, slow)
	c := client(t, url, func(cfg *hunt.Config) {
		cfg.Timeout, cfg.MaxRetries = 100*time.Millisecond, 1
	})
	start := time.Now()
	_, err := collect(c, allQuery)
	he := wantCode(t, err, hunt.CodeServiceUnavailable)
	if !strings.Contains(he.Message, "timed out") || time.Since(start) > 2*time.Second {
		t.Errorf("got %q after %v, want a time-out, not an answer 400ms late", he.Message,
			time.Since(start))
	}
}

func TestCancel(t *testing.T) {
	_, url := serve(t, 50, slow)
	c := client(t, url, nil)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := c.Collect(ctx, hunt.Search{Query: allQuery, Length: 5})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want an error wrapping context.Canceled", err)
	}
}

func TestInvalidQueryNotRetried(t *testing.T) {
	for _, tc := range []struct{ query, msg string }{
		{`$ip1 = "1.2.3.4"`, "$ip1 is not a valid field."},
		{`pid = `, "hunq:1:7: "},
	} {
		srv, url := serve(t, 50, emulator.Options{})
		_, err := collect(client(t, url, nil), tc.query)
		he := wantCode(t, err, hunt.CodeInvalidQuery)
		if !strings.HasPrefix(he.Message, tc.msg) || he.Status != 422 {
			t.Errorf("%s: got %d %q, want 422 and the server's message %q", tc.query,
				he.Status, he.Message, tc.msg)
		}
		if st := srv.Stats(); st.Hunts != 1 || st.Rejected != 1 {
			t.Errorf("%s: got %d hunt requests, want 1 (no retry)", tc.query, st.Hunts)
		}
	}
}

func TestMalformedBody(t *testing.T) {
	srv, url := serve(t, 50, emulator.Options{Faults: emulator.Faults{
		Script: []emulator.Fault{emulator.FaultMalformed}}})
	_, err := collect(client(t, url, nil), allQuery)
	he := wantCode(t, err, hunt.CodeUnknown)
	if !strings.Contains(he.Message, "malformed response body") || srv.Stats().Faults != 1 {
		t.Errorf("got %q after %d attempts, want a malformed body after 1", he.Message,
			srv.Stats().Faults)
	}
}

// TestCutBodyRetried: the connection drops in the middle of the third page's body; the
// client asks for that page again, not for the earlier ones.
func TestCutBodyRetried(t *testing.T) {
	srv, url := serve(t, 1000, emulator.Options{Faults: emulator.Faults{Script: []emulator.Fault{
		emulator.FaultNone, emulator.FaultNone, emulator.FaultCut}}})
	c := client(t, url, func(cfg *hunt.Config) { cfg.PageSize = 200 })
	evs, err := c.Collect(context.Background(), hunt.Search{Query: allQuery, Length: -1})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(sampleIDs(t, 1000), ids(t, evs)); diff != "" {
		t.Fatalf("events (-want +got):\n%s", diff)
	}
	if st := srv.Stats(); st.Faults != 1 || st.Hunts != 5 {
		t.Errorf("got %d faults and %d hunts answered, want 1 and 5", st.Faults, st.Hunts)
	}
	// Cut on every attempt: the retries run out and the error says what happened.
	srv, url = serve(t, 50, emulator.Options{Faults: emulator.Faults{CutShare: 1}})
	_, err = collect(client(t, url, func(cfg *hunt.Config) { cfg.MaxRetries = 2 }), allQuery)
	if he := wantCode(t, err, hunt.CodeServiceUnavailable); !strings.Contains(he.Message,
		"unexpected EOF") || srv.Stats().Faults != 3 {
		t.Errorf("got %q after %d attempts, want an unexpected EOF after 3", he.Message,
			srv.Stats().Faults)
	}
}

// statusServer answers every hunt with status and counts the requests of each path.
func statusServer(t *testing.T, status int) (string, map[string]int) {
	var mu sync.Mutex
	seen := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[r.URL.Path]++
		mu.Unlock()
		if r.URL.Path == hunt.AuthPath {
			_, _ = io.WriteString(w, `{"token":"t-1","expiresAt":4102444800}`)
			return
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, `{"message":"refused","code":`+strconv.Itoa(status)+`}`)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, seen
}

// TestClientErrorsNotRetried: a 4xx other than 401 and 429 is final; a 401 renews the token
// once and then is final; a 501 is not retried either.
func TestClientErrorsNotRetried(t *testing.T) {
	for _, tc := range []struct {
		status      int
		code        hunt.Code
		auth, hunts int
	}{
		{400, hunt.CodeUnknown, 1, 1},
		{403, hunt.CodeAuthenticationFail, 1, 1},
		{404, hunt.CodeUnknown, 1, 1},
		{422, hunt.CodeInvalidQuery, 1, 1},
		{401, hunt.CodeAuthenticationFail, 2, 2},
		{501, hunt.CodeServiceUnavailable, 1, 1},
	} {
		url, seen := statusServer(t, tc.status)
		_, err := collect(client(t, url, nil), allQuery)
		he := wantCode(t, err, tc.code)
		if he.Status != tc.status || seen[hunt.AuthPath] != tc.auth ||
			seen[hunt.HuntPath] != tc.hunts {
			t.Errorf("%d: got status %d after %d authentications and %d hunts; "+
				"want %d and %d", tc.status, he.Status, seen[hunt.AuthPath],
				seen[hunt.HuntPath], tc.auth, tc.hunts)
		}
	}
}
