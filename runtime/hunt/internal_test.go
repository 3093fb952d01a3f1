package hunt

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"3", 3 * time.Second, true},
		{"0", 0, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{"", 0, false},
		{"Wed, 01 May 2024 12:00:10 GMT", 10 * time.Second, true},
		{"Wed, 01 May 2024 11:00:00 GMT", 0, true},
	} {
		got, ok := parseRetryAfter(tc.in, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestRenewAt(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	c := &Client{cfg: withDefaults(Config{Now: func() time.Time { return now }})}
	var none time.Time
	for _, tc := range []struct {
		expiresAt string
		date      time.Time // the server's Date header
		want      time.Time
	}{
		// 15 minutes: renewed 60s early.
		{"1700000900", none, now.Add(14 * time.Minute)},
		// A short life: renewed half-way.
		{"1700000060.5", none, now.Add(30*time.Second + 250*time.Millisecond)},
		// Already expired: renewed at once.
		{"1700000000", none, now},
		// No readable expiry: renewed on a 401 only.
		{"", none, now.Add(100 * 365 * 24 * time.Hour)},
		// A small skew is ignored.
		{"1700000900", now.Add(3 * time.Second), now.Add(14 * time.Minute)},
		// The server's clock is an hour behind: its 15 minutes are still 15 minutes.
		{"1699997300", now.Add(-time.Hour), now.Add(14 * time.Minute)},
		// The server's clock is an hour ahead: the token is not expired on arrival.
		{"1700004500", now.Add(time.Hour), now.Add(14 * time.Minute)},
	} {
		if got := c.renewAt(json.Number(tc.expiresAt), tc.date); !got.Equal(tc.want) {
			t.Errorf("renewAt(%q, %v) = %v, want %v", tc.expiresAt, tc.date, got, tc.want)
		}
	}
}

func TestRedact(t *testing.T) {
	for _, tc := range []struct{ msg, secret, want string }{
		{"bad secret s3cr3t!", "s3cr3t!", "bad secret [redacted]"},
		{"nothing to hide", "s3cr3t!", "nothing to hide"},
		{"bad secret abc", "abc", "HTTP 401: [redacted: the message may show a secret]"},
		{"bad secret", "", "bad secret"},
	} {
		e := redact(newError(CodeAuthenticationFail, 401, tc.msg, nil), tc.secret)
		if e.Message != tc.want {
			t.Errorf("redact(%q, %q) = %q, want %q", tc.msg, tc.secret, e.Message, tc.want)
		}
	}
}

func TestInvalidHostHidesCredentials(t *testing.T) {
	for _, raw := range []string{"https://admin:pa55word@hive", "ftp://admin:pa55word@hive",
		"https://admin:pa55 word@hi ve"} {
		_, err := parseBase(raw)
		if err == nil || strings.Contains(err.Error(), "pa55") {
			t.Errorf("parseBase(%q) = %v, want an error without the password", raw, err)
		}
	}
}

func TestBackoffBounds(t *testing.T) {
	cfg := withDefaults(Config{
		RetryWaitMin: 10 * time.Millisecond, RetryWaitMax: 50 * time.Millisecond,
	})
	s := &retryState{cfg: &cfg}
	for attempt, lo := range []time.Duration{5, 10, 20, 25, 25} {
		s.attempts = attempt
		for range 50 {
			d := s.delay(nil)
			if d < lo*time.Millisecond || d > 2*lo*time.Millisecond {
				t.Fatalf("attempt %d: wait %v outside [%v, %v]", attempt, d,
					lo*time.Millisecond, 2*lo*time.Millisecond)
			}
		}
	}
}

func TestFormattingHidesSecrets(t *testing.T) {
	const secret = "s3cr3t-in-config"
	cfg := Config{BaseURL: "http://127.0.0.1:1", AppID: "app", Secret: secret}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	c.token = token{value: "tok-in-cache-123"}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		for _, v := range []any{cfg, &cfg, c} {
			if s := fmt.Sprintf(verb, v); strings.Contains(s, secret) ||
				strings.Contains(s, "tok-in-cache") {
				t.Errorf("%s of %T shows a secret: %s", verb, v, s)
			}
		}
	}
}

// TestDelayHonoursRetryAfter: Retry-After sets the wait of a 429 or a 503; other answers
// back off exponentially.
func TestDelayHonoursRetryAfter(t *testing.T) {
	cfg := withDefaults(Config{RetryWaitMin: time.Millisecond, RetryWaitMax: 4 * time.Millisecond})
	s := &retryState{cfg: &cfg}
	for _, tc := range []struct {
		status     int
		retryAfter string
		lo, hi     time.Duration
	}{
		{429, "3", 3 * time.Second, 3 * time.Second},
		{503, "2", 2 * time.Second, 2 * time.Second},
		{500, "2", 500 * time.Microsecond, time.Millisecond},
		{503, "", 500 * time.Microsecond, time.Millisecond},
	} {
		resp := &http.Response{StatusCode: tc.status, Header: http.Header{}}
		resp.Header.Set("Retry-After", tc.retryAfter)
		if d := s.delay(resp); d < tc.lo || d > tc.hi {
			t.Errorf("%d with Retry-After %q: wait %v, want %v to %v", tc.status,
				tc.retryAfter, d, tc.lo, tc.hi)
		}
	}
}
