package fuzz

import (
	"flag"
	"fmt"
	"os"
	"testing"
)

// differentialChecks is the number of rapid checks of each differential test, one
// pattern each over several events, unless -rapid.checks says otherwise.
const differentialChecks = 3200

// TestMain fixes rapid's seed and raises its number of checks, so that go test runs the
// same differential cases every time, enough of them to meet the pair counts the tests
// assert. A -rapid.seed or -rapid.checks given on the command line wins: a long campaign
// runs, say, -rapid.seed 0 (a random seed) -rapid.checks 100000.
func TestMain(m *testing.M) {
	flag.Parse()
	set := map[string]bool{}
	flag.Visit(func(f *flag.Flag) { set[f.Name] = true })
	defaults := map[string]string{"rapid.seed": "20260102",
		"rapid.checks": fmt.Sprint(differentialChecks)}
	for name, value := range defaults {
		if f := flag.Lookup(name); f != nil && !set[name] {
			if err := f.Value.Set(value); err != nil {
				panic(err)
			}
		}
	}
	defaultChecks = !set["rapid.checks"]
	os.Exit(m.Run())
}

// defaultChecks reports that the differential tests run their default number of checks.
var defaultChecks bool
