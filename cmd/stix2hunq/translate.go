package main

import (
	"encoding/json"
	"fmt"
	"sort"
)

func init() {
	register("translate", "Run a stix-shifter translation call: query or results.",
		func() any { return &translateCmd{} })
}

// translateCmd mirrors stix-shifter's `translate MODULE ACTION IDENTITY DATA [OPTIONS]` for
// the reaqta module: `query '{}' PATTERN` compiles a pattern, `results IDENTITY RESULTS`
// maps result events to a STIX bundle.
type translateCmd struct {
	Module   string `arg:"" enum:"reaqta" help:"Connector module (reaqta)."`
	Action   string `arg:"" enum:"query,results" help:"query or results."`
	Identity string `arg:"" help:"STIX identity object JSON ('{}' for query)."`
	Data     string `arg:"" help:"The STIX pattern (query) or the result events JSON (results)."`
	Options  string `arg:"" optional:"" default:"{}" help:"OPTIONS JSON."`
	Complete bool   `help:"query: widen comparisons on properties with unsearched sources."`
}

// translateOptions are the keys of stix-shifter's OPTIONS JSON that translation reads;
// other keys are accepted and ignored, as stix-shifter's other modules may set them.
type translateOptions struct {
	STIX21          bool            `json:"stix_2.1"`
	TimeRange       *float64        `json:"time_range"`       // minutes before now
	ResultLimit     int             `json:"result_limit"`     // transmission only
	ValidatePattern bool            `json:"validate_pattern"` // refuse invalid patterns
	Mapping         json.RawMessage `json:"mapping"`          // a field map or its path
}

// translateAction runs one action of translate; each action's file registers its own.
type translateAction func(io stdio, c *translateCmd, opts translateOptions) error

var translateActions = map[string]translateAction{}

func registerTranslate(action string, run translateAction) { translateActions[action] = run }

func (c *translateCmd) Run(io stdio) error {
	run, ok := translateActions[c.Action]
	if !ok {
		names := make([]string, 0, len(translateActions))
		for n := range translateActions {
			names = append(names, n)
		}
		sort.Strings(names)
		return withCode(exitFailure, fmt.Errorf("translate: unknown action %q (have %v)",
			c.Action, names))
	}
	var opts translateOptions
	if err := strictJSON(c.Options, &opts); err != nil {
		return withCode(exitFailure, fmt.Errorf("OPTIONS: %w", err))
	}
	if opts.TimeRange != nil && *opts.TimeRange <= 0 {
		return withCode(exitFailure, fmt.Errorf("OPTIONS: time_range must be positive"))
	}
	return run(io, c, opts)
}
