package mapping

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stix2hunq/stix2hunq/compiler/hunq"
	"github.com/stix2hunq/stix2hunq/internal/golden"
)

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
		{"process", "command_line", Entry{Object: "process", Property: "command_line",
			Fields: []string{"cmdline"}, Single: true, Wide: true}},
		{"domain-name", "value", Entry{Object: "domain-name", Property: "value",
			Fields: []string{"eventdata.dns"}, Single: true}},
		{"windows-registry-key", "key", Entry{Object: "windows-registry-key",
			Property: "key", Fields: []string{"reg.path"}, Single: true}},
		{"network-traffic", "src_ref.value", Entry{Object: "network-traffic",
			Property: "src_ref.value", Fields: []string{"ip.src"}, Single: true}},
		{"network-traffic", "dst_ref.value", Entry{Object: "network-traffic",
			Property: "dst_ref.value", Fields: []string{"ip.dst"}, Single: true}},
		{"network-traffic", "src_port", Entry{Object: "network-traffic",
			Property: "src_port", Fields: []string{"eventdata.localPort",
				"eventdata.remotePort"}, Single: true, Wide: true, Kind: KindInt}},
		{"ipv4-addr", "value", Entry{Object: "ipv4-addr", Property: "value",
			Fields: []string{"$ip", "login.ip"}, Single: true, Kind: KindIPv4}},
		{"file", "hashes.'MD5'", Entry{Object: "file", Property: "hashes.MD5",
			Fields: []string{"$md5", "accessor.md5"}, Single: true}},
		{"file", "hashes.'SHA-256'", Entry{Object: "file", Property: "hashes.'SHA-256'",
			Fields: []string{"$sha256", "accessor.sha256"}, Single: true}},
		{"file", "size", Entry{Object: "file", Property: "size",
			Fields: []string{"eventdata.size.gte", "eventdata.size.lte"}, Single: true,
			Kind: KindInt}},
		{"windows-registry-key", "values[0].name", Entry{Object: "windows-registry-key",
			Property: "values[*].name", Fields: []string{"reg.name"}}},
		{"x-ibm-finding", "finding_type", Entry{Object: "x-ibm-finding",
			Property: "finding_type", Single: true, Present: true}},
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

// stixShifterKeys are the properties that the stix-shifter connector's two maps (STIX 2.0
// and 2.1) send to at least one field.
var stixShifterKeys = []string{
	"directory:path", "file:extensions.'x-reaqta-data'.arch",
	"file:extensions.'x-reaqta-data'.file_type", "file:extensions.'x-reaqta-data'.fsname",
	"file:extensions.'x-reaqta-program'.arch", "file:extensions.'x-reaqta-program'.fsname",
	"file:hashes.'MD5'", "file:hashes.'SHA-1'", "file:hashes.'SHA-256'", "file:hashes.MD5",
	"file:name", "file:parent_directory_ref.path", "file:size", "ipv4-addr:value",
	"ipv6-addr:value", "network-traffic:dst_port", "network-traffic:dst_ref.value",
	"network-traffic:extensions.'x-reaqta-network'.outbound", "network-traffic:src_port",
	"network-traffic:src_ref.value", "process:binary_ref.name",
	"process:extensions.'windows-process-ext'.owner_sid",
	"process:extensions.'x-reaqta-process'.logon_id",
	"process:extensions.'x-reaqta-process'.no_gui",
	"process:extensions.'x-reaqta-process'.privilege_level", "process:image_ref.name",
	"process:name", "process:parent_ref.binary_ref.name", "process:pid", "url:value",
	"user-account:user_id", "windows-process-ext:owner_sid", "x-ibm-finding:dst_ip_ref.value",
	"x-ibm-finding:extensions.'x-reaqta-avdetection'.av_scan_reason",
	"x-ibm-finding:extensions.'x-reaqta-avdetection'.av_threat_info_array",
	"x-ibm-finding:finding_type", "x-ibm-finding:name", "x-ibm-finding:src_ip_ref.value",
	"x-ibm-finding:ttp_tagging_refs",
	"x-ibm-ttp-tagging:extensions.'mitre-attack-ext'.tactic_name",
	"x-ibm-ttp-tagging:extensions.'mitre-attack-ext'.technique_name", "x-ibm-ttp-tagging:name",
	"x-oca-asset:extensions.'x-reaqta-consumer'.command_line_template_tokens",
	"x-oca-asset:extensions.'x-reaqta-consumer'.consumer_name",
	"x-oca-asset:extensions.'x-reaqta-consumer'.consumer_type",
	"x-oca-asset:extensions.'x-reaqta-consumer'.event_namespace",
	"x-oca-asset:extensions.'x-reaqta-consumer'.executablePath",
	"x-oca-asset:extensions.'x-reaqta-consumer'.runInteractively",
	"x-oca-asset:extensions.'x-reaqta-consumer'.scriptingEngine",
	"x-oca-asset:extensions.'x-reaqta-consumer'.showWindowCommand",
	"x-oca-asset:extensions.'x-wmi-event'.client_machine_fqn", "x-oca-asset:host_id",
	"x-oca-asset:hostname", "x-oca-asset:ip_refs[*].value", "x-oca-event:agent",
	"x-oca-event:category", "x-oca-event:code",
	"x-oca-event:extensions.'x-reaqta-amsi'.content_name",
	"x-oca-event:extensions.'x-reaqta-amsi'.scan_result",
	"x-oca-event:extensions.'x-reaqta-etw'.etw_event_record_id",
	"x-oca-event:extensions.'x-reaqta-etw'.etw_failure_reason",
	"x-oca-event:extensions.'x-reaqta-etw'.etw_home_directory", "x-oca-event:file_ref.name",
	"x-oca-event:host_ref.hostname", "x-oca-event:host_ref.x-oca-asset.hostname",
	"x-oca-event:ip_refs[*].value", "x-oca-event:network_ref.dst_ref.value",
	"x-oca-event:network_ref.src_ref.value", "x-oca-event:parent_process_ref.pid",
	"x-oca-event:process_ref.pid", "x-reaqta-amsi:content_name", "x-reaqta-amsi:scan_result",
	"x-reaqta-avdetection:av_scan_reason", "x-reaqta-avdetection:av_threat_info_array",
	"x-reaqta-cert:expired", "x-reaqta-cert:signer", "x-reaqta-cert:trusted",
	"x-reaqta-consumer:command_line_template_tokens", "x-reaqta-consumer:consumer_name",
	"x-reaqta-consumer:consumer_type", "x-reaqta-consumer:event_namespace",
	"x-reaqta-consumer:executablePath", "x-reaqta-consumer:runInteractively",
	"x-reaqta-consumer:scriptingEngine", "x-reaqta-consumer:showWindowCommand",
	"x-reaqta-data:arch", "x-reaqta-data:file_type", "x-reaqta-data:fsname",
	"x-reaqta-etw:etwRestrictedAdminMode", "x-reaqta-etw:etwSamAccountName",
	"x-reaqta-etw:etwScriptPath", "x-reaqta-etw:etwServiceName", "x-reaqta-etw:etwServiceSid",
	"x-reaqta-etw:etwSidHistory", "x-reaqta-etw:etwSidList", "x-reaqta-etw:etwStatus",
	"x-reaqta-etw:etwSubStatus", "x-reaqta-etw:etwSubjectLogonId",
	"x-reaqta-etw:etwTargetDomainName", "x-reaqta-etw:etwTargetInfo",
	"x-reaqta-etw:etwTargetLinkedLogonId", "x-reaqta-etw:etwTargetLogonGuid",
	"x-reaqta-etw:etwTargetLogonId", "x-reaqta-etw:etwTargetOutboundDomainName",
	"x-reaqta-etw:etwTargetSid", "x-reaqta-etw:etwTargetUserSid", "x-reaqta-etw:etwTask",
	"x-reaqta-etw:etwTicketEncryptionType", "x-reaqta-etw:etwTicketOptions",
	"x-reaqta-etw:etwTransmittedServices", "x-reaqta-etw:etwUserAccountControl",
	"x-reaqta-etw:etwUserParameters", "x-reaqta-etw:etwUserPrincipalName",
	"x-reaqta-etw:etwUserWorkstations", "x-reaqta-etw:etwVirtualAccount",
	"x-reaqta-etw:etw_allowed_to_delegateto", "x-reaqta-etw:etw_authentication_packagename",
	"x-reaqta-etw:etw_cert_thumbprint", "x-reaqta-etw:etw_display_name",
	"x-reaqta-etw:etw_dummy", "x-reaqta-etw:etw_elevated_token",
	"x-reaqta-etw:etw_event_record_id", "x-reaqta-etw:etw_failure_reason",
	"x-reaqta-etw:etw_home_directory", "x-reaqta-etw:etw_impersonation_level",
	"x-reaqta-etw:etw_ip_port", "x-reaqta-etw:etw_key_length",
	"x-reaqta-etw:etw_lm_package_name", "x-reaqta-etw:etw_logon_guid",
	"x-reaqta-etw:etw_logon_hours", "x-reaqta-etw:etw_logon_type",
	"x-reaqta-etw:etw_member_name", "x-reaqta-etw:etw_member_sid",
	"x-reaqta-etw:etw_new_uac_value", "x-reaqta-etw:etw_old_uac_value",
	"x-reaqta-etw:etw_package_name", "x-reaqta-etw:etw_password_last_set",
	"x-reaqta-etw:etw_pre_auth_type", "x-reaqta-etw:etw_primary_groupId",
	"x-reaqta-etw:etw_privilege_list", "x-reaqta-etw:etw_profile_path",
	"x-reaqta-event:action_name", "x-reaqta-event:custom_name", "x-reaqta-event:custom_type",
	"x-reaqta-event:data", "x-reaqta-event:display_name", "x-reaqta-event:endpoint_id",
	"x-reaqta-event:filter_name", "x-reaqta-event:is_local", "x-reaqta-event:name",
	"x-reaqta-event:namespace_name", "x-reaqta-event:operation",
	"x-reaqta-event:operation_type", "x-reaqta-event:pe_type", "x-reaqta-event:query",
	"x-reaqta-event:queryLanguage", "x-reaqta-event:queryName", "x-reaqta-event:region_size",
	"x-reaqta-event:relevance", "x-reaqta-event:return_code", "x-reaqta-event:root_object",
	"x-reaqta-event:service_name", "x-reaqta-event:service_type", "x-reaqta-event:start_type",
	"x-reaqta-event:tags", "x-reaqta-event:task_name", "x-reaqta-event:version",
	"x-reaqta-network:outbound", "x-reaqta-process:logon_id", "x-reaqta-process:no_gui",
	"x-reaqta-process:privilege_level", "x-reaqta-program:arch", "x-reaqta-program:fsname",
	"x-wmi-event:client_machine_fqn", "x509-certificate:extensions.'x-reaqta-cert'.expired",
	"x509-certificate:extensions.'x-reaqta-cert'.signer",
	"x509-certificate:extensions.'x-reaqta-cert'.trusted",
	"x509-certificate:extensions.'x-reaqta-etw'.etw_cert_thumbprint",
	"x509-certificate:issuer", "x509-certificate:serial_number",
}

// TestCoversStixShifter checks that every property the stix-shifter connector maps to a
// field is mapped here too, except two: parent_ref.binary_ref.name, which it sends to a pid
// field, and ttp_tagging_refs, a list of references that no value equals.
func TestCoversStixShifter(t *testing.T) {
	for _, key := range stixShifterKeys {
		object, property, _ := strings.Cut(key, ":")
		_, ok := Default().Lookup(object, property)
		nonsense := key == "process:parent_ref.binary_ref.name" ||
			key == "x-ibm-finding:ttp_tagging_refs"
		if ok == nonsense {
			t.Errorf("%s: mapped %v, want %v", key, ok, !nonsense)
		}
	}
}

func TestFlags(t *testing.T) {
	m, err := Load(strings.NewReader("process:pid @int @many pid\n" +
		"process:x_flag @bool @wide hasGui\nprocess:x_seen @present\n"))
	must(t, err)
	want := []Entry{
		{Object: "process", Property: "pid", Fields: []string{"pid"}, Kind: KindInt},
		{Object: "process", Property: "x_flag", Fields: []string{"hasGui"}, Single: true,
			Wide: true, Kind: KindBool},
		{Object: "process", Property: "x_seen", Single: true, Present: true},
	}
	var got []Entry
	for e := range m.All() {
		got = append(got, e)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("got - want +:\n%s", diff)
	}
}

func TestFromStixShifter(t *testing.T) {
	raw := `{"ipv4-addr": {"fields": {"value": ["ip", "login.ip"]}},
		"file": {"fields": {"hashes.'MD5'": ["md5"], "name": []}}}`
	m, err := FromStixShifter([]byte(raw), hunq.DefaultCatalog())
	must(t, err)
	want := []Entry{
		{Object: "file", Property: "hashes.MD5", Fields: []string{"$md5"}, Wide: true},
		{Object: "ipv4-addr", Property: "value", Fields: []string{"$ip", "login.ip"},
			Wide: true},
	}
	var got []Entry
	for e := range m.All() {
		got = append(got, e)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("got - want +:\n%s", diff)
	}
	if _, err := FromStixShifter([]byte(`{"file": []}`), hunq.DefaultCatalog()); err == nil {
		t.Error("a malformed map gave no error")
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
		{"file:name @present x", "mapping: line 1: file:name: @present takes no HunQ field"},
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
	golden.Check(t, filepath.Join("..", "..", "docs", "supported-stix.md"), b.String())
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestIsCanonical: IsCanonical agrees with CanonicalPath on paths of every shape.
func TestIsCanonical(t *testing.T) {
	for _, p := range []string{"name", "hashes.MD5", "hashes.'MD5'", "hashes.'SHA-256'",
		"hashes.SHA-256", "values[*].name", "values[0].name", "values[].name", "a..b", ".a",
		"a.", "", "'x-y'", "'x'", "a[*]", "a[*][*]", "a.[*]", "extensions.'x-a'.b", "'a.b'",
		"a'b", "''", "a[*]b", "'x-y'z", "a.'x y'.c"} {
		c, err := CanonicalPath(p)
		want := err == nil && c == p
		if got := IsCanonical(p); got != want {
			t.Errorf("IsCanonical(%q) = %v, want %v (canonical %q, %v)", p, got, want, c, err)
		}
	}
}
