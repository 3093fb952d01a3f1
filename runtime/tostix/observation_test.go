package tostix

import (
	"strings"
	"testing"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/runtime/match"
)

// comparison compiles "TYPE:a.b.c = 'value'" (an integer value when it has no quotes).
func comparison(t *testing.T, path string, value ast.Literal) *match.Comparison {
	t.Helper()
	typ, rest, _ := strings.Cut(path, ":")
	var steps []ast.PathStep
	for _, k := range strings.Split(rest, ".") {
		steps = append(steps, ast.PathStep{Kind: ast.KeyStep, Key: k})
	}
	c, err := match.CompileComparison(&ast.CompareExpr{
		Path: &ast.ObjectPath{ObjectType: typ, Steps: steps}, Op: ast.OpEqual, Value: value})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestObservation evaluates STIX comparisons with the matcher over the match form of the
// README event's observed-data, in both versions: references resolve and values have
// the types the matcher compares.
func TestObservation(t *testing.T) {
	event := string(mustRead(t, "testdata/readme_network.json"))
	for _, tc := range []struct {
		v     Version
		path  string
		value ast.Literal
		want  bool
	}{
		{STIX20, "network-traffic:src_ref.value", &ast.StringLit{Value: "192.168.1.2"}, true},
		{STIX20, "network-traffic:dst_ref.value", &ast.StringLit{Value: "192.168.1.2"}, false},
		{STIX20, "network-traffic:src_port", &ast.IntLit{Value: 443}, true},
		{STIX20, "x-oca-event:process_ref.binary_ref.name", &ast.StringLit{Value: "test.exe"},
			true},
		{STIX20, "x-oca-event:code", &ast.IntLit{Value: 847102109500309505}, true},
		{STIX20, "process:extensions.x-reaqta-process.no_gui", &ast.BoolLit{Value: false}, true},
		{STIX21, "x-oca-event:process_ref.image_ref.parent_directory_ref.path",
			&ast.StringLit{Value: `c:\users\reaqta\downloads`}, true},
		{STIX21, "x-oca-asset:ip_refs.value", &ast.StringLit{Value: "192.168.1.2"}, false},
		{STIX21, "x-oca-event:network_ref.dst_ref.value", &ast.StringLit{Value: "192.168.2.3"},
			true},
	} {
		od := mapEvent(t, tc.v, event)
		obs := match.Observation{ID: od.ID, First: od.First, Last: od.Last, Count: 1,
			Objects: od.Objects()}
		if got := comparison(t, tc.path, tc.value).Holds(&obs); got != tc.want {
			t.Errorf("STIX %v: [%s = %v] is %v, want %v", tc.v, tc.path, tc.value, got, tc.want)
		}
	}
}

// TestObjectsForm checks the keys and value types of ObservedData.Objects.
func TestObjectsForm(t *testing.T) {
	event := string(mustRead(t, "testdata/readme_network.json"))
	od := mapEvent(t, STIX20, event)
	objs := od.Objects()
	if len(objs) != od.Len() || objs["0"]["type"] != "x-oca-event" {
		t.Fatalf("2.0 objects %v", objs)
	}
	for k, o := range objs {
		if o["type"] == "process" && o["x_unique_id"] == "842028663686823936:2222:1648564483636" {
			if _, ok := o["pid"].(int64); !ok {
				t.Errorf("pid %T, want int64", o["pid"])
			}
			if objs[o["parent_ref"].(string)]["pid"] != int64(1111) {
				t.Errorf("object %s: parent_ref %v", k, o["parent_ref"])
			}
		}
	}
	od = mapEvent(t, STIX21, event)
	ids := od.ObjectIDs()
	objs = od.Objects()
	if len(ids) != len(objs) {
		t.Fatalf("%d ids, %d objects", len(ids), len(objs))
	}
	for _, id := range ids {
		if objs[id]["id"] != id || objs[id]["spec_version"] != "2.1" {
			t.Errorf("object %s: %v", id, objs[id])
		}
	}
}
