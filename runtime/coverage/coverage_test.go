package coverage

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stix2hunq/stix2hunq/compiler"
	"github.com/stix2hunq/stix2hunq/internal/golden"
	"github.com/stix2hunq/stix2hunq/runtime/tostix"
)

func mapper(t *testing.T, v tostix.Version) *tostix.Mapper {
	t.Helper()
	m, err := tostix.New(tostix.Options{Version: v})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// pathsOf returns the event paths of prop among sources, with (LeadingPart) and
// (Rewritten) marks.
func pathsOf(sources []compiler.Source, prop string) string {
	var out []string
	for _, s := range sources {
		if s.Property != prop {
			continue
		}
		p := s.EventPath
		switch s.Derived {
		case compiler.LeadingPart:
			p += "(leading)"
		case compiler.Rewritten:
			p += "(rewritten)"
		}
		out = append(out, p)
	}
	return strings.Join(out, " ")
}

// processSHA256 and processLogonID are the event paths of a process property: the event's
// process and each nested one.
const (
	processSHA256 = "payload.data.accessorProcess.program.sha256 " +
		"payload.data.allocatorProc.program.sha256 payload.data.childProcess.program.sha256 " +
		"payload.data.engineProcess.program.sha256 payload.data.serviceProcess.program.sha256 " +
		"payload.data.targetProcess.program.sha256 payload.process.program.sha256"
	processLogonID = "payload.data.accessorProcess.logonId " +
		"payload.data.allocatorProc.logonId payload.data.childProcess.logonId " +
		"payload.data.engineProcess.logonId payload.data.serviceProcess.logonId " +
		"payload.data.targetProcess.logonId payload.process.logonId"
)

// TestSources checks the sources of properties of each shape: plain, quoted keys, list
// steps, references (one, two and list steps deep), derived values and version names.
func TestSources(t *testing.T) {
	s20, s21 := Sources(mapper(t, tostix.STIX20)), Sources(mapper(t, tostix.STIX21))
	for _, tc := range []struct {
		sources    []compiler.Source
		prop, want string
	}{
		{s20, "url:value", "payload.data.url"},
		{s20, "process:binary_ref.hashes.'SHA-256'", processSHA256},
		{s21, "process:image_ref.hashes.'SHA-256'", processSHA256},
		{s21, "process:binary_ref.hashes.'SHA-256'", ""},
		{s21, "process:name", ""},
		{s20, "process:extensions.'x-reaqta-process'.logon_id", processLogonID},
		{s21, "process:extensions.'x-reaqta-process-ext'.logon_id", processLogonID},
		{s20, "network-traffic:dst_ref.value", "payload.data.localAddr " +
			"payload.data.remoteAddr payload.data.remoteAddrV4 payload.data.remoteAddrV6"},
		{s21, "x-oca-event:network_ref.src_ref.value", "payload.data.localAddr " +
			"payload.data.localAddrV4 payload.data.localAddrV6 payload.data.remoteAddr"},
		{s20, "windows-registry-key:values[*].name", "payload.data.name"},
		{s20, "x-ibm-finding:name", "payload.data.avObjectStatus " +
			"payload.data.matched[*].policyId"},
		{s20, "x-ibm-finding:finding_type", "payload.data.avThreatType " +
			"payload.data.matched[*].policyId(rewritten)"},
		{s21, "directory:path", "payload.data.accessorProcess.program.path(leading) " +
			"payload.data.allocatorProc.program.path(leading) " +
			"payload.data.childProcess.program.path(leading) " +
			"payload.data.consumerData.scriptFileName(leading) " +
			"payload.data.consumerData.workingDirectory " +
			"payload.data.engineProcess.program.path(leading) " +
			"payload.data.etwCallerProcessName(leading) payload.data.etwHomePath " +
			"payload.data.etwProcessName(leading) payload.data.file(leading) " +
			"payload.data.newFile(leading) payload.data.path(leading) " +
			"payload.data.serviceProcess.program.path(leading) " +
			"payload.data.targetProcess.program.path(leading) " +
			"payload.process.program.path(leading)"},
		{s21, "x-oca-event:process_ref.image_ref.parent_directory_ref.path",
			"payload.data.engineProcess.program.path(leading) " +
				"payload.data.etwCallerProcessName(leading) " +
				"payload.data.etwProcessName(leading) payload.process.program.path(leading)"},
		{s21, "process:extensions.'x-reaqta-process-ext'.command_line_args[*]",
			"payload.data.cmdLineArgs"},
		{s20, "x-reaqta-event:tags[*]", "payload.data.tags"},
		{s20, "x-oca-event:ip_refs[*].value", "payload.data.etwIpAddress " +
			"payload.data.localAddr payload.data.localAddrV4 payload.data.localAddrV6 " +
			"payload.data.remoteAddr"},
	} {
		if got := pathsOf(tc.sources, tc.prop); got != tc.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tc.prop, got, tc.want)
		}
	}
}

// TestCoverageGapsPage checks docs/coverage-gaps.md, which go test -update rewrites.
func TestCoverageGapsPage(t *testing.T) {
	var reports []*Report
	for _, v := range []tostix.Version{tostix.STIX20, tostix.STIX21} {
		r, err := NewReport(mapper(t, v), compiler.Options{})
		if err != nil {
			t.Fatal(err)
		}
		reports = append(reports, r)
	}
	var b strings.Builder
	if err := WriteMarkdown(&b, reports); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, filepath.Join("..", "..", "docs", "coverage-gaps.md"), b.String())
}
