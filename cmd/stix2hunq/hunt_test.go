package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stix2hunq/stix2hunq/internal/stixcheck"
	"github.com/stix2hunq/stix2hunq/runtime/emulator/sample"
)

const huntNow = "2024-05-01T12:00:00Z"

var summaryLine = regexp.MustCompile(`stix2hunq: (\d+) quer(y|ies), (\d+) events? fetched, ` +
	`(\d+ returned twice, )?(\d+) kept \((exact|filter|correlate)\), [0-9.]+ s\n`)

// TestHuntSample hunts the built-in sample data: valid STIX of each version on stdout,
// the summary on stderr.
func TestHuntSample(t *testing.T) {
	for _, c := range []struct{ version, pattern string }{
		{"2.1", "[process:image_ref.name = 'powershell.exe' OR " +
			"network-traffic:dst_port = 443]"},
		{"2.0", "[process:binary_ref.name = 'cmd.exe'] FOLLOWEDBY " +
			"[network-traffic:dst_port = 443]"},
	} {
		out, errw, code := runIn("", "hunt", "--now", huntNow, "--stix-version", c.version,
			c.pattern)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errw)
		}
		if err := stixcheck.Bundle([]byte(out)); err != nil {
			t.Errorf("%s: invalid STIX:\n%v", c.version, err)
		}
		m := summaryLine.FindStringSubmatch(errw)
		if m == nil {
			t.Fatalf("no summary in %q", errw)
		}
		if n := strings.Count(out, `"type":"observed-data"`); n == 0 || n != atoi(m[5]) {
			t.Errorf("%s: summary says %s kept, the bundle holds %d observed-data", c.version,
				m[5], n)
		}
		if !strings.Contains(errw, "using the built-in emulator") {
			t.Errorf("no word of the emulator: %q", errw)
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// TestHuntEventsFile hunts a file of events through the emulator, as JSON lines of 2.0.
func TestHuntEventsFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "events.jsonl")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	evs := sample.Generate(sample.Options{Seed: 3, Count: 300, Now: sampleClock})
	if err := sample.WriteJSONLines(f, evs); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out, errw, code := runIn("", "hunt", "--events", file, "--now",
		sampleClock.Format("2006-01-02T15:04:05Z"), "--stix-version", "2.0", "--format",
		"ndjson", "--time-range", "120", "[network-traffic:dst_port = 443]")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errw)
	}
	if err := stixcheck.Objects([]byte(out), "2.0"); err != nil {
		t.Errorf("invalid STIX:\n%v", err)
	}
	m := summaryLine.FindStringSubmatch(errw)
	if m == nil || atoi(m[5]) == 0 || !strings.Contains(errw, "over 300 given events") {
		t.Errorf("stderr %q", errw)
	}
	if n := strings.Count(out, "\n"); n != atoi(m[5])+1 {
		t.Errorf("%d lines for %s observed-data and the identity", n, m[5])
	}
}

// TestHuntRefusals: an invalid pattern exits 3 with a caret, one that can never match
// exits 4 naming the property, and a bad flag exits 1.
func TestHuntRefusals(t *testing.T) {
	_, errw, code := runIn("", "hunt", "[file:name = ]")
	if code != exitInvalid || !strings.Contains(errw, "pattern:1:14: expected a value") ||
		!strings.Contains(errw, "             ^") {
		t.Errorf("invalid: exit %d, %q", code, errw)
	}
	_, errw, code = runIn("", "hunt", "[x-unknown:thing = 'a']")
	if code != exitUntranslated || !strings.Contains(errw, "x-unknown:thing") {
		t.Errorf("untranslatable: exit %d, %q", code, errw)
	}
	_, errw, code = runIn("", "hunt", "--now", "yesterday", "[file:name = 'a']")
	if code != exitFailure || !strings.Contains(errw, "--now") {
		t.Errorf("bad --now: exit %d, %q", code, errw)
	}
}

// TestHuntGapNote: a hunt on a property some of whose sources no query searches says so
// after its summary, unless --complete widens the queries to find them.
func TestHuntGapNote(t *testing.T) {
	const pattern = "[process:image_ref.name = 'powershell.exe']"
	_, errw, code := runIn("", "hunt", "--now", huntNow, pattern)
	if code != 0 || !strings.HasSuffix(errw, gapNote("process:image_ref.name (10)")) {
		t.Errorf("exit %d, stderr %q", code, errw)
	}
	_, errw, code = runIn("", "hunt", "--now", huntNow, "--complete", pattern)
	if code != 0 || strings.Contains(errw, "note: the queries cannot search") {
		t.Errorf("--complete: exit %d, stderr %q", code, errw)
	}
}

// TestHuntFailure: a hunt whose server cannot be reached exits 5 and writes nothing on
// standard output, not a bundle that reads as an empty result, and no credential on
// standard error.
func TestHuntFailure(t *testing.T) {
	conn := `{"host": "127.0.0.1", "port": 1, "options": {"max_retries": 0, "timeout": 2}}`
	out, errw, code := runIn("", "execute", "reaqta", "reaqta", readmeIdentity, conn,
		`{"auth": {"app_id": "hunter", "secret_key": "s3cret-value"}}`,
		"[ipv4-addr:value = '10.0.0.1']")
	if code != exitTransmit || out != "" || !strings.Contains(errw, "service_unavailable") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errw)
	}
	if strings.Contains(errw, "s3cret-value") {
		t.Errorf("the secret is on stderr: %q", errw)
	}
}

// TestHuntBudget: a correlation too large to search is a failure of the hunt (exit 1)
// that says what to narrow, not a Hunt API failure.
func TestHuntBudget(t *testing.T) {
	obs := strings.Repeat("[network-traffic:dst_port = 443] FOLLOWEDBY ", 49)
	pattern := obs + "[network-traffic:dst_port = 443] REPEATS 10 TIMES"
	out, errw, code := runIn("", "hunt", "--now", huntNow, "--time-range", "60", pattern)
	if code != exitFailure || out != "" || !strings.Contains(errw, "budget exhausted") ||
		!strings.Contains(errw, "narrow its time window") {
		t.Errorf("exit %d, stdout %.100q, stderr %q", code, out, errw)
	}
}

// TestExecute runs stix-shifter's execute on the emulator: a 2.0 bundle by default, 2.1
// with the stix_2.1 option, created by the given identity.
func TestExecute(t *testing.T) {
	for _, c := range []struct{ conn, version string }{
		{`{}`, "2.0"},
		{`{"options": {"stix_2.1": true, "time_range": 60}}`, "2.1"},
	} {
		out, errw, code := runIn("", "execute", "reaqta", "reaqta", readmeIdentity, c.conn,
			`{}`, "[network-traffic:dst_port = 443]")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errw)
		}
		if err := stixcheck.Bundle([]byte(out)); err != nil {
			t.Errorf("%s: invalid STIX:\n%v", c.version, err)
		}
		spec := strings.Contains(out, `"spec_version":"2.0"`)
		if spec != (c.version == "2.0") || !strings.Contains(out, `"created_by_ref":`+
			`"identity--f431f809-377b-45e0-aa1c-6a4751cae5ff"`) {
			t.Errorf("%s: wrong version or creator: %.300s", c.version, out)
		}
		if m := summaryLine.FindStringSubmatch(errw); m == nil || m[5] == "0" {
			t.Errorf("%s: nothing kept: %q", c.version, errw)
		}
	}
	_, errw, code := runIn("", "execute", "reaqta", "reaqta", readmeIdentity,
		`{"options": {"time_range": -1}}`, `{}`, "[network-traffic:dst_port = 443]")
	if code != exitFailure || !strings.Contains(errw, "time_range must be positive") {
		t.Errorf("bad time_range: exit %d, %q", code, errw)
	}
}
