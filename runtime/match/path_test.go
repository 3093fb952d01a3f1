package match

import "testing"

// One table per kind of object path step.

func TestKeyStep(t *testing.T) {
	hashes := file(map[string]any{"hashes": map[string]any{"SHA-256": "ab", "MD5": "cd"},
		"extensions": map[string]any{"ntfs-ext": map[string]any{"sid": "S-1"}}})
	runHolds(t, []holdsCase{
		{"dictionary key in quotes", `[file:hashes.'SHA-256' = 'ab']`, hashes, true},
		{"dictionary key, other value", `[file:hashes.MD5 = 'ab']`, hashes, false},
		{"keys are case-sensitive", `[file:hashes.'sha-256' = 'ab']`, hashes, false},
		{"missing key selects nothing", `[file:hashes.'SHA-1' != 'x']`, hashes, false},
		{"nested dictionaries", `[file:extensions.'ntfs-ext'.sid = 'S-1']`, hashes, true},
		{"key into a string selects nothing", `[file:hashes.MD5.x != 'y']`, hashes, false},
		{"key into a list selects nothing", `[file:names.x != 'y']`,
			file(map[string]any{"names": []any{map[string]any{"x": "z"}}}), false},
		{"_hex suffix decodes", `[file:x_hex = h'00ff']`, file(map[string]any{"x_hex": "00FF"}),
			true},
		{"_bin suffix decodes", `[file:x_bin = h'00ff']`, file(map[string]any{"x_bin": "AP8="}),
			true},
		{"_hex on a number keeps the number", `[file:x_hex = 3]`,
			file(map[string]any{"x_hex": 3.0}), true},
	})
}

func TestIndexStep(t *testing.T) {
	o := file(map[string]any{"names": []any{"a", "b", "c"}})
	runHolds(t, []holdsCase{
		{"[0] is the first member only", `[file:names[0] = 'b']`, o, false},
		{"[1]", `[file:names[1] = 'b']`, o, true},
		{"out of range selects nothing", `[file:names[3] != 'x']`, o, false},
		{"negative index selects nothing", `[file:names[-1] != 'x']`, o, false},
		{"[0] != on the first member", `[file:names[0] != 'a']`, o, false},
		{"index into a non-list selects nothing", `[file:name[0] != 'x']`,
			file(map[string]any{"name": "abc"}), false},
		{"[]string lists", `[file:names[1] = 'b']`,
			file(map[string]any{"names": []string{"a", "b"}}), true},
	})
}

func TestAnyIndexStep(t *testing.T) {
	o := file(map[string]any{"names": []any{"a", "b", "c"}})
	parts := one("email-message", map[string]any{"body_multipart": []any{
		map[string]any{"content_type": "text/html", "size": 10.0},
		map[string]any{"content_type": "text/plain", "size": 20.0}}})
	runHolds(t, []holdsCase{
		{"any member", `[file:names[*] = 'b']`, o, true},
		{"no member", `[file:names[*] = 'd']`, o, false},
		{"!= holds if one member differs", `[file:names[*] != 'a']`, o, true},
		{"empty list selects nothing", `[file:names[*] != 'a']`,
			file(map[string]any{"names": []any{}}), false},
		{"on a non-list selects nothing", `[file:name[*] = 'a']`,
			file(map[string]any{"name": "a"}), false},
		{"then a key", `[email-message:body_multipart[*].content_type = 'text/plain']`,
			parts, true},
		{"AND may hold at different members of one object",
			`[email-message:body_multipart[*].content_type = 'text/plain' AND ` +
				`email-message:body_multipart[*].size = 10]`, parts, true},
		{"nested lists", `[x-thing:grid[*][*] = 4]`,
			one("x-thing", map[string]any{"grid": []any{[]any{1.0, 2.0}, []any{3.0, 4.0}}}),
			true},
	})
}

func TestReferences(t *testing.T) {
	traffic := objs{
		"0": {"type": "ipv4-addr", "value": "198.51.100.1"},
		"1": {"type": "ipv4-addr", "value": "203.0.113.33"},
		"2": {"type": "network-traffic", "src_ref": "0", "dst_ref": "1", "dst_port": 443.0},
		"3": {"type": "domain-name", "value": "example.com", "resolves_to_refs": []any{"0", "9"}},
	}
	runHolds(t, []holdsCase{
		{"_ref is followed", `[network-traffic:dst_ref.value = '203.0.113.33']`, traffic, true},
		{"_ref names one object", `[network-traffic:dst_ref.value = '198.51.100.1']`, traffic,
			false},
		{"the referenced object's type", `[network-traffic:dst_ref.type = 'ipv4-addr']`,
			traffic, true},
		{"the root is the referring object", `[ipv4-addr:dst_ref.value = '203.0.113.33']`,
			traffic, false},
		{"_refs[*] followed, dangling name dropped",
			`[domain-name:resolves_to_refs[*].value = '198.51.100.1']`, traffic, true},
		{"_refs[0]", `[domain-name:resolves_to_refs[0].value = '198.51.100.1']`, traffic, true},
		{"_refs needs a list step", `[domain-name:resolves_to_refs.value = '198.51.100.1']`,
			traffic, false},
		{"dangling _ref selects nothing", `[network-traffic:src_ref.value != 'x']`,
			objs{"0": {"type": "network-traffic", "src_ref": "7"}}, false},
		{"a _ref that is not a string selects nothing", `[network-traffic:src_ref.value != 'x']`,
			objs{"0": {"type": "network-traffic", "src_ref": 7.0}}, false},
		{"references chain", `[process:parent_ref.binary_ref.name = 'cmd.exe']`, objs{
			"0": {"type": "file", "name": "cmd.exe"},
			"1": {"type": "process", "binary_ref": "0"},
			"2": {"type": "process", "parent_ref": "1"}}, true},
		{"STIX 2.1 ids as names", `[network-traffic:dst_ref.value = '203.0.113.33']`, objs{
			"ipv4-addr--1":       {"type": "ipv4-addr", "value": "203.0.113.33"},
			"network-traffic--2": {"type": "network-traffic", "dst_ref": "ipv4-addr--1"}},
			true},
		{"[]string reference lists", `[domain-name:resolves_to_refs[*].value = '203.0.113.33']`,
			objs{"a": {"type": "ipv4-addr", "value": "203.0.113.33"},
				"b": {"type": "domain-name", "resolves_to_refs": []string{"a"}}}, true},
		{"a reference cycle ends with the path", `[process:parent_ref.parent_ref.pid = 1]`,
			objs{"0": {"type": "process", "pid": 1.0, "parent_ref": "0"}}, true},
	})
}
