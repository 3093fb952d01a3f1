package compiler

import (
	"testing"
	"time"

	"github.com/stix2hunq/stix2hunq/ast"
)

// readmeText is the connector README's example pattern.
const readmeText = `[ipv4-addr:value = '192.168.1.2' OR network-traffic:src_port = 443] ` +
	`START t'2022-04-06T00:00:00.000Z' STOP t'2022-04-06T00:05:00.000Z'`

// mustParse parses STIX 2.1 pattern text.
func mustParse(tb testing.TB, src string) *ast.Pattern {
	tb.Helper()
	p, err := ast.Parse(src, ast.ParseOptions{})
	if err != nil {
		tb.Fatalf("parse %s: %v", src, err)
	}
	return p
}

// mustCompile parses and compiles pattern text with the test options.
func mustCompile(tb testing.TB, src string) *Plan {
	tb.Helper()
	plan, err := Compile(mustParse(tb, src), testOptions())
	if err != nil {
		tb.Fatalf("compile %s: %v", src, err)
	}
	return plan
}

var fixedNow = time.Date(2026, 1, 2, 3, 4, 5, 678_000_000, time.UTC)

func testOptions() Options {
	return Options{Now: func() time.Time { return fixedNow }, Trace: true}
}
