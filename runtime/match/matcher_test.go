package match

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stix2hunq/stix2hunq/ast"
)

// ipBracket is [ipv4-addr:value = 'v'], a new node each time.
func ipBracket(v string) ast.ObservationExpr {
	return br(cmpE(path("ipv4-addr", key("value")), ast.OpEqual, str(v)))
}

func a() ast.ObservationExpr { return ipBracket("1.1.1.1") }
func b() ast.ObservationExpr { return ipBracket("2.2.2.2") }
func c() ast.ObservationExpr { return ipBracket("3.3.3.3") }

// sec returns the instant s seconds (maybe fractional) after a fixed origin.
func sec(s float64) string {
	base := tm("2022-04-06T00:00:00Z")
	return base.Add(time.Duration(s * float64(time.Second))).Format(time.RFC3339Nano)
}

func oa(s float64) Observation { return at(sec(s), ip("1.1.1.1")) }
func ob(s float64) Observation { return at(sec(s), ip("2.2.2.2")) }
func oc(s float64) Observation { return at(sec(s), ip("3.3.3.3")) }

func counted(o Observation, n int) Observation { o.Count = n; return o }

// matchCase is one pattern matched over a set of observations.
type matchCase struct {
	name string
	expr ast.ObservationExpr
	obs  []Observation
	want []int // the observations used; nil when the pattern does not match
}

func runMatch(t *testing.T, cases []matchCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := mustNew(t, pattern(c.expr))
			got, err := m.Match(c.obs)
			if err != nil {
				t.Fatalf("Match: %v", err)
			}
			want := Result{Matched: c.want != nil, Used: c.want}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("got %+v, want %+v (-want +got):\n%s", got, want, diff)
			}
		})
	}
}

func TestObservationAnd(t *testing.T) {
	both := at(sec(0), twoIPs("1.1.1.1", "2.2.2.2"))
	runMatch(t, []matchCase{
		{"two observations", oAnd(a(), b()), []Observation{oa(0), ob(1)}, []int{0, 1}},
		{"one side missing", oAnd(a(), b()), []Observation{oa(0), oa(1)}, nil},
		{"distinct observations", oAnd(a(), a()), []Observation{oa(0)}, nil},
		{"number_observed counts", oAnd(a(), a()), []Observation{counted(oa(0), 2)}, []int{0}},
		{"one observation for both brackets", oAnd(a(), b()), []Observation{both}, nil},
		{"every participant", oAnd(a(), b()), []Observation{oa(0), oa(5), ob(1), oc(2)},
			[]int{0, 1, 2}},
		{"three operands", oAnd(a(), b(), c()), []Observation{oc(0), ob(1), oa(2)},
			[]int{0, 1, 2}},
		{"nested with OR", oAnd(oOr(a(), b()), c()), []Observation{ob(0), oc(1), oa(2)},
			[]int{0, 1, 2}},
	})
}

func TestObservationOr(t *testing.T) {
	runMatch(t, []matchCase{
		{"either", oOr(a(), b()), []Observation{oa(0), oc(1), ob(2)}, []int{0, 2}},
		{"neither", oOr(a(), b()), []Observation{oc(1)}, nil},
		{"OR of ANDs, one complete", oOr(oAnd(a(), b()), oAnd(a(), c())),
			[]Observation{oa(0), oc(1)}, []int{0, 1}},
		{"OR of ANDs, none complete", oOr(oAnd(a(), b()), oAnd(b(), c())),
			[]Observation{oa(0), oc(1)}, nil},
	})
}

func TestFollowedBy(t *testing.T) {
	runMatch(t, []matchCase{
		{"in order", fby(a(), b()), []Observation{oa(0), ob(1)}, []int{0, 1}},
		{"out of order", fby(a(), b()), []Observation{ob(0), oa(1)}, nil},
		{"equal timestamps", fby(a(), b()), []Observation{ob(5), oa(5)}, []int{0, 1}},
		{"only the later one", fby(a(), b()), []Observation{oa(2), ob(1), ob(3)}, []int{0, 2}},
		{"chain in order", fby(a(), b(), c()), []Observation{oa(1), ob(2), oc(3)},
			[]int{0, 1, 2}},
		{"chain out of order", fby(a(), b(), c()), []Observation{oa(1), oc(2), ob(3)}, nil},
		{"intervals: some choice of times is ordered", fby(a(), b()), []Observation{
			spanObs(sec(0), sec(10), ip("1.1.1.1")), spanObs(sec(2), sec(3), ip("2.2.2.2"))},
			[]int{0, 1}},
		{"intervals: no choice is ordered", fby(a(), b()), []Observation{
			spanObs(sec(4), sec(10), ip("1.1.1.1")), spanObs(sec(2), sec(3), ip("2.2.2.2"))},
			nil},
		{"same observed-data twice", fby(a(), a()), []Observation{counted(oa(0), 2)}, []int{0}},
		{"AND then", fby(oAnd(a(), b()), c()), []Observation{oa(1), ob(3), oc(2), oc(4)},
			[]int{0, 1, 3}},
	})
}

func TestWithin(t *testing.T) {
	runMatch(t, []matchCase{
		{"at the boundary", withinQ(oAnd(a(), b()), 60), []Observation{oa(0), ob(60)},
			[]int{0, 1}},
		{"past the boundary", withinQ(oAnd(a(), b()), 60), []Observation{oa(0), ob(60.000001)},
			nil},
		{"only those within", withinQ(oAnd(a(), b()), 60),
			[]Observation{oa(0), ob(30), ob(500), oa(1000)}, []int{0, 1}},
		{"the whole match", withinQ(oAnd(a(), b(), c()), 10),
			[]Observation{oa(0), ob(10), oc(20)}, nil},
		{"FOLLOWEDBY within", withinQ(fby(a(), b()), 5),
			[]Observation{oa(0), ob(4), ob(-1), ob(9)}, []int{0, 1}},
		{"intervals touching", withinQ(oAnd(a(), b()), 1), []Observation{
			spanObs(sec(0), sec(10), ip("1.1.1.1")), spanObs(sec(11), sec(20), ip("2.2.2.2"))},
			[]int{0, 1}},
		{"single observation", withinQ(a(), 1), []Observation{
			spanObs(sec(0), sec(100), ip("1.1.1.1"))}, []int{0}},
		{"nested, inner tighter", withinQ(fby(withinQ(oAnd(a(), b()), 1), c()), 100),
			[]Observation{oa(0), ob(2), oa(3), oc(50)}, []int{1, 2, 3}},
	})
}

func TestRepeats(t *testing.T) {
	runMatch(t, []matchCase{
		{"fewer", repeats(a(), 3), []Observation{oa(0), oa(1), oc(2)}, nil},
		{"exactly", repeats(a(), 3), []Observation{oa(0), oa(1), oc(2), oa(3)}, []int{0, 1, 3}},
		{"more", repeats(a(), 3), []Observation{oa(0), oa(1), oa(2), oa(3), oa(4)},
			[]int{0, 1, 2, 3, 4}},
		{"number_observed", repeats(a(), 3), []Observation{counted(oa(0), 3)}, []int{0}},
		{"number_observed too small", repeats(a(), 3), []Observation{counted(oa(0), 2)}, nil},
		{"within", withinQ(repeats(a(), 2), 10), []Observation{oa(0), oa(20), oa(25)},
			[]int{1, 2}},
		{"of an AND", repeats(oAnd(a(), b()), 2), []Observation{oa(0), ob(1), oa(2)}, nil},
		{"of an AND, enough", repeats(oAnd(a(), b()), 2),
			[]Observation{oa(0), ob(1), oa(2), ob(3)}, []int{0, 1, 2, 3}},
		{"REPEATS 1", repeats(a(), 1), []Observation{oa(0)}, []int{0}},
	})
}

func TestStartStop(t *testing.T) {
	ss := func(e ast.ObservationExpr) ast.ObservationExpr { return startStop(e, sec(10), sec(20)) }
	runMatch(t, []matchCase{
		{"start is inclusive", ss(a()), []Observation{oa(10)}, []int{0}},
		{"stop is exclusive", ss(a()), []Observation{oa(20)}, nil},
		{"just before stop", ss(a()), []Observation{oa(19.999999)}, []int{0}},
		{"before start", ss(a()), []Observation{oa(9.999999)}, nil},
		{"interval ending at start", ss(a()), []Observation{
			spanObs(sec(0), sec(10), ip("1.1.1.1"))}, []int{0}},
		{"interval starting at stop", ss(a()), []Observation{
			spanObs(sec(20), sec(30), ip("1.1.1.1"))}, nil},
		{"interval spanning the window", ss(a()), []Observation{
			spanObs(sec(0), sec(30), ip("1.1.1.1"))}, []int{0}},
		{"empty window", startStop(a(), sec(10), sec(10)), []Observation{oa(10)}, nil},
		{"every observation of the match", ss(oAnd(a(), b())),
			[]Observation{oa(15), ob(25)}, nil},
		{"on an AND", ss(oAnd(a(), b())), []Observation{oa(15), ob(25), ob(11)}, []int{0, 2}},
		{"nested qualifiers intersect", startStop(ss(a()), sec(15), sec(30)),
			[]Observation{oa(12), oa(16), oa(25)}, []int{1}},
	})
}

func TestSingleObservation(t *testing.T) {
	cases := []struct {
		expr   ast.ObservationExpr
		single bool
	}{
		{a(), true},
		{oOr(a(), startStop(b(), sec(0), sec(10))), true},
		{withinQ(a(), 10), true},
		{repeats(a(), 1), true},
		{oAnd(a(), b()), false},
		{fby(a(), b()), false},
		{repeats(a(), 2), false},
	}
	for i, c := range cases {
		m := mustNew(t, pattern(c.expr))
		if got := m.SingleObservation(); got != c.single {
			t.Errorf("case %d: got %v, want %v", i, got, c.single)
		}
	}
}

func TestMatchesOne(t *testing.T) {
	single := mustNew(t, pattern(oOr(a(), startStop(b(), sec(0), sec(10)))))
	pair := mustNew(t, pattern(oAnd(a(), a())))
	cases := []struct {
		name string
		m    *Matcher
		o    Observation
		want bool
	}{
		{"first operand", single, oa(100), true},
		{"second operand in window", single, ob(5), true},
		{"second operand out of window", single, ob(10), false},
		{"neither", single, oc(5), false},
		{"correlation, one instance", pair, oa(0), false},
		{"correlation, two instances", pair, counted(oa(0), 2), true},
		{"invalid observation", single, counted(oa(0), -1), false},
	}
	for _, c := range cases {
		if got := c.m.MatchesOne(c.o); got != c.want {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

func TestInvalidObservations(t *testing.T) {
	m := mustNew(t, pattern(oAnd(a(), b())))
	bad := oa(0)
	bad.ID = "observed-data--1"
	bad.First = tm(sec(1))
	_, err := m.Match([]Observation{ob(0), bad})
	want := "observation 1 (observed-data--1): last_observed 2022-04-06T00:00:00Z is " +
		"before first_observed 2022-04-06T00:00:01Z"
	if err == nil || err.Error() != want {
		t.Errorf("got error %v, want %q", err, want)
	}
	_, err = m.Match([]Observation{counted(oa(0), -2)})
	want = "observation 0 (): number_observed -2 is negative"
	if err == nil || err.Error() != want {
		t.Errorf("got error %v, want %q", err, want)
	}
}

func TestNewErrors(t *testing.T) {
	pos := ast.Pos{Offset: 9, Line: 1, Column: 10}
	cases := []struct {
		name string
		p    *ast.Pattern
		want string
	}{
		{"nil", nil, "pattern: empty pattern"},
		{"WITHIN 0", pattern(&ast.QualifiedExpr{Expr: a(), Qualifier: &ast.WithinQualifier{
			Pos: pos, Seconds: num(0)}}),
			"pattern:1:10: WITHIN needs a positive number of seconds"},
		{"REPEATS 0", pattern(&ast.QualifiedExpr{Expr: a(), Qualifier: &ast.RepeatsQualifier{
			Pos: pos, Times: &ast.IntLit{Value: 0}}}),
			"pattern:1:10: REPEATS needs a positive count"},
		{"REPEATS too many", pattern(&ast.QualifiedExpr{Expr: a(),
			Qualifier: &ast.RepeatsQualifier{Pos: pos, Times: &ast.IntLit{Value: 5000}}}),
			"pattern:1:10: REPEATS 5000 TIMES exceeds the matcher's limit of 4096"},
	}
	for _, c := range cases {
		_, err := New(c.p)
		if err == nil || err.Error() != c.want {
			t.Errorf("%s: got error %v, want %q", c.name, err, c.want)
		}
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
	p := pattern(repeats(oAnd(a(), b()), 6))
	m, err := New(p, WithBudget(10000))
	if err != nil {
		t.Fatal(err)
	}
	r, err := m.Match(obs)
	if !errors.Is(err, ErrBudget) || r.Matched {
		t.Errorf("got %+v, %v; want no match and ErrBudget", r, err)
	}
}

func ExampleMatcher_Match() {
	// [ipv4-addr:value = '1.1.1.1'] FOLLOWEDBY [ipv4-addr:value = '2.2.2.2']
	m, err := New(pattern(fby(a(), b())))
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := m.Match([]Observation{ob(0), oa(1), ob(2), oc(3)})
	fmt.Println(r.Matched, r.Used, err)
	// Output: true [1 2] <nil>
}
