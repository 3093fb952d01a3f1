package compiler

import (
	"testing"
	"time"

	"pgregory.net/rapid"
)

func TestFormatTimeMatchesLayout(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sec := rapid.Int64Range(minTime.Unix(), maxTime.Unix()).Draw(t, "seconds")
		nsec := rapid.Int64Range(0, 999_999_999).Draw(t, "nanoseconds")
		tm := time.Unix(sec, nsec)
		if got, want := FormatTime(tm), tm.UTC().Format(timeLayout); got != want {
			t.Fatalf("FormatTime(%v): got %s, want %s", tm, got, want)
		}
	})
}

func TestMilliRounding(t *testing.T) {
	at := func(ns int) time.Time { return time.Date(2024, 1, 1, 0, 0, 0, ns, time.UTC) }
	tests := []struct {
		in          time.Time
		floor, ceil string
	}{
		{at(0), "2024-01-01T00:00:00.000Z", "2024-01-01T00:00:00.000Z"},
		{at(500_000), "2024-01-01T00:00:00.000Z", "2024-01-01T00:00:00.001Z"},
		{at(999_999_999), "2024-01-01T00:00:00.999Z", "2024-01-01T00:00:01.000Z"},
		{time.Date(-5, 1, 1, 0, 0, 0, 0, time.UTC), "0001-01-01T00:00:00.000Z",
			"-0005-01-01T00:00:00.000Z"},
		{time.Date(12000, 1, 1, 0, 0, 0, 0, time.UTC), "12000-01-01T00:00:00.000Z",
			"9999-12-31T23:59:59.999Z"},
	}
	for _, tt := range tests {
		if got := FormatTime(floorMilli(tt.in)); got != tt.floor {
			t.Errorf("floorMilli(%v): got %s, want %s", tt.in, got, tt.floor)
		}
		if got := FormatTime(ceilMilli(tt.in)); got != tt.ceil {
			t.Errorf("ceilMilli(%v): got %s, want %s", tt.in, got, tt.ceil)
		}
	}
}

// TestWithinBoundsOnlyRequiredObservations pins the WITHIN rule: an observation that
// every match includes lends its window to the others, one under an OR does not.
func TestWithinBoundsOnlyRequiredObservations(t *testing.T) {
	const win = `START t'2024-01-01T00:00:00Z' STOP t'2024-01-01T01:00:00Z'`
	tests := []struct{ src, want string }{
		{"([domain-name:value = 'a'] " + win + " AND [url:value = 'b']) WITHIN 60 SECONDS",
			"2023-12-31T23:59:00.000Z .. 2024-01-01T01:01:00.000Z (WITHIN at 1:110)"},
		{"([domain-name:value = 'a'] " + win + " OR [url:value = 'b']) WITHIN 60 SECONDS",
			"2026-01-02T02:59:05.678Z .. 2026-01-02T03:04:05.678Z (default: the last 5m0s)"},
		{"(([domain-name:value = 'a'] " + win + " AND [url:value = 'b']) WITHIN 60 SECONDS " +
			"AND [file:size = 1]) WITHIN 10 SECONDS",
			"2023-12-31T23:59:50.000Z .. 2024-01-01T01:00:10.000Z (WITHIN at 1:150)"},
		{"([domain-name:value = 'a'] WITHIN 60 SECONDS AND [url:value = 'b']) " + win,
			"2024-01-01T00:00:00.000Z .. 2024-01-01T01:00:00.000Z (START/STOP at 1:69)"},
	}
	for _, tt := range tests {
		plan := mustCompile(t, tt.src)
		if got := plan.Observations[len(plan.Observations)-1].Window.describe(); got != tt.want {
			t.Errorf("%s\ngot  %s\nwant %s", tt.src, got, tt.want)
		}
	}
}
