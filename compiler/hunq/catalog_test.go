package hunq

import (
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCatalogCounts(t *testing.T) {
	c := DefaultCatalog()
	got := map[string]int{}
	for f := range c.All() {
		got[f.Kind.String()]++
	}
	want := map[string]int{"TERM": 218, "PREFIX": 52, "EXISTS": 10, "RANGE_GTE": 4,
		"RANGE_LTE": 4}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("kinds: got - want +:\n%s", diff)
	}
	if c.Len() != 288 {
		t.Errorf("got %d fields, want 288", c.Len())
	}
}

func TestCatalogOrderAndLookup(t *testing.T) {
	c := DefaultCatalog()
	var names []string
	for f := range c.All() {
		names = append(names, f.Name)
		g, ok := c.Lookup(f.Name)
		if !ok || g.Name != f.Name {
			t.Errorf("Lookup(%q) = %v, %v", f.Name, g.Name, ok)
		}
		for _, p := range f.Paths {
			if p.Kind != f.Kind {
				t.Errorf("%s: path %s has kind %v, field has %v", f.Name, p.Path, p.Kind, f.Kind)
			}
		}
	}
	if !sort.StringsAreSorted(names) {
		t.Error("All is not in order of name")
	}
}

func TestCatalogFacts(t *testing.T) {
	c := DefaultCatalog()
	tests := []struct {
		name  string
		kind  MatchKind
		paths []string
	}{
		{"eventdata.localPort", Term, []string{"payload.data.localPort"}},
		{"cmdline", Prefix, []string{"payload.data.cmdLine", "payload.data.cmdLineArgs"}},
		{"$ip", Term, []string{"payload.data.remoteAddr", "payload.data.localAddr"}},
		{"hasAlert", Exists, []string{"payload.incidents", "payload.triggeredIncidents"}},
		{"happenedAfter", RangeGTE, []string{"happenedAt"}},
		{"happenedBefore", RangeLTE, []string{"happenedAt"}},
		{"eventdata.dns", Prefix, []string{"payload.data.queryName"}},
		{"reg.path", Prefix, []string{"payload.data.rootObject"}},
		{"fsname", Term, []string{"payload.process.program.fsName"}},
		{"hasGui", Term, []string{"payload.process.noGui"}},
	}
	for _, tt := range tests {
		f, ok := c.Lookup(tt.name)
		if !ok {
			t.Errorf("Lookup(%q): missing", tt.name)
			continue
		}
		var paths []string
		for _, p := range f.Paths {
			paths = append(paths, p.Path)
		}
		if f.Kind != tt.kind || !cmp.Equal(paths, tt.paths) {
			t.Errorf("%s: got %v %v, want %v %v", tt.name, f.Kind, paths, tt.kind, tt.paths)
		}
	}
	for _, missing := range []string{"fsName", "eventdata.size", "eventdata.regionSize",
		"FSNAME", "receivedAfter"} {
		if _, ok := c.Lookup(missing); ok {
			t.Errorf("Lookup(%q): present, want missing", missing)
		}
	}
}

func TestCatalogOddities(t *testing.T) {
	c := DefaultCatalog()
	for _, name := range []string{"hasGui", "target.hasGui", "ip.src", "ip.dst", "fsname",
		"target.isSigned"} {
		f, _ := c.Lookup(name)
		if f.Note == "" {
			t.Errorf("%s: no note", name)
		}
	}
	src, _ := c.Lookup("ip.src")
	dst, _ := c.Lookup("ip.dst")
	if src.Direction != Source || dst.Direction != Destination {
		t.Errorf("directions: got %v %v", src.Direction, dst.Direction)
	}
}

func TestLoadCatalogErrors(t *testing.T) {
	tests := []struct{ text, want string }{
		{"a TERM", `catalogue line 1: want NAME KIND PATH..., got "a TERM"`},
		{"# c\na FUZZY p", `catalogue line 2: unknown match kind "FUZZY"`},
		{"a TERM p\na TERM q", "catalogue line 2: field a listed twice"},
		{"a TERM p::X", `catalogue line 1: path p::X: unknown match kind "X"`},
		{"a TERM p..q", `catalogue line 1: field a: bad path "p..q"`},
		{"and TERM p", `catalogue line 1: "and" is not a field name`},
		{"a TERM @src", "catalogue line 1: field a has no path"},
	}
	for _, tt := range tests {
		_, err := LoadCatalog(strings.NewReader(tt.text))
		if err == nil || err.Error() != tt.want {
			t.Errorf("LoadCatalog(%q): got %v, want %q", tt.text, err, tt.want)
		}
	}
	c, err := LoadCatalog(strings.NewReader("b PREFIX x.y::TERM z\n\na EXISTS q\n"))
	must(t, err)
	b, _ := c.Lookup("b")
	want := []FieldPath{{"x.y", Term}, {"z", Prefix}}
	if diff := cmp.Diff(want, b.Paths); diff != "" {
		t.Errorf("paths: got - want +:\n%s", diff)
	}
}
