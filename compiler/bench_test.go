package compiler

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stix2hunq/stix2hunq/ast"
)

// orText is [ipv4-addr:value = '10.0.0.0' OR ...] with n distinct addresses, in the
// README pattern's window.
func orText(n int) string {
	var b strings.Builder
	b.WriteByte('[')
	for i := range n {
		if i > 0 {
			b.WriteString(" OR ")
		}
		fmt.Fprintf(&b, "ipv4-addr:value = '10.%d.%d.%d'", i>>16&255, i>>8&255, i&255)
	}
	b.WriteString("] START t'2022-04-06T00:00:00.000Z' STOP t'2022-04-06T00:05:00.000Z'")
	return b.String()
}

// BenchmarkCompile measures what the connector's figure measures, its whole translation:
// from pattern text to printed queries (ast.Parse, then Compile).
func BenchmarkCompile(b *testing.B) {
	cases := []struct{ name, src string }{
		{"readme", readmeText},
		{"or-500", orText(500)},
		{"or-5000", orText(5000)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			o := Options{Now: testOptions().Now, Parsed: true}
			compileText(b, c.src, o)
			b.SetBytes(int64(len(c.src)))
			b.ReportAllocs()
			for b.Loop() {
				compileText(b, c.src, o)
			}
		})
	}
}

func compileText(b *testing.B, src string, o Options) {
	p, err := ast.Parse(src, ast.ParseOptions{})
	if err != nil {
		b.Fatal(err)
	}
	plan, err := Compile(p, o)
	if err != nil || len(plan.Queries) != 1 {
		b.Fatalf("%v, %d queries", err, len(plan.Queries))
	}
}

// BenchmarkCompileParsed measures Compile alone, on patterns parsed once, to separate the
// compiler's cost from the parser's.
func BenchmarkCompileParsed(b *testing.B) {
	for _, c := range []struct{ name, src string }{
		{"readme", readmeText}, {"or-500", orText(500)}, {"or-5000", orText(5000)},
	} {
		b.Run(c.name, func(b *testing.B) {
			p := mustParse(b, c.src)
			o := Options{Now: testOptions().Now, Parsed: true}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Compile(p, o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
