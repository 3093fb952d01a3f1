package tostix

import (
	"strings"
	"testing"
)

// TestCoversConnectorPaths checks that the table reads every event path that the
// stix-shifter connector's maps read.
func TestCoversConnectorPaths(t *testing.T) {
	read := map[string]bool{}
	for _, v := range []Version{STIX20, STIX21} {
		for _, o := range newMapper(t, v).Provenance() {
			for _, p := range o.Paths {
				read[strings.ReplaceAll(p, "[]", "")] = true
			}
		}
	}
	n := 0
	for _, p := range strings.Split(string(mustRead(t, "testdata/connector/paths.txt")), "\n") {
		if p == "" || strings.HasPrefix(p, "#") {
			continue
		}
		n++
		if !read[p] {
			t.Errorf("the table does not read %s", p)
		}
	}
	if n < 300 {
		t.Errorf("only %d connector paths", n)
	}
}

// TestProvenance checks a few origins, in both versions.
func TestProvenance(t *testing.T) {
	find := func(origins []Origin, typ, prop string) []string {
		for _, o := range origins {
			if o.Type == typ && o.Property == prop {
				return o.Paths
			}
		}
		return nil
	}
	p20, p21 := newMapper(t, STIX20).Provenance(), newMapper(t, STIX21).Provenance()
	for _, tc := range []struct {
		origins   []Origin
		typ, prop string
		want      string
	}{
		{p20, "observed-data", "first_observed", "happenedAt"},
		{p20, "x-oca-event", "action", "payload.eventName payload.eventType"},
		{p20, "x-ibm-finding", "name", "payload.data.avObjectStatus"},
		{p20, "x-ibm-ttp-tagging", "extensions.mitre-attack-ext.tactic_name",
			"payload.data.mod_tactics[].tactic_name payload.data.tactics[].tactic_name " +
				"payload.data.mod_tactics[].tactic_number payload.data.tactics[].tactic_number " +
				"payload.data.mod_tactics[] payload.data.tactics[]"},
		{p21, "process", "extensions.x-reaqta-process-ext.logon_id", "payload.process.logonId"},
		{p21, "process", "name", ""},
	} {
		if got := strings.Join(find(tc.origins, tc.typ, tc.prop), " "); got != tc.want {
			t.Errorf("%s:%s from %q, want %q", tc.typ, tc.prop, got, tc.want)
		}
	}
}

// TestTableErrors checks that a table file with a mistake is refused with its reason.
func TestTableErrors(t *testing.T) {
	obj := func(s string) string {
		return `{"format":"stix2hunq-tostix/1","objects":[` + s + `]}`
	}
	for _, tc := range []struct{ table, want string }{
		{`{`, "table: unexpected EOF"},
		{`{"format":"stix2hunq-tostix/1","objets":[]}`, `unknown field "objets"`},
		{`{"format":"other/1","objects":[]}`, `format is "other/1"`},
		{`{"format":"stix2hunq-tostix/1","base":"x","objects":[]}`, `unknown base "x"`},
		{obj(`{"name":"a"}`), "object 0 needs a name and a type"},
		{obj(`{"name":"a","type":"url","props":[{"prop":"value","from":["u"]}]},` +
			`{"name":"a","type":"url"}`), `object "a" is defined twice`},
		{obj(`{"name":"a","type":"url","props":[{"prop":"value","as":"x","from":["u"]}]}`),
			`object "a": property "value": unknown transformer "x"`},
		{obj(`{"name":"a","type":"url","props":[{"prop":"value"}]}`),
			`property "value" needs a name and sources`},
		{obj(`{"name":"a","type":"url","props":[{"prop":"a..b","from":["u"]}]}`),
			`property "a..b": malformed name`},
		{obj(`{"name":"a","type":"url","props":[{"prop":"value","from":[""]}]}`),
			`empty path outside a list`},
		{obj(`{"name":"a","type":"url","props":[{"prop":"value","from":[` +
			`{"path":"u","when":"sometimes"}]}]}`), `unknown condition "sometimes"`},
		{obj(`{"name":"a","type":"url","refs":[{"prop":"x_ref","to":["b"]}]}`),
			`reference "x_ref": unknown object "b"`},
		{obj(`{"name":"a","type":"url","refs":[{"prop":"x_refs","to":["a"]}]}`),
			`reference "x_refs": a list reference, and only one, ends in _refs`},
		{obj(`{"name":"a","type":"url","each":["l"]},{"name":"b","type":"url","each":["l"]}`),
			`list "l" is already the list of another object`},
		{obj(`{"use":"nope","name":"a"}`), `unknown template "nope"`},
	} {
		tab, err := ParseTable([]byte(tc.table))
		if err == nil {
			_, err = Compile(tab, Options{})
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.table, err, tc.want)
		}
	}
}

// TestTableExtension extends the embedded table from a file: a new object, a replaced
// one and a removed one.
func TestTableExtension(t *testing.T) {
	tab, err := ParseTable([]byte(`{"format":"stix2hunq-tostix/1","base":"reaqta","objects":[
		{"name":"script","type":"x-reaqta-script","props":[
			{"prop":"text","from":["payload.data.scriptBlockText"]},
			{"prop":"size","as":"int","from":["payload.data.scriptBlockSize"]}]},
		{"name":"url","type":"url","props":[{"prop":"value","from":["payload.data.requestUrl"]}]},
		{"name":"domain","remove":true}]}`))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(tab, testOptions(STIX20))
	if err != nil {
		t.Fatal(err)
	}
	od, err := m.Map([]byte(`{"payload":{"data":{"scriptBlockText":"Get-Process",`+
		`"scriptBlockSize":11,"url":"http://a/","requestUrl":"http://b/","queryName":"c"}}}`), 0)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(facts(od), "\n")
	want := strings.Join([]string{`url.value="http://b/"`, `x-reaqta-event.queryName="c"`,
		`x-reaqta-script.size=11`, `x-reaqta-script.text="Get-Process"`}, "\n")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestTableReplacement maps with a table file that replaces the embedded one.
func TestTableReplacement(t *testing.T) {
	tab, err := ParseTable([]byte(`{"format":"stix2hunq-tostix/1",
		"observed":{"time":[{"path":"ts"}]},
		"objects":[{"name":"ip","type":"ipv4-addr","props":[
			{"prop":"value","as":"ipv4","from":["src","payload.data.localAddr"]}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(tab, testOptions(STIX20))
	if err != nil {
		t.Fatal(err)
	}
	od, err := m.Map([]byte(`{"ts":1714561200000,"eventId":"1","src":"10.1.1.1"}`), 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(facts(od), " "); got != `ipv4-addr.value="10.1.1.1"` ||
		od.First.Format(stixTime) != "2024-05-01T11:00:00.000Z" {
		t.Errorf("got %s at %v", got, od.First)
	}
}

// TestProvenanceTransforms checks how a few sources' values become properties.
func TestProvenanceTransforms(t *testing.T) {
	as := map[string]string{}
	for _, o := range newMapper(t, STIX20).Provenance() {
		if len(o.As) != len(o.Paths) {
			t.Fatalf("%s %s: %d paths, %d transformers", o.Object, o.Property, len(o.Paths),
				len(o.As))
		}
		key := o.Object + "." + o.Property
		if _, done := as[key]; !done {
			as[key] = strings.Join(o.As, " ")
		}
	}
	for key, want := range map[string]string{
		"observed-data.first_observed": "timestamp",
		"file.name":                    "str basename",
		"etw_process.pid":              "hexint hexint",
		"alert.finding_type":           "value",
		"url.value":                    "str",
	} {
		if as[key] != want {
			t.Errorf("%s: transformers %q, want %q", key, as[key], want)
		}
	}
}

// TestReferences checks the references of a few objects, with the version's names and
// the targets of guarded alternatives merged.
func TestReferences(t *testing.T) {
	refs := func(v Version, object string) string {
		var out []string
		for _, r := range newMapper(t, v).References() {
			if r.Object == object {
				s := r.Type + ":" + r.Property + "->" + strings.Join(r.Targets, ",")
				if r.List {
					s += "(list)"
				}
				out = append(out, s)
			}
		}
		return strings.Join(out, " ")
	}
	for _, tc := range []struct {
		v            Version
		object, want string
	}{
		{STIX20, "process", "process:parent_ref->parent_process process:binary_ref->file " +
			"process:creator_user_ref->user"},
		{STIX21, "process", "process:parent_ref->parent_process process:image_ref->file " +
			"process:creator_user_ref->user"},
		{STIX21, "host", "x-oca-asset:ip_refs->src_ip4,src_ip6,dst_ip4,dst_ip6(list)"},
		{STIX20, "target_process", "process:parent_ref->target_parent " +
			"process:binary_ref->target_file process:creator_user_ref->target_user"},
	} {
		if got := refs(tc.v, tc.object); got != tc.want {
			t.Errorf("STIX %v %s: got %s, want %s", tc.v, tc.object, got, tc.want)
		}
	}
}
