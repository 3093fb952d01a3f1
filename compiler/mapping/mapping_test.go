package mapping

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stix2hunq/stix2hunq/compiler/hunq"
)

var update = flag.Bool("update", false, "rewrite docs/supported-stix.md")

func TestEveryFieldInCatalogue(t *testing.T) {
	if err := Default().Check(hunq.DefaultCatalog()); err != nil {
		t.Error(err)
	}
}

func TestCheckNamesMissingFields(t *testing.T) {
	m, err := Load(strings.NewReader("file:name fsName\nfile:size eventdata.size\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := m.Check(hunq.DefaultCatalog())
	want := "mapping: fields missing from the HunQ catalogue: file:name -> fsName, " +
		"file:size -> eventdata.size"
	if got == nil || got.Error() != want {
		t.Errorf("got %v, want %q", got, want)
	}
}

func TestDefaultEntries(t *testing.T) {
	tests := []struct {
		object, property string
		want             Entry
	}{
		{"process", "command_line", Entry{"process", "command_line", []string{"cmdline"},
			true, true}},
		{"domain-name", "value", Entry{"domain-name", "value", []string{"eventdata.dns"},
			true, false}},
		{"windows-registry-key", "key", Entry{"windows-registry-key", "key",
			[]string{"reg.path"}, true, false}},
		{"network-traffic", "src_ref.value", Entry{"network-traffic", "src_ref.value",
			[]string{"ip.src"}, true, false}},
		{"network-traffic", "dst_ref.value", Entry{"network-traffic", "dst_ref.value",
			[]string{"ip.dst"}, true, false}},
		{"ipv4-addr", "value", Entry{"ipv4-addr", "value", []string{"$ip", "login.ip"},
			true, false}},
		{"file", "hashes.'MD5'", Entry{"file", "hashes.MD5", []string{"$md5"}, true, false}},
		{"file", "hashes.'SHA-256'", Entry{"file", "hashes.'SHA-256'", []string{"$sha256"},
			true, false}},
		{"file", "size", Entry{"file", "size",
			[]string{"eventdata.size.gte", "eventdata.size.lte"}, true, false}},
		{"windows-registry-key", "values[0].name", Entry{"windows-registry-key",
			"values[*].name", []string{"reg.name"}, false, false}},
	}
	for _, tt := range tests {
		got, ok := Default().Lookup(tt.object, tt.property)
		if !ok {
			t.Errorf("Lookup(%q, %q): missing", tt.object, tt.property)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("Lookup(%q, %q): got - want +:\n%s", tt.object, tt.property, diff)
		}
	}
}

// TestCoversStixShifter checks that every property the stix-shifter connector maps to a
// field is mapped here too, except its one nonsense entry.
func TestCoversStixShifter(t *testing.T) {
	for _, key := range []string{"directory:path", "file:name", "file:parent_directory_ref.path",
		"ipv6-addr:value", "network-traffic:src_port", "network-traffic:dst_port",
		"process:pid", "process:name", "process:binary_ref.name", "process:image_ref.name",
		"url:value", "user-account:user_id", "x-oca-event:code", "x-oca-event:category",
		"x-oca-asset:host_id", "x-oca-asset:hostname", "x-oca-asset:ip_refs[*].value",
		"x509-certificate:issuer", "x-ibm-ttp-tagging:name", "x-reaqta-event:endpoint_id",
		"process:extensions.'x-reaqta-process'.logon_id"} {
		object, property, _ := strings.Cut(key, ":")
		if _, ok := Default().Lookup(object, property); !ok {
			t.Errorf("%s: not mapped", key)
		}
	}
	if e, ok := Default().Lookup("process", "parent_ref.binary_ref.name"); ok {
		t.Errorf("parent_ref.binary_ref.name mapped to %v", e.Fields)
	}
}

func TestCanonicalPath(t *testing.T) {
	tests := []struct{ in, want, err string }{
		{"value", "value", ""},
		{"hashes.'MD5'", "hashes.MD5", ""},
		{"hashes.SHA-256", "hashes.'SHA-256'", ""},
		{"extensions.'x-reaqta-network'.outbound", "extensions.'x-reaqta-network'.outbound", ""},
		{"values[3].name", "values[*].name", ""},
		{"ip_refs[*].value", "ip_refs[*].value", ""},
		{"a.'b.c'.d", "a.'b.c'.d", ""},
		{"", "", "empty path"},
		{"a..b", "", `path "a..b": empty key at byte 1`},
		{"a[x]", "", `path "a[x]": bad index at byte 1`},
		{"a.'b", "", `path "a.'b": bad quoted key at byte 2`},
	}
	for _, tt := range tests {
		got, err := CanonicalPath(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("CanonicalPath(%q): got %q, %v, want error %q", tt.in, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("CanonicalPath(%q): got %q, %v, want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct{ text, want string }{
		{"file name", `mapping: line 1: "file": want OBJECT:PROPERTY`},
		{"file:name", "mapping: line 1: file:name: no HunQ field"},
		{"file:name @odd x", "mapping: line 1: unknown flag @odd"},
		{"#\nfile:name a\nfile:'name' b", "mapping: line 3: file:name already mapped on line 2"},
		{"file:name -", "mapping: file:name: removal in a whole map"},
	}
	for _, tt := range tests {
		_, err := Load(strings.NewReader(tt.text))
		if err == nil || err.Error() != tt.want {
			t.Errorf("Load(%q): got %v, want %q", tt.text, err, tt.want)
		}
	}
}

func TestLoadFileExtendsAndReplaces(t *testing.T) {
	dir := t.TempDir()
	ext := filepath.Join(dir, "ext.map")
	must(t, os.WriteFile(ext, []byte("url:value -\nprocess:x_tag @many eventdata.tag\n"+
		"domain-name:value @wide eventdata.dns eventdata.url\n"), 0o644))
	m, err := LoadFile(Default(), ext)
	must(t, err)
	if _, ok := m.Lookup("url", "value"); ok {
		t.Error("url:value not removed")
	}
	if e, _ := m.Lookup("process", "x_tag"); e.Single || e.Fields[0] != "eventdata.tag" {
		t.Errorf("process:x_tag: got %+v", e)
	}
	if e, _ := m.Lookup("domain-name", "value"); !e.Wide || len(e.Fields) != 2 {
		t.Errorf("domain-name:value: got %+v", e)
	}
	if m.Len() != Default().Len()+1-1 {
		t.Errorf("got %d entries, want %d", m.Len(), Default().Len())
	}
	rep := filepath.Join(dir, "rep.map")
	must(t, os.WriteFile(rep, []byte("# mine\n@replace\nurl:value eventdata.url\n"), 0o644))
	m, err = LoadFile(Default(), rep)
	must(t, err)
	if m.Len() != 1 {
		t.Errorf("replace: got %d entries, want 1", m.Len())
	}
	if _, err := LoadFile(Default(), filepath.Join(dir, "none.map")); err == nil {
		t.Error("missing file: no error")
	}
}

func TestSupportedStixDocIsCurrent(t *testing.T) {
	var b strings.Builder
	must(t, Default().WriteMarkdown(&b, hunq.DefaultCatalog()))
	path := filepath.Join("..", "..", "docs", "supported-stix.md")
	if *update {
		must(t, os.MkdirAll(filepath.Dir(path), 0o755))
		must(t, os.WriteFile(path, []byte(b.String()), 0o644))
	}
	want, err := os.ReadFile(path)
	must(t, err)
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("docs/supported-stix.md is stale (go test ./compiler/mapping -update); "+
			"got - want +:\n%s", diff)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
