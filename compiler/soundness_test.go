package compiler

import (
	"strings"
	"testing"
)

// compileOne compiles src with the test options and returns its one query, whether the
// plan is exact, and its widenings' reasons.
func compileOne(t *testing.T, src string) (string, bool, string) {
	t.Helper()
	plan, err := Compile(mustParse(t, src), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	for _, w := range plan.Widenings {
		reasons = append(reasons, w.Reason)
	}
	q, _, _ := strings.Cut(plan.Queries[0].Text, " AND happenedAfter")
	return q, plan.Exact, strings.Join(reasons, "; ")
}

// TestIPv6Spellings: a block of IPv6 addresses searches each address in lower and upper
// case, compressed and in full, since the matcher reads any of them as the address.
func TestIPv6Spellings(t *testing.T) {
	q, exact, _ := compileOne(t, "[ipv6-addr:value ISSUBSET '2001:db8::1/128']")
	for _, form := range []string{`"2001:db8::1"`, `"2001:DB8::1"`,
		`"2001:0db8:0000:0000:0000:0000:0000:0001"`,
		`"2001:0DB8:0000:0000:0000:0000:0000:0001"`} {
		if !strings.Contains(q, "$ip = "+form) {
			t.Errorf("the query does not search %s: %s", form, q)
		}
	}
	if !exact {
		t.Error("the plan should stay exact")
	}
}

// TestNormalFormWidens: LIKE and MATCHES compare in normal form C, so a literal beyond
// ASCII, which events may spell decomposed, is not searched as it is written.
func TestNormalFormWidens(t *testing.T) {
	for _, src := range []string{
		"[x-reaqta-event:task_name LIKE 'caf\u00e9']",
		"[x-reaqta-event:task_name MATCHES '^(caf\u00e9|x)$']",
		"[domain-name:value LIKE 'caf\u00e9%']",
		"[domain-name:value MATCHES '^caf\u00e9']",
	} {
		q, _, why := compileOne(t, src)
		if !strings.HasPrefix(q, "happenedAfter") || !strings.Contains(why, "normal form C") {
			t.Errorf("%s: got %s (%s), want it widened", src, q, why)
		}
	}
	if q, exact, _ := compileOne(t, "[x-reaqta-event:task_name LIKE 'cafe']"); q !=
		`task.name = "cafe"` || !exact {
		t.Errorf("ASCII LIKE: got %s, exact %v", q, exact)
	}
}

// TestNumericTextIsInexact: a TERM field compares a number by value, so a string that
// reads as a number also selects other spellings of it (08 for 8), which STIX tells apart.
func TestNumericTextIsInexact(t *testing.T) {
	for _, src := range []string{"[x-oca-event:category = '8']",
		"[x-oca-event:category IN ('8', 'x')]", "[x-oca-event:category LIKE '8']",
		"[x-oca-event:category MATCHES '^8$']"} {
		if _, exact, why := compileOne(t, src); exact || !strings.Contains(why, "by its value") {
			t.Errorf("%s: exact %v (%s), want inexact", src, exact, why)
		}
	}
	if q, _, why := compileOne(t, "[x-oca-event:category != '8']"); !strings.HasPrefix(q,
		"happenedAfter") {
		t.Errorf("a negated number text: got %s (%s), want it widened", q, why)
	}
	if _, exact, _ := compileOne(t, "[x-oca-event:category = 'x8']"); !exact {
		t.Error("text that is no number stays exact")
	}
	if _, exact, _ := compileOne(t, "[x-reaqta-event:relevance = 50]"); !exact {
		t.Error("an integer on an integer property stays exact")
	}
}

// TestReferencesAreInexact: a value searched through a reference may be in an event whose
// STIX has no object referring to it (a nested process with only a user), so the
// comparison is inexact.
func TestReferencesAreInexact(t *testing.T) {
	_, exact, why := compileOne(t, "[process:creator_user_ref.user_id = 'SYSTEM']")
	if exact || !strings.Contains(why, "referring to it") {
		t.Errorf("exact %v (%s), want inexact", exact, why)
	}
	if _, exact, _ := compileOne(t, "[user-account:user_id = 'SYSTEM']"); exact {
		t.Error("user-account:user_id is searched in fields of other values too")
	}
}
