package match

import (
	"fmt"

	"github.com/stix2hunq/stix2hunq/ast"
)

func ExampleComparison_Roots() {
	// ipv4-addr:value != '1.1.1.1' holds at each address object that differs.
	c, err := CompileComparison(cmpE(path("ipv4-addr", key("value")), ast.OpNotEqual,
		str("1.1.1.1")))
	if err != nil {
		fmt.Println(err)
		return
	}
	o := at("2022-04-06T00:00:00Z", twoIPs("1.1.1.1", "2.2.2.2"))
	fmt.Println(c.Holds(&o), c.Roots(&o))
	// Output: true [1]
}

func ExampleMatcher_MatchesOne() {
	// [ipv4-addr:value = '1.1.1.1'] OR [ipv4-addr:value = '2.2.2.2']
	m, err := New(pattern(oOr(a(), b())))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.SingleObservation(), m.MatchesOne(ob(0)), m.MatchesOne(oc(0)))
	// Output: true true false
}

func ExampleMatcher_Match() {
	p, err := ast.Parse("[ipv4-addr:value = '1.1.1.1'] FOLLOWEDBY [ipv4-addr:value = '2.2.2.2']",
		ast.ParseOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := New(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	// 2.2.2.2 at 0s comes before every 1.1.1.1; 3.3.3.3 matches no bracket.
	r, err := m.Match([]Observation{ob(0), oa(1), ob(2), oc(3)})
	fmt.Println(r.Matched, r.Used, err)
	// Output: true [1 2] <nil>
}
