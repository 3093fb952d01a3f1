package main

import (
	"fmt"
	"os"

	"github.com/stix2hunq/stix2hunq/runtime/tostix"
)

func init() {
	register("map", "Map QRadar EDR events (a JSON array or JSON lines) to STIX.",
		func() any { return &mapCmd{} })
}

// mapCmd maps events from a file or standard input to a STIX bundle or to JSON lines,
// writing while it reads.
type mapCmd struct {
	STIXVersion string `name:"stix-version" enum:"2.0,2.1" default:"2.0" help:"STIX version."`
	Format      string `enum:"bundle,ndjson" default:"bundle" help:"One bundle, or JSON lines."`
	Identity    string `help:"STIX identity JSON that created_by_ref names."`
	Table       string `type:"path" help:"Mapping table file (replaces or extends the default)."`
	Input       string `arg:"" optional:"" default:"-" help:"Events file; - is stdin."`
}

func (c *mapCmd) Run(io stdio) error {
	v, err := tostix.ParseVersion(c.STIXVersion)
	if err != nil {
		return err
	}
	f, err := tostix.ParseFormat(c.Format)
	if err != nil {
		return err
	}
	t := tostix.DefaultTable()
	if c.Table != "" {
		if t, err = readTable(c.Table); err != nil {
			return err
		}
	}
	ident := c.Identity
	if ident == "" {
		ident = defaultIdentity
	}
	w, err := tostix.NewWriter(io.out, tostix.WriterOptions{Format: f, Version: v,
		Identity: []byte(ident)})
	if err != nil {
		return err
	}
	in, name := io.in, "standard input"
	if c.Input != "-" {
		file, err := os.Open(c.Input)
		if err != nil {
			return err
		}
		defer file.Close()
		in, name = file, c.Input
	}
	if err := mapEvents(in, w, t, v, io.err); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
