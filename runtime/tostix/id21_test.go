package tostix

import (
	"strings"
	"testing"

	"github.com/google/uuid"
)

// stixNamespace is written out here rather than taken from the mapper, so that the
// expected ids are computed independently of the mapper.
var stixNamespace = uuid.MustParse("00abedb4-aa42-466c-9c01-fed23315a9b7")

// sid is the STIX 2.1 deterministic id of an object whose id-contributing properties
// serialise (RFC 8785) to canonical.
func sid(typ, canonical string) string {
	return typ + "--" + uuid.NewSHA1(stixNamespace, []byte(canonical)).String()
}

// TestKnownIDs pins ids that other implementations give for the same canonical strings
// (the stix-shifter connector's expected test output).
func TestKnownIDs(t *testing.T) {
	for _, tc := range []struct{ typ, canonical, want string }{
		{"directory", `{"path":"c:\\windows\\system32"}`,
			"directory--13adb857-abec-5c8f-847b-bb6899c74d12"},
		{"user-account", `{"user_id":"EXAMPLE USER"}`,
			"user-account--b421bf67-9785-501a-9321-8dc35ed7a1c5"},
		{"ipv4-addr", `{"value":"127.0.0.10"}`,
			"ipv4-addr--806f9213-8e92-5de7-ae9b-8e5697498d78"},
		{"url", `{"value":"http://self.events.data.microsoft.com:443/"}`,
			"url--ce0d2357-0220-5e47-896b-b49b1389c813"},
	} {
		if got := sid(tc.typ, tc.canonical); got != tc.want {
			t.Errorf("%s %s: got %s, want %s", tc.typ, tc.canonical, got, tc.want)
		}
	}
	od := mapEvent(t, STIX21, string(mustRead(t, "testdata/sample_event.json")))
	objs := od.Objects()
	for _, id := range []string{
		"directory--13adb857-abec-5c8f-847b-bb6899c74d12",
		"directory--0a58d0c1-59e6-5afd-8252-dcd3f13e5622",
		"directory--bf80427d-5920-5f36-aee1-c10ea3d9bccb",
		"directory--e56dc833-b047-51fe-b68d-c628598415c9",
		"directory--c17e5aa6-ccaf-533c-a119-3244ee7651d3",
		"user-account--b421bf67-9785-501a-9321-8dc35ed7a1c5",
		"user-account--8fefa3ad-08f5-5438-846a-82e6009baab7",
		"user-account--dda9b638-8cb1-5435-9bb0-d542baf6b67c",
		"user-account--38a33c9a-4221-5a52-8da7-b3f6e51d4351",
		"user-account--7341e6ed-3ed7-5d12-a4dc-570afeb994e5",
		"url--ce0d2357-0220-5e47-896b-b49b1389c813",
		"ipv4-addr--806f9213-8e92-5de7-ae9b-8e5697498d78",
		"ipv4-addr--efabfd00-4168-536e-8995-e3837bd7111f",
	} {
		if objs[id] == nil {
			t.Errorf("sample event: no object %s", id)
		}
	}
}

// TestDeterministicIDs checks every 2.1 id of the specification's id-contributing types
// against the specification's algorithm, with the canonical JSON written by hand.
func TestDeterministicIDs(t *testing.T) {
	dir := sid("directory", `{"path":"c:\\users\\ana\\downloads"}`)
	file := sid("file", `{"extensions":{"x-reaqta-program-ext":{"arch":"x64",`+
		`"filename":"Setup.exe","fsname":"setup.exe"}},"hashes":{"MD5":"0a1b"},`+
		`"name":"setup.exe","parent_directory_ref":"`+dir+`"}`)
	src4 := sid("ipv4-addr", `{"value":"10.0.0.5"}`)
	dst4 := sid("ipv4-addr", `{"value":"93.184.216.34"}`)
	nt4 := sid("network-traffic", `{"dst_port":443,"dst_ref":"`+dst4+`",`+
		`"extensions":{"x-reaqta-network-ext":{"address_family":"IPv4","outbound":true}},`+
		`"protocols":["tcp"],"src_port":50000,"src_ref":"`+src4+`"}`)
	src6, dst6 := sid("ipv6-addr", `{"value":"fd00::9"}`), sid("ipv6-addr", `{"value":"fd00::5"}`)
	nt6 := sid("network-traffic", `{"dst_port":53,"dst_ref":"`+dst6+`",`+
		`"extensions":{"x-reaqta-network-ext":{"address_family":"IPv6","outbound":false}},`+
		`"protocols":["udp"],"src_port":40000,"src_ref":"`+src6+`"}`)
	user := sid("user-account", `{"user_id":"CORP\\ana"}`)
	program := `"program":{"path":"c:\\users\\ana\\downloads\\setup.exe","fsName":"setup.exe",` +
		`"filename":"Setup.exe","md5":"0a1b","sha1":"0c1d","sha256":"0e1f","arch":"x64"}`
	events := []string{
		`{"payload":{"process":{"pid":1,"user":"CORP\\ana",` + program + `},"data":{` +
			`"addressFamily":0,"protocol":0,"localAddr":"10.0.0.5","localPort":50000,` +
			`"remoteAddr":"93.184.216.34","remotePort":443,"outbound":true,` +
			`"url":"https://example.org/a?b=%C3%A9","queryName":"example.org"}}}`,
		`{"payload":{"data":{"addressFamily":1,"protocol":1,"localAddr":"fd00::5",` +
			`"localPort":53,"remoteAddr":"fd00::9","remotePort":40000,"outbound":false}}}`,
	}
	want := []string{dir, file, src4, dst4, nt4, user,
		sid("url", `{"value":"https://example.org/a?b=%C3%A9"}`),
		sid("domain-name", `{"value":"example.org"}`), src6, dst6, nt6}
	got := map[string]bool{}
	for _, ev := range events {
		for id := range mapEvent(t, STIX21, ev).Objects() {
			got[id] = true
		}
	}
	for _, id := range want {
		if !got[id] {
			t.Errorf("no object with id %s", id)
		}
	}
	if t.Failed() {
		t.Logf("got ids: %v", keys(got))
	}
}

// TestHashPreference checks that one hash names a file: MD5, else SHA-1, else SHA-256.
func TestHashPreference(t *testing.T) {
	for _, tc := range []struct{ hashes, canonical string }{
		{`"md5":"m","sha1":"s1","sha256":"s2"`, `{"hashes":{"MD5":"m"},"name":"a.exe"}`},
		{`"sha256":"s2","sha1":"s1"`, `{"hashes":{"SHA-1":"s1"},"name":"a.exe"}`},
		{`"sha256":"s2"`, `{"hashes":{"SHA-256":"s2"},"name":"a.exe"}`},
	} {
		od := mapEvent(t, STIX21, `{"payload":{"data":{"file":"a.exe",`+tc.hashes+`}}}`)
		id := sid("file", tc.canonical)
		if od.Objects()[id] == nil {
			t.Errorf("%s: no file %s among %v", tc.hashes, id, od.ObjectIDs())
		}
	}
}

// TestRandomIDs checks that types without id-contributing properties get version 4 ids.
func TestRandomIDs(t *testing.T) {
	m, err := New(Options{Version: STIX21})
	if err != nil {
		t.Fatal(err)
	}
	od, err := m.Map([]byte(`{"eventId":"5","payload":{"process":{"pid":4}}}`), 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range od.ObjectIDs() {
		_, u, _ := strings.Cut(id, "--")
		if v := uuid.MustParse(u).Version(); v != 4 {
			t.Errorf("%s: version %d, want 4", id, v)
		}
	}
	if len(od.ObjectIDs()) != 2 {
		t.Errorf("ids %v, want a process and an event", od.ObjectIDs())
	}
}
