package match

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// robustPatterns touch every operator, kind of step and suffix rule.
var robustPatterns = []string{
	`[x-t:a = 'v' OR x-t:a != 1 OR x-t:a < 2.5 OR x-t:a >= t'2020-01-01T00:00:00Z']`,
	`[x-t:a IN ('v', 'w') AND x-t:b[*] LIKE 'v%' OR x-t:b[0] MATCHES '^v']`,
	`[x-t:a ISSUBSET '10.0.0.0/8' OR x-t:a ISSUPERSET '::1' OR EXISTS x-t:c.d]`,
	`[x-t:a_hex = h'00ff' OR x-t:a_bin < b'AA==' OR x-t:a_hex MATCHES '\\x00']`,
	`[x-t:a_ref.a = 'v' OR x-t:a_refs[*].b_ref.a NOT = 'v' OR x-t:a_refs[1].a > 1]`,
	`[x-t:c.'d'[*].e = true] AND [x-t:a NOT LIKE '_'] FOLLOWEDBY [x-u:a = 'v']`,
	`([x-t:a = 'v'] OR [x-u:a = 'v']) REPEATS 3 TIMES WITHIN 2 SECONDS`,
}

// genValue draws a JSON-like value, or one of the Go values callers may pass.
func genValue(t *rapid.T, depth int) any {
	kind := rapid.IntRange(0, 11).Draw(t, "kind")
	if depth == 0 && kind >= 8 {
		kind = 0
	}
	switch kind {
	case 0:
		return rapid.SampledFrom([]string{"v", "w", "10.1.2.3", "::1", "10.0.0.0/8", "00ff",
			"AA==", "0", "1", "zz", "2020-01-01T00:00:00Z", "", "é", "\xff"}).Draw(t, "s")
	case 1:
		return rapid.SampledFrom([]float64{0, 1, 2.5, -1, math.NaN(), math.Inf(1)}).Draw(t, "f")
	case 2:
		return rapid.Bool().Draw(t, "b")
	case 3:
		return nil
	case 4:
		return json.Number(rapid.SampledFrom([]string{"1", "1e400", "x", "-0"}).Draw(t, "n"))
	case 5:
		return rapid.IntRange(-3, 3).Draw(t, "i")
	case 6:
		return []byte(rapid.StringN(0, 3, -1).Draw(t, "bytes"))
	case 7:
		return []string{"0", "1", "x"}[:rapid.IntRange(0, 3).Draw(t, "strs")]
	case 8, 9:
		n := rapid.IntRange(0, 3).Draw(t, "len")
		l := make([]any, n)
		for i := range l {
			l[i] = genValue(t, depth-1)
		}
		return l
	}
	return genObject(t, depth-1)
}

var robustKeys = []string{"type", "a", "b", "c", "d", "e", "a_hex", "a_bin", "a_ref",
	"a_refs", "b_ref"}

func genObject(t *rapid.T, depth int) map[string]any {
	obj := map[string]any{}
	for range rapid.IntRange(0, 4).Draw(t, "props") {
		obj[rapid.SampledFrom(robustKeys).Draw(t, "key")] = genValue(t, depth)
	}
	if rapid.Bool().Draw(t, "typed") {
		obj["type"] = rapid.SampledFrom([]string{"x-t", "x-u"}).Draw(t, "type")
	}
	return obj
}

// TestMalformedObservationsNeverPanic: whatever the objects hold, matching returns a
// result or an error, and MatchesOne agrees with Match on one observation.
func TestMalformedObservationsNeverPanic(t *testing.T) {
	var ms []*Matcher
	for _, p := range robustPatterns {
		ms = append(ms, compile(t, p))
	}
	rapid.Check(t, func(t *rapid.T) {
		obs := make([]Observation, rapid.IntRange(1, 4).Draw(t, "obs"))
		for i := range obs {
			objects := map[string]map[string]any{}
			for j := range rapid.IntRange(0, 3).Draw(t, "objects") {
				objects[string(rune('0'+j))] = genObject(t, 3)
			}
			if rapid.Bool().Draw(t, "nilObject") {
				objects["9"] = nil
			}
			obs[i] = at(sec(float64(i)), objects)
			obs[i].Count = rapid.IntRange(0, 3).Draw(t, "count")
		}
		for _, m := range ms {
			r, err := m.Match(obs)
			if err != nil {
				t.Fatalf("Match: %v", err)
			}
			if got := m.MatchesOne(obs[0]); m.SingleObservation() &&
				got != (len(r.Used) > 0 && r.Used[0] == 0) {
				t.Fatalf("MatchesOne = %v, Match used %v", got, r.Used)
			}
		}
	})
}

// TestHugeRepeats: a REPEATS past the limit is refused with a clear error, and one at the
// limit either matches or runs out of budget, without hanging.
func TestHugeRepeats(t *testing.T) {
	p := A + " REPEATS 1000000000 TIMES"
	_, err := New(mustParse(t, p))
	want := "pattern:1:31: REPEATS 1000000000 TIMES exceeds the matcher's limit of 4096"
	if err == nil || err.Error() != want {
		t.Errorf("%s: got error %v, want %q", p, err, want)
	}

	m := compile(t, A+" REPEATS 4096 TIMES WITHIN 3600 SECONDS")
	obs := make([]Observation, 4100)
	for i := range obs {
		obs[i] = oa(float64(i) / 2)
	}
	r, err := m.Match(obs)
	if err != nil && !errors.Is(err, ErrBudget) {
		t.Fatalf("Match: %v", err)
	}
	if !r.Matched {
		t.Errorf("4096 of 4100 observations within an hour: no match (err %v)", err)
	}
	few, err := m.Match(obs[:4095])
	if err != nil || few.Matched {
		t.Errorf("4095 observations: got %+v, %v; want no match, no error", few, err)
	}
}

// TestBudget: a search that cannot succeed stops at its budget with ErrBudget.
func TestBudget(t *testing.T) {
	var obs []Observation
	for i := range 5 {
		obs = append(obs, oa(float64(i)))
	}
	for i := range 40 {
		obs = append(obs, ob(float64(i)))
	}
	p := mustParse(t, "("+join("AND", A, B)+") REPEATS 6 TIMES")
	m, err := New(p, WithBudget(10000))
	if err != nil {
		t.Fatal(err)
	}
	r, err := m.Match(obs)
	if !errors.Is(err, ErrBudget) || r.Matched {
		t.Errorf("got %+v, %v; want no match and ErrBudget", r, err)
	}
	if !strings.Contains(err.Error(), "budget") {
		t.Errorf("error %q does not name the budget", err)
	}
}
