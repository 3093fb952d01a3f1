package compiler

import (
	"errors"
	"strings"
	"testing"

	"github.com/stix2hunq/stix2hunq/ast"
)

func TestVersionHint(t *testing.T) {
	for _, tc := range []struct {
		prop string
		v    ast.Version
		want string
	}{
		{"process:name", ast.V21,
			"process:name is not in STIX 2.1, which has process:image_ref.name"},
		{"process:binary_ref.hashes.'SHA-256'", ast.V21, "process:binary_ref.hashes.'SHA-256' " +
			"is not in STIX 2.1, which has process:image_ref.hashes.'SHA-256'"},
		{"file:created", ast.V21, "file:created is not in STIX 2.1, which has file:ctime"},
		{"process:image_ref.name", ast.V20,
			"process:image_ref.name is not in STIX 2.0, which has process:binary_ref.name"},
		{"windows-registry-key:modified_time", ast.V20, "windows-registry-key:modified_time " +
			"is not in STIX 2.0, which has windows-registry-key:modified"},
		{"process:name", ast.V20, ""},
		{"process:image_ref.name", ast.V21, ""},
		{"process:name_x", ast.V21, ""},
		{"file:created_by", ast.V21, ""},
		{"x-custom:a[*]", ast.V21, ""},
	} {
		if got := versionHint(tc.prop, tc.v); got != tc.want {
			t.Errorf("versionHint(%q, %v) = %q, want %q", tc.prop, tc.v, got, tc.want)
		}
	}
}

// TestUntranslatableHint checks that a pattern false everywhere because it names a
// property of the other STIX version says which property that version has.
func TestUntranslatableHint(t *testing.T) {
	p, err := ast.Parse("[process:name = 'cmd.exe']", ast.ParseOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Compile(p, Options{Sources: []Source{{Property: "process:image_ref.name",
		EventPath: "payload.process.program.filename"}}})
	var ue *UntranslatableError
	if !errors.As(err, &ue) {
		t.Fatalf("Compile: %v, want an *UntranslatableError", err)
	}
	if want := "which has process:image_ref.name"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q does not say %q", err, want)
	}
}

func TestExtensionHint(t *testing.T) {
	sources := []Source{
		{Property: "process:extensions.x-reaqta-process-ext.logon_id", EventPath: "a"},
		{Property: "x-oca-event:extensions.x-reaqta-alert.incidents", EventPath: "b"},
	}
	for _, tc := range []struct {
		prop string
		v    ast.Version
		want string
	}{
		{"process:extensions.'x-reaqta-process'.logon_id", ast.V21,
			"process:extensions.'x-reaqta-process'.logon_id is named " +
				"process:extensions.'x-reaqta-process-ext'.logon_id in STIX 2.1"},
		{"x-oca-event:extensions.'x-reaqta-alert-ext'.incidents", ast.V20,
			"x-oca-event:extensions.'x-reaqta-alert-ext'.incidents is named " +
				"x-oca-event:extensions.'x-reaqta-alert'.incidents in STIX 2.0"},
		{"process:extensions.'x-reaqta-process'.no_gui", ast.V21, ""},
		{"process:extensions.'x-other'.logon_id", ast.V21, ""},
		{"process:extensions.'unclosed", ast.V21, ""},
		{"process:pid", ast.V21, ""},
	} {
		if got := extensionHint(tc.prop, sources, tc.v); got != tc.want {
			t.Errorf("extensionHint(%q) = %q, want %q", tc.prop, got, tc.want)
		}
	}
}
