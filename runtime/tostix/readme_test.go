package tostix

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

// decodeNumbers decodes JSON with numbers as json.Number, so that 64-bit ids compare
// exactly.
func decodeNumbers(t *testing.T, b []byte, v any) {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		t.Fatal(err)
	}
}

// resolve replaces every reference of obj by the object it names, recursively, so that
// objects compare whatever their indices or ids.
func resolve(obj map[string]any, objs map[string]map[string]any, depth int) map[string]any {
	out := map[string]any{}
	for k, v := range obj {
		switch {
		case k == "id" || k == "spec_version":
		case depth > 0 && strings.HasSuffix(k, "_ref"):
			out[k] = resolve(objs[v.(string)], objs, depth-1)
		case depth > 0 && strings.HasSuffix(k, "_refs"):
			var l []any
			for _, r := range v.([]any) {
				l = append(l, resolve(objs[r.(string)], objs, depth-1))
			}
			out[k] = l
		default:
			out[k] = v
		}
	}
	return out
}

// subset reports whether every member of want is in got with an equal value, nested
// dictionaries compared the same way.
func subset(want, got map[string]any) bool {
	for k, w := range want {
		g, ok := got[k]
		if !ok {
			return false
		}
		wm, ok1 := w.(map[string]any)
		gm, ok2 := g.(map[string]any)
		if ok1 && ok2 {
			if !subset(wm, gm) {
				return false
			}
		} else if !reflect.DeepEqual(w, g) {
			return false
		}
	}
	return true
}

// bundleObjects returns the objects of the single observed-data of a bundle, keyed as
// references name them: by index in 2.0, by id in 2.1.
func bundleObjects(t *testing.T, bundle string) map[string]map[string]any {
	t.Helper()
	var b struct{ Objects []map[string]any }
	decodeNumbers(t, []byte(bundle), &b)
	out := map[string]map[string]any{}
	for _, o := range b.Objects {
		switch o["type"] {
		case "identity":
		case "observed-data":
			objs, _ := o["objects"].(map[string]any) // 2.0 only
			for k, x := range objs {
				out[k] = x.(map[string]any)
			}
		default:
			out[o["id"].(string)] = o
		}
	}
	return out
}

// rename21 turns a STIX 2.0 expectation of the reaqta connector into its 2.1 form.
func rename21(v any) any {
	names := map[string]string{"binary_ref": "image_ref",
		"x-reaqta-process": "x-reaqta-process-ext", "x-reaqta-program": "x-reaqta-program-ext",
		"x-reaqta-network": "x-reaqta-network-ext", "x-reaqta-alert": "x-reaqta-alert-ext"}
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			if n, ok := names[k]; ok {
				k = n
			}
			out[k] = rename21(x)
		}
		if out["type"] == "process" {
			delete(out, "name") // STIX 2.1 processes have no name
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = rename21(x)
		}
		return out
	}
	return v
}

// TestConnectorREADME maps the network event of the connector README's "Transmit Results
// Output" and finds every object and property of the README's STIX output in ours, in
// 2.0 and 2.1, with indices and ids aside. Two departures are deliberate:
//   - file.name: the README writes the program's original PE name (program.filename,
//     "abcd.exe"); the file the process runs is the one on disk (program.fsName,
//     "test.exe"), as the connector's current map and the STIX -> HunQ map also say. The
//     original name is kept as extensions.x-reaqta-program.filename.
//   - the README's x-ibm-finding holds only the event's empty incident lists and the two
//     addresses; empty lists are left out, so no finding is made of them.
func TestConnectorREADME(t *testing.T) {
	event, err := os.ReadFile("testdata/readme_network.json")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("testdata/connector/readme_network.stix20.json")
	if err != nil {
		t.Fatal(err)
	}
	var want map[string]map[string]any
	decodeNumbers(t, raw, &want)
	for _, v := range []Version{STIX20, STIX21} {
		out, warns := translate(t, v, Bundle, string(event))
		if len(warns) > 0 {
			t.Errorf("warnings: %v", warns)
		}
		got := bundleObjects(t, out)
		for k, w := range want {
			w := resolve(w, want, 3)
			if v == STIX21 {
				w = rename21(w).(map[string]any)
			}
			if w["type"] == "x-ibm-finding" {
				continue
			}
			dropFileNames(w)
			if !anySubset(w, got) {
				t.Errorf("STIX %v: README object %s has no match: %v", v, k, w)
			}
		}
		checkFileNames(t, v, got)
	}
}

// dropFileNames deletes the name of every file in obj and the objects it refers to.
func dropFileNames(obj map[string]any) {
	if obj["type"] == "file" {
		delete(obj, "name")
	}
	for _, v := range obj {
		if m, ok := v.(map[string]any); ok {
			dropFileNames(m)
		}
	}
}

func anySubset(want map[string]any, got map[string]map[string]any) bool {
	for _, g := range got {
		if subset(want, resolve(g, got, 3)) {
			return true
		}
	}
	return false
}

func checkFileNames(t *testing.T, v Version, got map[string]map[string]any) {
	ext := "x-reaqta-program"
	if v == STIX21 {
		ext += "-ext"
	}
	for _, g := range got {
		if g["type"] == "file" {
			e := g["extensions"].(map[string]any)[ext].(map[string]any)
			if g["name"] != "test.exe" || e["filename"] != "abcd.exe" {
				t.Errorf("STIX %v: file %v, want name test.exe and filename abcd.exe", v, g)
			}
		}
	}
}
