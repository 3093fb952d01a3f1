package match

import (
	"flag"
	"os"
	"testing"
)

// TestMain raises rapid's default number of checks: the brute-force comparison finds
// errors in time bounds only with a few thousand cases, which take a fraction of a second.
// A -rapid.checks given on the command line wins.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "rapid.checks" })
	if f := flag.Lookup("rapid.checks"); f != nil && !set {
		if err := f.Value.Set("3000"); err != nil {
			panic(err)
		}
	}
	os.Exit(m.Run())
}
