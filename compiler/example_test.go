package compiler_test

import (
	"fmt"
	"strings"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler"
)

func ExampleCompile() {
	p, err := ast.Parse("[x-reaqta-event:task_name IN ('Updater', 'say \"hi\"')] "+
		"START t'2024-01-01T00:00:00Z' STOP t'2024-01-02T00:00:00Z'", ast.ParseOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	plan, err := compiler.Compile(p, compiler.Options{Parsed: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	// One condition a line, for reading:
	fmt.Println(strings.ReplaceAll(plan.Queries[0].Text, " AND ", "\nAND "))
	fmt.Println("exact:", plan.Exact)
	fmt.Println(plan.Widenings[0].Reason)
	// Output:
	// (task.name = "Updater" OR task.name = "say \"hi\"")
	// AND happenedAfter = "2024-01-01T00:00:00.000Z"
	// AND happenedBefore = "2024-01-02T00:00:00.000Z"
	// exact: false
	// STOP is exclusive, happenedBefore inclusive: events at STOP are also selected
}
