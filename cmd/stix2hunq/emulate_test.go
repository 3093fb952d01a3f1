package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stix2hunq/stix2hunq/runtime/emulator/sample"
	"github.com/stix2hunq/stix2hunq/runtime/hunt"
)

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
	pr, pw := io.Pipe()
	var out strings.Builder
	codec := make(chan int, 1)
	go func() {
		codec <- run([]string{"emulate", "--listen", "127.0.0.1:0", "--events", file,
			"--app-id", "a1", "--secret", "s3cret-99"}, stdio{strings.NewReader(""), &out, pw})
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	banner := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+) over 700 events`)
	m := banner.FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("banner %q names no address or the wrong count", line)
	}
	c, err := hunt.New(hunt.Config{BaseURL: m[1], AppID: "a1", Secret: "s3cret-99"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Collect(context.Background(), hunt.Search{Query: everything, Length: -1})
	if err != nil || len(got) != 700 {
		t.Errorf("got %d events, %v; want 700", len(got), err)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-codec:
		if code != 0 || out.String() != "" {
			t.Errorf("exit %d, stdout %q; want 0 and nothing", code, out.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("emulate did not stop on an interrupt")
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
