package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stix2hunq/stix2hunq/runtime/emulator"
	"github.com/stix2hunq/stix2hunq/runtime/emulator/sample"
	"github.com/stix2hunq/stix2hunq/runtime/hunt"
)

// emulate runs the emulate command with args in the background and returns its base URL
// (read from its banner) and a function that interrupts it and returns its exit status
// and stdout.
func emulate(t *testing.T, wantEvents int, args ...string) (string, func() (int, string)) {
	t.Helper()
	pr, pw := io.Pipe()
	var out strings.Builder
	codec := make(chan int, 1)
	go func() {
		args := append([]string{"emulate", "--listen", "127.0.0.1:0"}, args...)
		codec <- run(args, stdio{strings.NewReader(""), &out, pw})
		pw.Close()
	}()
	r := bufio.NewReader(pr)
	line, err := r.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	hint, _ := r.ReadString('\n')
	go func() { _, _ = io.Copy(io.Discard, r) }()
	banner := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+) over (\d+) events`)
	m := banner.FindStringSubmatch(line)
	if m == nil || m[2] != strconv.Itoa(wantEvents) {
		t.Fatalf("banner %q names no address or not %d events", line, wantEvents)
	}
	if !strings.Contains(hint, `stix2hunq transmit reaqta '{"host": "`+m[1]+`"}'`) {
		t.Errorf("second line %q does not say how to connect", hint)
	}
	return m[1], func() (int, string) {
		if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		select {
		case code := <-codec:
			return code, out.String()
		case <-time.After(5 * time.Second):
			t.Fatal("emulate did not stop on an interrupt")
		}
		return 0, ""
	}
}

// TestEmulate serves a file of events on a free port, hunts through it with the client,
// and stops on an interrupt.
func TestEmulate(t *testing.T) {
	file := filepath.Join(t.TempDir(), "events.jsonl")
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	evs := sample.Generate(sample.Options{Seed: 2, Count: 700, Now: sampleClock})
	if err := sample.WriteJSONLines(f, evs); err != nil {
		t.Fatal(err)
	}
	f.Close()
	url, stop := emulate(t, 700, "--events", file, "--app-id", "a1", "--secret", "s3cret-99")
	c, err := hunt.New(hunt.Config{BaseURL: url, AppID: "a1", Secret: "s3cret-99"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Collect(context.Background(), hunt.Search{Query: everything, Length: -1})
	if err != nil || len(got) != 700 {
		t.Errorf("got %d events, %v; want 700", len(got), err)
	}
	if code, out := stop(); code != 0 || out != "" {
		t.Errorf("exit %d, stdout %q; want 0 and nothing", code, out)
	}
}

// TestEmulateFaults: --rate-limit-share 1 answers every hunt with 429 and its Retry-After.
func TestEmulateFaults(t *testing.T) {
	url, stop := emulate(t, 50, "--sample-count", "50", "--rate-limit-share", "1",
		"--retry-after", "7s")
	c, err := hunt.New(hunt.Config{BaseURL: url, AppID: "emulator",
		Secret: "emulator-secret", MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Collect(context.Background(), hunt.Search{Query: everything, Length: 5})
	var he *hunt.Error
	if !errors.As(err, &he) || he.Code != hunt.CodeTooManyRequests {
		t.Errorf("got %v, want too_many_requests", err)
	}
	resp, err := http.Post(url+hunt.HuntPath, "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "7" {
		t.Errorf("got %d with Retry-After %q, want 429 and 7", resp.StatusCode,
			resp.Header.Get("Retry-After"))
	}
	if code, _ := stop(); code != 0 {
		t.Errorf("exit %d", code)
	}
	for _, args := range [][]string{{"--drop-share", "1.5"},
		{"--error-share", "0.6", "--cut-share", "0.6"}, {"--latency", "-1s"}} {
		out, errw, code := runCLI(append([]string{"emulate"}, args...)...)
		if code != 1 || out != "" || !strings.Contains(errw, "stix2hunq: ") {
			t.Errorf("%v: got %q, %q, %d; want a refusal", args, out, errw, code)
		}
	}
}

func TestEmulateBadEvents(t *testing.T) {
	file := filepath.Join(t.TempDir(), "bad.jsonl")
	if err := os.WriteFile(file, []byte("{\"eventId\":\"a\"}\n42\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, errw, code := runCLI("emulate", "--events", file)
	if code != 1 || out != "" || !strings.Contains(errw, "bad.jsonl: events line 2: json") {
		t.Errorf("got %q, %q, %d", out, errw, code)
	}
}

// TestBanner: the emulator's banner shows the documented default secret, and any other
// only as a placeholder.
func TestBanner(t *testing.T) {
	for _, tc := range []struct{ secret, want string }{
		{emulator.DefaultSecret, `"secret_key":"` + emulator.DefaultSecret + `"`},
		{"s3cret-99", `"secret_key":"<your secret>"`},
	} {
		var b strings.Builder
		banner(&b, "127.0.0.1:8080", 5, emulator.Options{AppID: "a1", Secret: tc.secret})
		if !strings.Contains(b.String(), tc.want) || strings.Contains(b.String(), "s3cret") {
			t.Errorf("secret %q: banner %q, want %s", tc.secret, b.String(), tc.want)
		}
	}
}
