package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/stix2hunq/stix2hunq/runtime/tostix"
)

// defaultIdentity is the identity that the native commands name as the creator of their
// observed-data when none is given.
const defaultIdentity = `{"type":"identity",` +
	`"id":"identity--2f3a5e4c-3b8d-5d0e-9a57-6c1f0e9b7a21","name":"IBM QRadar EDR",` +
	`"identity_class":"system",` +
	`"created":"2024-01-01T00:00:00.000Z","modified":"2024-01-01T00:00:00.000Z"}`

// readTable reads a table file for the event -> STIX mapper.
func readTable(path string) (*tostix.Table, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	t, err := tostix.ParseTable(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// resultsTable is the table named by the OPTIONS mapping: "to_stix_map" holds a table
// (replacing or extending the embedded one) or the path of a table file. Without it the
// embedded table is used; other members belong to the query translation.
func resultsTable(mapping json.RawMessage) (*tostix.Table, error) {
	var m struct {
		ToSTIX json.RawMessage `json:"to_stix_map"`
	}
	if len(mapping) == 0 || json.Unmarshal(mapping, &m) != nil || len(m.ToSTIX) == 0 {
		return tostix.DefaultTable(), nil
	}
	var path string
	if json.Unmarshal(m.ToSTIX, &path) == nil {
		return readTable(path)
	}
	t, err := tostix.ParseTable(m.ToSTIX)
	if err != nil {
		return nil, fmt.Errorf("mapping.to_stix_map: %w", err)
	}
	return t, nil
}

// mapEvents maps the events of r to w, printing each warning to warn; it flushes what
// was written when it stops on an error, and closes w otherwise.
func mapEvents(r io.Reader, w *tostix.Writer, t *tostix.Table, v tostix.Version,
	warn io.Writer) error {
	m, err := tostix.Compile(t, tostix.Options{Version: v})
	if err != nil {
		return err
	}
	_, err = m.Translate(r, w, func(wn tostix.Warning) {
		fmt.Fprintf(warn, "stix2hunq: warning: %v\n", wn)
	})
	if err != nil {
		return errors.Join(err, w.Flush())
	}
	return w.Close()
}
