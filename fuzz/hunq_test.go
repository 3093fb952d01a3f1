package fuzz

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/stix2hunq/stix2hunq/compiler/hunq"
)

// hunqSeeds are queries of the shapes the compiler writes and public HunQ shows.
var hunqSeeds = []string{
	`(eventdata.localPort = "443" OR (login.ip = "192.168.1.2" OR $ip = "192.168.1.2")) AND ` +
		`happenedAfter = "2022-04-06T00:00:00.000Z" AND ` +
		`happenedBefore = "2022-04-06T00:05:00.000Z"`,
	`hasAlert = true`,
	`eventType = 8`,
	`$ip="172.16.60.184" and hasAlert=t`,
	`(eventdata.size.gte = 50 AND eventdata.size.lte = 10)`,
	`($ip != "172.31.60.104" OR (NOT $ip = "172.31.60.104" OR NOT login.ip = "172.31.60.104"))`,
	`(originalFilename="net.exe" and cmdline="/del") or (cmdline="*" and privilege="SYSTEM")`,
	`cmdline = "a \"quoted\" \\ value (with) parens"`,
	`NOT (pid = 1 OR pid = 2)`,
}

// FuzzHunQParse: the HunQ parser, which the emulator runs on every query it is sent,
// never panics on any input, and what it accepts prints to text that parses back to the
// same tree.
func FuzzHunQParse(f *testing.F) {
	for _, s := range hunqSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		n, err := hunq.Parse(src)
		if err != nil {
			var he *hunq.Error
			if !errors.As(err, &he) && !strings.HasPrefix(err.Error(), "hunq") {
				t.Fatalf("error of an unexpected kind: %T %v", err, err)
			}
			return
		}
		text, err := hunq.Print(n)
		if err != nil {
			return // a constant, or a value the default dialect cannot write
		}
		m, err := hunq.Parse(text)
		if err != nil {
			t.Fatalf("parsed %q, printed %q, which fails: %v", src, text, err)
		}
		again, err := hunq.Print(m)
		if err != nil || again != text {
			t.Fatalf("printing is not stable: %q then %q (%v)", text, again, err)
		}
		if d := cmp.Diff(text, again); d != "" {
			t.Fatal(d)
		}
	})
}
