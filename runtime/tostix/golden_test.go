package tostix

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stix2hunq/stix2hunq/internal/golden"
)

// goldenInputs are the event files testdata/NAME.json and testdata/NAME.jsonl.
func goldenInputs(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, pat := range []string{"testdata/*.json", "testdata/*.jsonl"} {
		files, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.Count(filepath.Base(f), ".") == 1 {
				out = append(out, f)
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no golden inputs")
	}
	return out
}

// TestGolden maps each input to a STIX 2.0 bundle (NAME.stix20.json) and a STIX 2.1
// bundle (NAME.stix21.json), with ids numbered from 1 and a fixed clock.
func TestGolden(t *testing.T) {
	for _, in := range goldenInputs(t) {
		events, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		base := strings.TrimSuffix(in, filepath.Ext(in))
		for v, suffix := range map[Version]string{STIX20: ".stix20.json", STIX21: ".stix21.json"} {
			t.Run(filepath.Base(base)+suffix, func(t *testing.T) {
				out, warns := translate(t, v, Bundle, string(events))
				for _, w := range warns {
					t.Errorf("warning: %v", w)
				}
				var pretty bytes.Buffer
				if err := json.Indent(&pretty, []byte(out), "", "  "); err != nil {
					t.Fatalf("output is not JSON: %v", err)
				}
				pretty.WriteByte('\n')
				golden.Check(t, base+suffix, pretty.String())
			})
		}
	}
}
