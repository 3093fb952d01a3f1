package main

import (
	"bytes"
	"errors"
	"strings"

	"github.com/stix2hunq/stix2hunq/runtime/tostix"
)

func init() { registerTranslate("results", translateResults) }

// translateResults runs `translate reaqta results IDENTITY RESULTS [OPTIONS]`: it maps
// the result events (a JSON array, or JSON lines) to one STIX bundle, 2.1 with the
// stix_2.1 option. Values of the wrong type are reported on stderr and left out. A failure
// prints stix-shifter's error object, and nothing of the bundle.
func translateResults(io stdio, c *translateCmd, opts translateOptions) error {
	v := tostix.STIX20
	if opts.STIX21 {
		v = tostix.STIX21
	}
	t, err := resultsTable(opts.Mapping)
	if err != nil {
		return translateFailure(io, "invalid_parameter", err)
	}
	var out bytes.Buffer
	w, err := tostix.NewWriter(&out, tostix.WriterOptions{Version: v,
		Identity: []byte(c.Identity)})
	if err != nil {
		return translateFailure(io, "invalid_parameter", err)
	}
	if err := mapEvents(strings.NewReader(c.Data), w, t, v, io.err); err != nil {
		code := "mapping_error"
		var se *tostix.SyntaxError
		if errors.As(err, &se) {
			code = "invalid_parameter"
		}
		return translateFailure(io, code, err)
	}
	_, err = io.out.Write(out.Bytes())
	return err
}

// translateFailure prints stix-shifter's error object on stdout and the error on stderr.
func translateFailure(io stdio, code string, err error) error {
	f := transmitFailure{Connector: "reaqta", Code: code,
		Error: "reaqta connector error => " + err.Error()}
	if werr := writeJSONLine(io.out, f); werr != nil {
		return werr
	}
	return withCode(exitFailure, err)
}
