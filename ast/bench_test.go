package ast_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stix2hunq/stix2hunq/ast"
)

// readmePattern is the example of the stix-shifter connector's README.
const readmePattern = "[ipv4-addr:value = '192.168.1.2' OR network-traffic:src_port = 443] " +
	"START t'2022-04-06T00:00:00.000Z' STOP t'2022-04-06T00:05:00.000Z'"

// orComparisons is one observation of n comparisons joined by OR.
func orComparisons(n int) string {
	var b strings.Builder
	b.WriteString("[")
	for i := range n {
		if i > 0 {
			b.WriteString(" OR ")
		}
		fmt.Fprintf(&b, "ipv4-addr:value = '10.%d.%d.%d'", i>>16&255, i>>8&255, i&255)
	}
	b.WriteString("] START t'2022-04-06T00:00:00.000Z' STOP t'2022-04-06T00:05:00.000Z'")
	return b.String()
}

// BenchmarkParse parses the connector's example, patterns of 1, 50 and 5,000 comparisons,
// and refuses 100,000 nested parentheses.
func BenchmarkParse(b *testing.B) {
	cases := []struct {
		name, src string
		valid     bool
	}{
		{"readme", readmePattern, true},
		{"comparisons-1", orComparisons(1), true},
		{"comparisons-50", orComparisons(50), true},
		{"comparisons-5000", orComparisons(5000), true},
		{"nested-100000", strings.Repeat("(", 100000) + "[a:b = 1]" +
			strings.Repeat(")", 100000), false},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ast.Parse(c.src, ast.ParseOptions{}); (err == nil) != c.valid {
					b.Fatal(err)
				}
			}
		})
	}
}
