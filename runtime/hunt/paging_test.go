package hunt_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stix2hunq/stix2hunq/runtime/emulator"
	"github.com/stix2hunq/stix2hunq/runtime/hunt"
)

func TestPagingThousands(t *testing.T) {
	const n = 3200
	srv, url := serve(t, n, emulator.Options{})
	c := client(t, url, nil)
	var pages []int
	var got []string
	for p, err := range c.Pages(context.Background(), hunt.Search{Query: allQuery, Length: -1}) {
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, p.Remaining)
		got = append(got, ids(t, p.Events)...)
	}
	if diff := cmp.Diff(sampleIDs(t, n), got); diff != "" {
		t.Fatalf("events (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{2700, 2200, 1700, 1200, 700, 200, 0}, pages); diff != "" {
		t.Errorf("remainingItems per page (-want +got):\n%s", diff)
	}
	if st := srv.Stats(); st.Hunts != 7 || st.Auth != 1 {
		t.Errorf("got %d hunts and %d authentications, want 7 and 1", st.Hunts, st.Auth)
	}
}

// TestWindows checks offset and length against slices of the full answer, and that no
// page is fetched beyond the window.
func TestWindows(t *testing.T) {
	const n = 1000
	all := sampleIDs(t, n)
	for _, tc := range []struct {
		name                  string
		offset, length, limit int
		pageSize              int
		want                  []string
		hunts                 int64
	}{
		{"first ten", 0, 10, 0, 0, all[:10], 1},
		{"across a page boundary", 195, 10, 0, 200, all[195:205], 2},
		{"past the end", 990, 50, 0, 0, all[990:], 2},
		{"offset past the end", 1200, 5, 0, 0, []string{}, 2},
		{"empty length", 10, 0, 0, 0, []string{}, 0},
		{"result_limit cuts the length", 50, 100, 120, 0, all[50:120], 1},
		{"result_limit before the offset", 200, 10, 100, 0, []string{}, 0},
		{"no length, result_limit", 0, -1, 700, 300, all[:700], 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, url := serve(t, n, emulator.Options{})
			c := client(t, url, func(cfg *hunt.Config) {
				cfg.ResultLimit, cfg.PageSize = tc.limit, tc.pageSize
			})
			evs, err := c.Collect(context.Background(),
				hunt.Search{Query: allQuery, Offset: tc.offset, Length: tc.length})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, ids(t, evs)); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
			if got := srv.Stats().Hunts; got != tc.hunts {
				t.Errorf("got %d hunt requests, want %d", got, tc.hunts)
			}
		})
	}
}

func TestNegativeOffset(t *testing.T) {
	c := client(t, "http://127.0.0.1:1", nil)
	_, err := c.Collect(context.Background(), hunt.Search{Query: allQuery, Offset: -1})
	wantCode(t, err, hunt.CodeInvalidParameter)
}

// TestNextPageKeepsConfiguredHost: the server writes an internal host into nextPage; the
// client follows its query string on the host it was configured with.
func TestNextPageKeepsConfiguredHost(t *testing.T) {
	_, url := serve(t, 900, emulator.Options{PublicURL: "https://hive-internal.invalid:9443"})
	c := client(t, url, nil)
	evs, err := c.Collect(context.Background(), hunt.Search{Query: allQuery, Length: -1})
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 900 {
		t.Errorf("got %d events, want 900", len(evs))
	}
}

// TestStopEarly: a caller that stops consuming ends the paging.
func TestStopEarly(t *testing.T) {
	srv, url := serve(t, 2000, emulator.Options{})
	c := client(t, url, nil)
	seen := 0
	for _, err := range c.Events(context.Background(), hunt.Search{Query: allQuery, Length: -1}) {
		if err != nil {
			t.Fatal(err)
		}
		if seen++; seen == 600 {
			break
		}
	}
	if got := srv.Stats().Hunts; got != 2 {
		t.Errorf("got %d hunt requests after stopping at event 600, want 2", got)
	}
}

// fakeClock is a clock shared by the emulator and the client, moved by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// slowAnswer moves clk forward by d when the answer starts, after the server has checked
// the request and before the client can see the answer.
type slowAnswer struct {
	http.ResponseWriter
	clk     *fakeClock
	d       time.Duration
	started bool
}

func (w *slowAnswer) WriteHeader(status int) {
	if !w.started {
		w.started = true
		w.clk.advance(w.d)
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *slowAnswer) Write(b []byte) (int, error) {
	if !w.started {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// TestTokenExpiryMidPaging: tokens live 15 minutes; each hunt request takes 40s to reach
// the server and its answer 4m10s to come back, on a clock shared by the emulator and the
// client. The client renews a token a minute before it expires, so the server never
// refuses one; a client that waited for expiresAt would send the 4th page at 14m30s and
// have it refused at 15m10s.
func TestTokenExpiryMidPaging(t *testing.T) {
	clk := &fakeClock{t: now}
	srv := emulator.New(emulator.Options{
		Events: samples(1000), Now: clk.Now,
	})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != hunt.HuntPath {
			srv.ServeHTTP(w, r)
			return
		}
		clk.advance(40 * time.Second)
		srv.ServeHTTP(&slowAnswer{ResponseWriter: w, clk: clk,
			d: 4*time.Minute + 10*time.Second}, r)
	}))
	t.Cleanup(ts.Close)
	c := client(t, ts.URL, func(cfg *hunt.Config) { cfg.PageSize, cfg.Now = 100, clk.Now })
	evs, err := c.Collect(context.Background(), hunt.Search{Query: allQuery, Length: -1})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(sampleIDs(t, 1000), ids(t, evs)); diff != "" {
		t.Fatalf("events (-want +got):\n%s", diff)
	}
	// Pages sent every 4m50s; tokens issued at 0, 14m30s, 29m and 43m30s.
	if st := srv.Stats(); st.Auth != 4 || st.Unauthorized != 0 || st.Hunts != 10 {
		t.Errorf("got %d authentications, %d refusals and %d hunts; want 4, 0 and 10",
			st.Auth, st.Unauthorized, st.Hunts)
	}
}

// TestServerClockSkew: the server's clock is an hour behind, so by the client's clock
// every token has expired on arrival; the client measures the lifetime on the server's
// Date and authenticates once.
func TestServerClockSkew(t *testing.T) {
	srv, url := serve(t, 1000, emulator.Options{
		Now: func() time.Time { return time.Now().Add(-time.Hour) },
	})
	c := client(t, url, func(cfg *hunt.Config) { cfg.PageSize = 100 })
	evs, err := c.Collect(context.Background(), hunt.Search{Query: allQuery, Length: -1})
	if err != nil || len(evs) != 1000 {
		t.Fatalf("got %d events, %v; want 1000", len(evs), err)
	}
	if st := srv.Stats(); st.Auth != 1 || st.Hunts != 10 {
		t.Errorf("got %d authentications and %d hunts, want 1 and 10", st.Auth, st.Hunts)
	}
}

// TestTokenRevokedMidPaging: the server refuses each token after 3 hunts, before its
// expiry; the client authenticates again once and resumes from the same page.
func TestTokenRevokedMidPaging(t *testing.T) {
	srv, url := serve(t, 1000, emulator.Options{Faults: emulator.Faults{RevokeAfter: 3}})
	c := client(t, url, func(cfg *hunt.Config) { cfg.PageSize = 100 })
	evs, err := c.Collect(context.Background(), hunt.Search{Query: allQuery, Length: -1})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(sampleIDs(t, 1000), ids(t, evs)); diff != "" {
		t.Fatalf("events (-want +got):\n%s", diff)
	}
	if st := srv.Stats(); st.Unauthorized != 3 || st.Auth != 4 {
		t.Errorf("got %d refusals and %d authentications, want 3 and 4",
			st.Unauthorized, st.Auth)
	}
}
