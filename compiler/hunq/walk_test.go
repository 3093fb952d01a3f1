package hunq

import (
	"strings"
	"testing"
)

func TestEachCompare(t *testing.T) {
	n, err := Parse(`a = 1 AND (NOT b = "x" OR (c != 2 AND d = TRUE)) AND e = "y"`)
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	EachCompare(n, func(c *CompareExpr) { fields = append(fields, c.Field+c.Op.String()) })
	if got, want := strings.Join(fields, " "), "a= b= c!= d= e="; got != want {
		t.Errorf("comparisons %q, want %q", got, want)
	}
	EachCompare(True, func(c *CompareExpr) { t.Errorf("a constant has comparison %v", c) })
}
