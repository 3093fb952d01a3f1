package main

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler"
	"github.com/stix2hunq/stix2hunq/compiler/mapping"
)

func init() {
	register("execute", "Run a stix-shifter execute call: translate, transmit, map to STIX.",
		func() any { return &executeCmd{} })
}

// executeCmd mirrors stix-shifter's `execute TRANSLATION TRANSMISSION IDENTITY CONNECTION
// CONFIGURATION PATTERN`: it hunts with the pattern and prints the bundle of the
// observed-data that match it. The translation options come, as in stix-shifter, from
// the connection's options: stix_2.1, time_range (minutes), result_limit and mapping.
type executeCmd struct {
	Translation   string `arg:"" enum:"reaqta" help:"Translation module (reaqta)."`
	Transmission  string `arg:"" enum:"reaqta" help:"Transmission module (reaqta)."`
	Identity      string `arg:"" help:"STIX identity object JSON."`
	Connection    string `arg:"" help:"CONNECTION JSON: host, port, selfSignedCert, options."`
	Configuration string `arg:"" help:"CONFIGURATION JSON: auth.app_id, auth.secret_key."`
	Pattern       string `arg:"" help:"The STIX pattern."`
}

// executeOptions are the translation options of a connection's options.
type executeOptions struct {
	STIX21    bool     `json:"stix_2.1"`
	TimeRange *float64 `json:"time_range"`
	Mapping   string   `json:"mapping"` // a field map file for the query translation
}

func (c *executeCmd) Run(io stdio) error {
	conn, err := parseConnection(c.Connection)
	if err != nil {
		return withCode(exitFailure, err)
	}
	var wrap struct {
		Options executeOptions `json:"options"`
	}
	if err := json.Unmarshal([]byte(c.Connection), &wrap); err != nil {
		return withCode(exitFailure, fmt.Errorf("CONNECTION: options: %w", err))
	}
	creds, err := parseConfiguration(c.Configuration)
	if err == nil && creds.AppID == "" && creds.Secret == "" {
		creds, err = envCredentials(os.Getenv)
	}
	if err != nil {
		return withCode(exitFailure, err)
	}
	j := &huntJob{pattern: c.Pattern, version: "2.0", format: "bundle",
		limit: conn.Options.resultLimit(), identity: c.Identity, conn: conn, creds: creds,
		compile: compiler.Options{Now: time.Now}}
	if wrap.Options.STIX21 {
		j.version = "2.1"
	}
	version := ast.V20
	if j.version == "2.1" {
		version = ast.V21
	}
	if j.compile.Sources, err = sources(nil, version); err != nil {
		return withCode(exitFailure, err)
	}
	if wrap.Options.Mapping != "" {
		m, err := mapping.LoadFile(mapping.Default(), wrap.Options.Mapping)
		if err != nil {
			return withCode(exitFailure, fmt.Errorf("CONNECTION: options.mapping: %w", err))
		}
		j.compile.Fields = m
	}
	if tr := wrap.Options.TimeRange; tr != nil {
		if *tr <= 0 {
			return withCode(exitFailure, fmt.Errorf("CONNECTION: options.time_range "+
				"must be positive"))
		}
		j.compile.TimeRange = time.Duration(*tr * float64(time.Minute))
	}
	return j.run(io)
}
