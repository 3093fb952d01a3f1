package fuzz

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/stix2hunq/stix2hunq/internal/golden"
)

// seedPrefix starts the names of the corpus files that TestSeedCorpora writes; files of
// other names are inputs the fuzzer found, kept as they are.
const seedPrefix = "seed-"

// TestSeedCorpora checks the checked-in seed corpus of every fuzz target under
// testdata/fuzz/<Target>: the examples of the STIX specifications, the golden patterns
// and queries of testdata/compile, and the event files of the mapper's tests, each as one
// corpus file. go test -update rewrites them from those sources.
func TestSeedCorpora(t *testing.T) {
	spec20 := golden.Lines(t, "../testdata/patterns/spec-2.0.txt")
	patterns := append(spec20, golden.Lines(t, "../testdata/patterns/spec-2.1.txt")...)
	golds, queries := goldenFiles(t)
	patterns = append(patterns, golds...)
	events := eventFiles(t)
	corpora := map[string][]string{}
	for i, p := range patterns {
		v20 := "bool(" + strconv.FormatBool(i < len(spec20)) + ")"
		corpora["FuzzParse"] = append(corpora["FuzzParse"], str(p)+"\n"+v20)
		corpora["FuzzCompile"] = append(corpora["FuzzCompile"], str(p)+"\n"+v20+
			"\nbool(false)")
		corpora["FuzzNormalize"] = append(corpora["FuzzNormalize"],
			"[]byte("+strconv.Quote(p)+")\n"+str(p))
	}
	for _, q := range append(queries, hunqSeeds...) {
		corpora["FuzzHunQParse"] = append(corpora["FuzzHunQParse"], str(q))
	}
	for _, e := range events {
		corpora["FuzzMapEvents"] = append(corpora["FuzzMapEvents"], str(e))
	}
	for target, inputs := range corpora {
		checkCorpus(t, filepath.Join("testdata", "fuzz", target), inputs)
	}
}

func str(s string) string { return "string(" + strconv.Quote(s) + ")" }

// checkCorpus compares the seed files of dir with inputs, or rewrites them under -update.
func checkCorpus(t *testing.T, dir string, inputs []string) {
	want := map[string]string{}
	for _, in := range inputs {
		sum := sha256.Sum256([]byte(in))
		want[seedPrefix+hex.EncodeToString(sum[:8])] = "go test fuzz v1\n" + in + "\n"
	}
	have, _ := filepath.Glob(filepath.Join(dir, seedPrefix+"*"))
	if golden.Updating() {
		for _, f := range have {
			if _, ok := want[filepath.Base(f)]; !ok {
				_ = os.Remove(f)
			}
		}
	}
	names := make([]string, 0, len(want))
	for name := range want {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		golden.Check(t, filepath.Join(dir, name), want[name])
	}
	if !golden.Updating() && len(have) != len(want) {
		t.Errorf("%s holds %d seed files, want %d: run go test -update", dir, len(have),
			len(want))
	}
}

// goldenFiles returns the patterns and the queries of the compiler's golden files.
func goldenFiles(t *testing.T) (patterns, queries []string) {
	files, err := filepath.Glob("../testdata/compile/*.stix")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden patterns: %v", err)
	}
	for _, f := range files {
		patterns = append(patterns, strings.Join(golden.Lines(t, f), "\n"))
		hunq := strings.TrimSuffix(f, ".stix") + ".hunq"
		if _, err := os.Stat(hunq); err == nil {
			queries = append(queries, golden.Lines(t, hunq)...)
		}
	}
	return patterns, queries
}

// eventFiles returns the event files of the mapper's tests.
func eventFiles(t *testing.T) []string {
	var out []string
	for _, name := range []string{"readme_network.json", "sample_event.json"} {
		b, err := os.ReadFile(filepath.Join("..", "runtime", "tostix", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}
