package hunt

import (
	"encoding/json"
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
	for _, tc := range []struct {
		expiresAt string
		want      time.Time
	}{
		{"1700000900", now.Add(14 * time.Minute)},                        // 15 min: 60s early
		{"1700000060.5", now.Add(30*time.Second + 250*time.Millisecond)}, // short: half-way
		{"1700000000", now},                       // already expired
		{"", now.Add(100 * 365 * 24 * time.Hour)}, // unknown: on 401 only
	} {
		if got := c.renewAt(json.Number(tc.expiresAt)); !got.Equal(tc.want) {
			t.Errorf("renewAt(%q) = %v, want %v", tc.expiresAt, got, tc.want)
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
