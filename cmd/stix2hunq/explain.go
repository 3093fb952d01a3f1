package main

func init() {
	register("explain", "Show how a STIX pattern compiles: the formula after each pass, "+
		"every mapping decision and widening, coverage gaps, windows and queries.",
		func() any { return &explainCmd{} })
}

// explainCmd prints everything the compiler decided for a pattern.
type explainCmd struct {
	patternFlags
	Strict bool `help:"Exit 4 after the explanation when the plan is inexact."`
}

func (c *explainCmd) Run(io stdio) error {
	plan, err := c.compile(io, true)
	if err != nil {
		return err
	}
	if err := plan.WriteExplain(io.out); err != nil {
		return err
	}
	if c.Strict && !plan.Exact {
		return withCode(exitUntranslated, nil)
	}
	return nil
}
