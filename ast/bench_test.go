package ast_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stix2hunq/stix2hunq/ast"
)

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

func BenchmarkParse(b *testing.B) {
	for _, n := range []int{1, 50, 5000} {
		src := orComparisons(n)
		b.Run(fmt.Sprintf("comparisons-%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ast.Parse(src, ast.ParseOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
