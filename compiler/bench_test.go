package compiler

import (
	"fmt"
	"testing"

	"github.com/stix2hunq/stix2hunq/ast"
)

// orPattern is [ipv4-addr:value = '10.0.0.0' OR ... ] with n distinct addresses.
func orPattern(n int) *ast.Pattern {
	xs := make([]ast.ComparisonExpr, n)
	for i := range xs {
		v := fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255)
		xs[i] = cmpE("ipv4-addr:value", ast.OpEqual, str(v))
	}
	return pattern(bracket(or(xs...)))
}

func BenchmarkCompile(b *testing.B) {
	cases := []struct {
		name string
		p    *ast.Pattern
	}{
		{"readme", readmePattern()},
		{"or-500", orPattern(500)},
		{"or-5000", orPattern(5000)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			o := Options{Now: testOptions().Now}
			if _, err := Compile(c.p, o); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Compile(c.p, o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
