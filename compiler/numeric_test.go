package compiler

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/stix2hunq/stix2hunq/ast"
)

// TestNumericText: a string reads as a number exactly when ParseFloat gives a finite
// value; the quick test before ParseFloat changes no answer, on a table and on strings
// drawn from the characters of numbers.
func TestNumericText(t *testing.T) {
	strs := []string{"8", "08", "-1.5", "+.5", ".5", "1e3", "0x1p3", "1_000",
		"0x_1p0", "inf", "-Inf", "NaN", "infinity", "abc", "", "-", "+", ".", " 8", "8 ",
		"1e400", "٣", "e5", "-.e1", "0", "-0", "1.e5", "1e+5", "1e-", "1e+", "10.0.0.1",
		"5.", "1..2", "1e5.0", "1E5", "+-1", "0X1P-2", "0x", "0b101", "0o7", "1f"}
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "0123456789.eE+-_xXpPabf "
	for range 20000 {
		b := make([]byte, r.IntN(7))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		strs = append(strs, string(b))
	}
	for _, s := range strs {
		f, err := strconv.ParseFloat(s, 64)
		want := err == nil && !math.IsInf(f, 0) && !math.IsNaN(f)
		if got := numericText(&ast.StringLit{Value: s}); got != want {
			t.Errorf("numericText(%q) = %v, want %v", s, got, want)
		}
	}
	set := &ast.SetLit{Elems: []ast.Literal{&ast.StringLit{Value: "a"},
		&ast.StringLit{Value: "7"}}}
	if !numericText(set) {
		t.Errorf("a set holding '7' does not read as holding a number")
	}
}
