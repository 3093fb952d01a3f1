package compiler

import (
	"fmt"
	"io"
	"strings"

	"github.com/stix2hunq/stix2hunq/ast"
)

// WriteSummary writes the plan briefly: each query on a line of its own, preceded by a
// comment line naming its observations and window, then one comment line for whether the
// plan is exact, each widening, each unmapped comparison and each check left to the
// runtime. Observations are numbered from 1.
func (p *Plan) WriteSummary(w io.Writer) error {
	var b strings.Builder
	for i, q := range p.Queries {
		fmt.Fprintf(&b, "# query %d for observation%s %s; window %s\n", i+1,
			plural(len(q.Observations)), obsList(q.Observations), q.Window.describe())
		b.WriteString(q.Text)
		b.WriteByte('\n')
	}
	if p.Exact {
		b.WriteString("# exact: the queries select exactly the matching events\n")
	} else {
		b.WriteString("# inexact: the runtime evaluates the pattern on the events\n")
	}
	for _, x := range p.Widenings {
		fmt.Fprintf(&b, "# %s\n", x.describe())
	}
	for _, m := range p.Unmapped {
		fmt.Fprintf(&b, "# unmapped %s %s: %s, taken as false\n", m.Pos, m.Property,
			m.reason())
	}
	checks := p.Checks
	if !p.Exact {
		checks = checks[1:] // the first says that the runtime evaluates the pattern
	}
	for _, c := range checks {
		fmt.Fprintf(&b, "# check %s\n", c)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteExplain writes everything the compiler decided for the pattern: the pattern,
// each observation's formula after each pass (when compiled with Options.Trace), the
// mapping of each comparison, the widenings with their reasons, the unmapped properties,
// the coverage gaps, the windows, the queries and what the runtime must still check.
func (p *Plan) WriteExplain(w io.Writer) error {
	var b strings.Builder
	section := func(title string) { fmt.Fprintf(&b, "\n== %s\n", title) }
	fmt.Fprintf(&b, "pattern (STIX %s): %s\n", p.Pattern.Version, ast.Print(p.Pattern))
	if len(p.Trace) > 0 {
		section("passes")
		for _, s := range p.Trace {
			fmt.Fprintf(&b, "%-9s observation %d: %s\n", s.Pass, s.Observation+1, s.Expr)
		}
	}
	section("mapping")
	for _, d := range p.Decisions {
		fmt.Fprintf(&b, "%s %s\n    -> %s\n    %s\n", d.Pos, d.Comparison, d.Result, d.Note)
	}
	section("widenings")
	none(&b, len(p.Widenings))
	for _, x := range p.Widenings {
		fmt.Fprintf(&b, "observation %d: %s\n", x.Observation+1, x.describe())
	}
	section("unmapped")
	none(&b, len(p.Unmapped))
	for _, m := range p.Unmapped {
		fmt.Fprintf(&b, "observation %d: %s %s: %s, taken as false\n", m.Observation+1,
			m.Pos, m.Property, m.reason())
	}
	p.explainGaps(&b, section)
	section("windows")
	for i, o := range p.Observations {
		fmt.Fprintf(&b, "observation %d: %s\n", i+1, o.Window.describe())
	}
	section("queries")
	none(&b, len(p.Queries))
	for i, q := range p.Queries {
		fmt.Fprintf(&b, "%d (observation%s %s): %s\n", i+1, plural(len(q.Observations)),
			obsList(q.Observations), q.Text)
	}
	section("plan")
	if p.Exact {
		b.WriteString("exact: the queries select exactly the events that match\n")
	} else {
		b.WriteString("inexact:\n")
		for _, c := range p.Checks {
			fmt.Fprintf(&b, "  %s\n", c)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (p *Plan) explainGaps(b *strings.Builder, section func(string)) {
	section("coverage gaps")
	if p.Gaps == nil && !p.gapsKnown {
		b.WriteString("unknown: no description of the event sources was given\n")
		return
	}
	none(b, len(p.Gaps))
	for _, g := range p.Gaps {
		if g.Derived {
			fmt.Fprintf(b, "%s also comes from %s, derived from the value there, which no "+
				"field searching it finds\n", g.Property, g.EventPath)
			continue
		}
		fmt.Fprintf(b, "%s also comes from %s, which no field searching it reads\n",
			g.Property, g.EventPath)
	}
}

// reason says why a comparison on the property is false.
func (m Unmapped) reason() string {
	if m.Absent {
		return "the events never have it"
	}
	return "no HunQ field searches it"
}

func none(b *strings.Builder, n int) {
	if n == 0 {
		b.WriteString("none\n")
	}
}

// describe writes a widening for explain and summaries.
func (x Widening) describe() string {
	what := "widened"
	if x.Dropped {
		what = "widened to true"
	}
	return fmt.Sprintf("%s %s %s: %s", what, x.Pos, x.What, x.Reason)
}

// describe writes a window with what bounds it.
func (w Window) describe() string {
	return FormatTime(w.After) + " .. " + FormatTime(w.Before) + " (" + w.Origin + ")"
}

// obsList writes observation indexes from 1: "1, 3".
func obsList(obs []int) string {
	parts := make([]string, len(obs))
	for i, o := range obs {
		parts[i] = fmt.Sprint(o + 1)
	}
	return strings.Join(parts, ", ")
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
