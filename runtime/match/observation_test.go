package match

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stix2hunq/stix2hunq/ast"
)

// One table per observation operator and qualifier. Observations hold one address each:
// oa(s) holds 1.1.1.1 at s seconds after a fixed origin, ob(s) 2.2.2.2 and oc(s) 3.3.3.3;
// brackets A, B and C match them.
const (
	A = "[ipv4-addr:value = '1.1.1.1']"
	B = "[ipv4-addr:value = '2.2.2.2']"
	C = "[ipv4-addr:value = '3.3.3.3']"
)

// sec returns the instant s seconds (maybe fractional) after a fixed origin.
func sec(s float64) string {
	base := tm("2022-04-06T00:00:00Z")
	return base.Add(time.Duration(s * float64(time.Second))).Format(time.RFC3339Nano)
}

// tlit returns the timestamp literal of sec(s).
func tlit(s float64) string { return "t'" + sec(s) + "'" }

// window returns the qualifier START ts(start) STOP ts(stop).
func window(start, stop float64) string {
	return " START " + tlit(start) + " STOP " + tlit(stop)
}

func oa(s float64) Observation { return at(sec(s), ip("1.1.1.1")) }
func ob(s float64) Observation { return at(sec(s), ip("2.2.2.2")) }
func oc(s float64) Observation { return at(sec(s), ip("3.3.3.3")) }

func counted(o Observation, n int) Observation { o.Count = n; return o }

// spanA is an observation of 1.1.1.1 from first to last seconds; spanB of 2.2.2.2.
func spanA(first, last float64) Observation {
	return spanObs(sec(first), sec(last), ip("1.1.1.1"))
}

func spanB(first, last float64) Observation {
	return spanObs(sec(first), sec(last), ip("2.2.2.2"))
}

// matchCase is one pattern matched over a set of observations.
type matchCase struct {
	name    string
	pattern string
	obs     []Observation
	want    []int // the observations used; nil when the pattern does not match
}

func runMatch(t *testing.T, cases []matchCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := compile(t, c.pattern)
			got, err := m.Match(c.obs)
			if err != nil {
				t.Fatalf("Match: %v", err)
			}
			want := Result{Matched: c.want != nil, Used: c.want}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: got %+v, want %+v (-want +got):\n%s", c.pattern, got, want, diff)
			}
		})
	}
}

func join(op string, es ...string) string { return strings.Join(es, " "+op+" ") }

func TestObservationAnd(t *testing.T) {
	both := at(sec(0), twoIPs("1.1.1.1", "2.2.2.2"))
	runMatch(t, []matchCase{
		{"two observations", join("AND", A, B), []Observation{oa(0), ob(1)}, []int{0, 1}},
		{"order does not matter", join("AND", A, B), []Observation{ob(0), oa(1)}, []int{0, 1}},
		{"one side missing", join("AND", A, B), []Observation{oa(0), oa(1)}, nil},
		{"distinct observations", join("AND", A, A), []Observation{oa(0)}, nil},
		{"number_observed counts as distinct observations", join("AND", A, A),
			[]Observation{counted(oa(0), 2)}, []int{0}},
		{"one observation cannot serve both brackets", join("AND", A, B),
			[]Observation{both}, nil},
		{"every observation of some match is used", join("AND", A, B),
			[]Observation{oa(0), oa(5), ob(1), oc(2)}, []int{0, 1, 2}},
		{"three operands", join("AND", A, B, C), []Observation{oc(0), ob(1), oa(2)},
			[]int{0, 1, 2}},
		{"AND binds tighter than OR", A + " AND " + B + " OR " + C,
			[]Observation{oc(0)}, []int{0}},
		{"with an OR operand", "(" + join("OR", A, B) + ") AND " + C,
			[]Observation{ob(0), oc(1), oa(2)}, []int{0, 1, 2}},
		{"an observation serving either bracket is bound once",
			"[ipv4-addr:value LIKE '1.%'] AND [ipv4-addr:value LIKE '%.1']",
			[]Observation{oa(0), at(sec(1), ip("1.2.3.4"))}, []int{0, 1}},
	})
}

func TestObservationOr(t *testing.T) {
	runMatch(t, []matchCase{
		{"either side, each used", join("OR", A, B), []Observation{oa(0), oc(1), ob(2)},
			[]int{0, 2}},
		{"neither", join("OR", A, B), []Observation{oc(1)}, nil},
		{"one side of an OR of ANDs", join("OR", "("+join("AND", A, B)+")",
			"("+join("AND", A, C)+")"), []Observation{oa(0), oc(1)}, []int{0, 1}},
		{"no side complete", join("OR", "("+join("AND", A, B)+")", "("+join("AND", B, C)+")"),
			[]Observation{oa(0), oc(1)}, nil},
		{"an incomplete side uses nothing", join("OR", "("+join("AND", A, B)+")", C),
			[]Observation{oa(0), oc(1)}, []int{1}},
	})
}

func TestFollowedBy(t *testing.T) {
	runMatch(t, []matchCase{
		{"in order", join("FOLLOWEDBY", A, B), []Observation{oa(0), ob(1)}, []int{0, 1}},
		{"out of order", join("FOLLOWEDBY", A, B), []Observation{ob(0), oa(1)}, nil},
		{"equal timestamps are in order", join("FOLLOWEDBY", A, B),
			[]Observation{ob(5), oa(5)}, []int{0, 1}},
		{"only the later one", join("FOLLOWEDBY", A, B), []Observation{oa(2), ob(1), ob(3)},
			[]int{0, 2}},
		{"chain in order", join("FOLLOWEDBY", A, B, C), []Observation{oa(1), ob(2), oc(3)},
			[]int{0, 1, 2}},
		{"chain out of order", join("FOLLOWEDBY", A, B, C), []Observation{oa(1), oc(2), ob(3)},
			nil},
		{"first of the earlier before last of the later: overlapping intervals",
			join("FOLLOWEDBY", A, B), []Observation{spanA(0, 10), spanB(2, 3)}, []int{0, 1}},
		{"earlier starts after the later ends", join("FOLLOWEDBY", A, B),
			[]Observation{spanA(4, 10), spanB(2, 3)}, nil},
		{"touching intervals", join("FOLLOWEDBY", A, B),
			[]Observation{spanA(3, 10), spanB(2, 3)}, []int{0, 1}},
		{"the same observed-data twice", join("FOLLOWEDBY", A, A),
			[]Observation{counted(oa(0), 2)}, []int{0}},
		{"every observation of the earlier operand comes first",
			"(" + join("AND", A, B) + ") FOLLOWEDBY " + C,
			[]Observation{oa(1), ob(3), oc(2), oc(4)}, []int{0, 1, 3}},
		{"FOLLOWEDBY binds loosest", join("FOLLOWEDBY", A, join("OR", B, C)),
			[]Observation{oa(1), oc(2)}, []int{0, 1}},
		{"an OR operand: only the chosen side is ordered",
			"(" + join("OR", A, C) + ") FOLLOWEDBY " + B,
			[]Observation{oc(9), oa(1), ob(2)}, []int{1, 2}},
	})
}

func TestWithin(t *testing.T) {
	within := func(e string, s string) string { return "(" + e + ") WITHIN " + s + " SECONDS" }
	runMatch(t, []matchCase{
		{"at the boundary", within(join("AND", A, B), "60"), []Observation{oa(0), ob(60)},
			[]int{0, 1}},
		{"past the boundary", within(join("AND", A, B), "60"),
			[]Observation{oa(0), ob(60.000001)}, nil},
		{"fractional seconds", within(join("AND", A, B), "0.5"), []Observation{oa(0), ob(0.5)},
			[]int{0, 1}},
		{"fractional seconds, past", within(join("AND", A, B), "0.5"),
			[]Observation{oa(0), ob(0.6)}, nil},
		{"only the observations within", within(join("AND", A, B), "60"),
			[]Observation{oa(0), ob(30), ob(500), oa(1000)}, []int{0, 1}},
		{"the whole match, not each pair of neighbours", within(join("AND", A, B, C), "10"),
			[]Observation{oa(0), ob(10), oc(20)}, nil},
		{"on FOLLOWEDBY", within(join("FOLLOWEDBY", A, B), "5"),
			[]Observation{oa(0), ob(4), ob(-1), ob(9)}, []int{0, 1}},
		{"latest first within the duration of the earliest last",
			within(join("AND", A, B), "1"), []Observation{spanA(0, 10), spanB(11, 20)},
			[]int{0, 1}},
		{"intervals apart", within(join("AND", A, B), "1"),
			[]Observation{spanA(0, 1), spanB(3, 4)}, nil},
		{"one observation is always within", A + " WITHIN 1 SECONDS",
			[]Observation{spanA(0, 100)}, []int{0}},
		{"qualifiers bind tighter than AND", A + " AND " + B + " WITHIN 1 SECONDS",
			[]Observation{oa(0), ob(100)}, []int{0, 1}},
		{"on OR: each side alone", within(join("OR", A, B), "1"),
			[]Observation{oa(0), ob(100)}, []int{0, 1}},
	})
}

func TestRepeats(t *testing.T) {
	runMatch(t, []matchCase{
		{"fewer", A + " REPEATS 3 TIMES", []Observation{oa(0), oa(1), oc(2)}, nil},
		{"exactly", A + " REPEATS 3 TIMES", []Observation{oa(0), oa(1), oc(2), oa(3)},
			[]int{0, 1, 3}},
		{"more: every one takes part in some match", A + " REPEATS 3 TIMES",
			[]Observation{oa(0), oa(1), oa(2), oa(3), oa(4)}, []int{0, 1, 2, 3, 4}},
		{"number_observed counts", A + " REPEATS 3 TIMES", []Observation{counted(oa(0), 3)},
			[]int{0}},
		{"number_observed too small", A + " REPEATS 3 TIMES",
			[]Observation{counted(oa(0), 2)}, nil},
		{"number_observed added up", A + " REPEATS 3 TIMES",
			[]Observation{counted(oa(0), 2), oa(5)}, []int{0, 1}},
		{"REPEATS 1 is the expression", A + " REPEATS 1 TIMES", []Observation{oa(0)},
			[]int{0}},
		{"of an AND: distinct observations for every copy",
			"(" + join("AND", A, B) + ") REPEATS 2 TIMES", []Observation{oa(0), ob(1), oa(2)},
			nil},
		{"of an AND, enough", "(" + join("AND", A, B) + ") REPEATS 2 TIMES",
			[]Observation{oa(0), ob(1), oa(2), ob(3)}, []int{0, 1, 2, 3}},
		{"of an OR: the sides may mix", "(" + join("OR", A, B) + ") REPEATS 2 TIMES",
			[]Observation{oa(0), ob(1), oc(2)}, []int{0, 1}},
		{"of a FOLLOWEDBY", "(" + join("FOLLOWEDBY", A, B) + ") REPEATS 2 TIMES",
			[]Observation{oa(0), ob(1), oa(4), ob(5)}, []int{0, 1, 2, 3}},
		{"of a FOLLOWEDBY, one pair out of order",
			"(" + join("FOLLOWEDBY", A, B) + ") REPEATS 2 TIMES",
			[]Observation{oa(0), ob(1), oa(5), ob(-4)}, nil},
		{"REPEATS binds tighter than AND", A + " AND " + B + " REPEATS 2 TIMES",
			[]Observation{oa(0), ob(1), ob(2)}, []int{0, 1, 2}},
	})
}

func TestStartStop(t *testing.T) {
	ss := window(10, 20)
	runMatch(t, []matchCase{
		{"start is inclusive", A + ss, []Observation{oa(10)}, []int{0}},
		{"stop is exclusive", A + ss, []Observation{oa(20)}, nil},
		{"just before stop", A + ss, []Observation{oa(19.999999)}, []int{0}},
		{"before start", A + ss, []Observation{oa(9.999999)}, nil},
		{"an interval ending at start overlaps", A + ss, []Observation{spanA(0, 10)},
			[]int{0}},
		{"an interval starting at stop does not", A + ss, []Observation{spanA(20, 30)}, nil},
		{"an interval spanning the window overlaps", A + ss, []Observation{spanA(0, 30)},
			[]int{0}},
		{"every observation of a match in the window", "(" + join("AND", A, B) + ")" + ss,
			[]Observation{oa(15), ob(25)}, nil},
		{"only the observations in the window", "(" + join("AND", A, B) + ")" + ss,
			[]Observation{oa(15), ob(25), ob(11)}, []int{0, 2}},
		{"qualifiers bind tighter than AND", A + " AND " + B + ss,
			[]Observation{oa(1), ob(15), ob(25)}, []int{0, 1}},
		{"on OR: each side in the window", "(" + join("OR", A, B) + ")" + ss,
			[]Observation{oa(5), ob(15)}, []int{1}},
		{"on FOLLOWEDBY", "(" + join("FOLLOWEDBY", A, B) + ")" + ss,
			[]Observation{oa(5), oa(12), ob(13), ob(21)}, []int{1, 2}},
	})
}

// TestQualifierChains: qualifiers written one after the other apply innermost first, and
// qualifiers on nested expressions all hold.
func TestQualifierChains(t *testing.T) {
	runMatch(t, []matchCase{
		{"START/STOP windows intersect", A + window(10, 20) + window(15, 30),
			[]Observation{oa(12), oa(16), oa(25)}, []int{1}},
		{"START/STOP then REPEATS counts in the window",
			A + window(10, 20) + " REPEATS 2 TIMES",
			[]Observation{oa(5), oa(12), oa(25)}, nil},
		{"START/STOP then REPEATS, enough", A + window(10, 20) + " REPEATS 2 TIMES",
			[]Observation{oa(5), oa(12), oa(13)}, []int{1, 2}},
		{"REPEATS then WITHIN", A + " REPEATS 2 TIMES WITHIN 10 SECONDS",
			[]Observation{oa(0), oa(20), oa(25)}, []int{1, 2}},
		{"REPEATS then WITHIN, too far apart", A + " REPEATS 3 TIMES WITHIN 10 SECONDS",
			[]Observation{oa(0), oa(9), oa(11)}, nil},
		{"WITHIN then REPEATS of an AND",
			"(" + join("AND", A, B) + ") WITHIN 1 SECONDS REPEATS 2 TIMES",
			[]Observation{oa(0), ob(0.5), oa(10), ob(10.5), ob(30)}, []int{0, 1, 2, 3}},
		{"WITHIN then START/STOP", "(" + join("AND", A, B) + ") WITHIN 5 SECONDS" +
			window(0, 10), []Observation{oa(1), ob(4), ob(12)}, []int{0, 1}},
		{"nested WITHIN, the inner tighter", "((" + join("AND", A, B) +
			") WITHIN 1 SECONDS FOLLOWEDBY " + C + ") WITHIN 100 SECONDS",
			[]Observation{oa(0), ob(2), oa(3), oc(50)}, []int{1, 2, 3}},
		{"nested WITHIN, the outer tighter", "((" + join("AND", A, B) +
			") WITHIN 100 SECONDS FOLLOWEDBY " + C + ") WITHIN 10 SECONDS",
			[]Observation{oa(0), ob(50), oc(55)}, nil},
	})
}

// TestUsed: which observations take part in some match of the whole pattern.
func TestUsed(t *testing.T) {
	runMatch(t, []matchCase{
		{"a candidate in no complete match is left out", join("FOLLOWEDBY", A, B),
			[]Observation{ob(0), oa(1), ob(2)}, []int{1, 2}},
		{"a candidate of a bracket that cannot complete is left out",
			join("AND", A, B), []Observation{oa(0), oc(1)}, nil},
		{"an observation may serve different brackets in different matches",
			join("FOLLOWEDBY", "[ipv4-addr:value LIKE '%']", B),
			[]Observation{ob(0), ob(1)}, []int{0, 1}},
		{"observations outside every WITHIN window are left out",
			"(" + join("AND", A, B) + ") WITHIN 2 SECONDS",
			[]Observation{oa(0), ob(1), oa(10), ob(20), oa(21)}, []int{0, 1, 3, 4}},
		{"with REPEATS, every candidate that can complete a match",
			A + " REPEATS 2 TIMES WITHIN 1 SECONDS",
			[]Observation{oa(0), oa(0.5), oa(3), oa(5), oa(5.9)}, []int{0, 1, 3, 4}},
	})
}

func TestSingleObservation(t *testing.T) {
	cases := []struct {
		pattern string
		single  bool
	}{
		{A, true},
		{join("OR", A, B+window(0, 10)), true},
		{A + " WITHIN 10 SECONDS", true},
		{A + " REPEATS 1 TIMES", true},
		{join("AND", A, B), false},
		{join("FOLLOWEDBY", A, B), false},
		{A + " REPEATS 2 TIMES", false},
		{join("OR", A, "("+join("AND", B, C)+")"), false},
	}
	for _, c := range cases {
		if got := compile(t, c.pattern).SingleObservation(); got != c.single {
			t.Errorf("%s: got %v, want %v", c.pattern, got, c.single)
		}
	}
}

func TestMatchesOne(t *testing.T) {
	single := compile(t, join("OR", A, B+window(0, 10)))
	pair := compile(t, join("AND", A, A))
	cases := []struct {
		name string
		m    *Matcher
		o    Observation
		want bool
	}{
		{"first operand", single, oa(100), true},
		{"second operand in its window", single, ob(5), true},
		{"second operand out of its window", single, ob(10), false},
		{"neither", single, oc(5), false},
		{"correlation, one instance", pair, oa(0), false},
		{"correlation, two instances", pair, counted(oa(0), 2), true},
		{"invalid observation matches nothing", single, counted(oa(0), -1), false},
	}
	for _, c := range cases {
		if got := c.m.MatchesOne(c.o); got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

// TestSharedBracketWindows: a tree built by hand may use one bracket node under different
// START/STOP windows; each place keeps its own window.
func TestSharedBracketWindows(t *testing.T) {
	br := &ast.BracketExpr{Comparison: cmpE(path("ipv4-addr", key("value")), ast.OpEqual,
		str("1.1.1.1"))}
	win := func(start, stop float64) ast.ObservationExpr {
		return &ast.QualifiedExpr{Expr: br, Qualifier: &ast.StartStopQualifier{
			Start: &ast.TimestampLit{Value: tm(sec(start))},
			Stop:  &ast.TimestampLit{Value: tm(sec(stop))}}}
	}
	p := &ast.Pattern{Expr: &ast.ObservationBinaryExpr{Op: ast.ObsAnd,
		Operands: []ast.ObservationExpr{win(0, 10), win(20, 30)}}}
	got, err := mustNew(t, p).Match([]Observation{oa(5), oa(25), oa(15)})
	want := Result{Matched: true, Used: []int{0, 1}}
	if err != nil || !cmp.Equal(got, want) {
		t.Errorf("got %+v, %v; want %+v", got, err, want)
	}
}
