package sample

import (
	"slices"
	"testing"
)

// TestCommandArgs: arguments follow the program, quoted ones whole.
func TestCommandArgs(t *testing.T) {
	cases := []struct {
		cmd  string
		want []string
	}{
		{`"c:\program files\x.exe" -k a -p`, []string{"-k", "a", "-p"}},
		{`cmd.exe /c net group "Domain Admins" /domain`,
			[]string{"/c", "net", "group", "Domain Admins", "/domain"}},
		{`x.exe`, []string{}},
	}
	for _, c := range cases {
		if got := commandArgs(c.cmd); !slices.Equal(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.cmd, got, c.want)
		}
	}
}
