package tostix

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/google/uuid"
)

// Format is the layout a Writer writes.
type Format int

const (
	// Bundle writes one STIX bundle: the identity, then the objects of every observed-data
	// (in 2.1, each SCO once, before the first observed-data that refers to it), then the
	// observed-data, one object a line.
	Bundle Format = iota
	// NDJSON writes JSON lines: the identity, then per observed-data (in 2.1 after the
	// SCOs it refers to, repeated for every observed-data that refers to them) one line.
	NDJSON
)

// ParseFormat accepts "bundle" or "ndjson".
func ParseFormat(s string) (Format, error) {
	switch s {
	case "bundle", "":
		return Bundle, nil
	case "ndjson":
		return NDJSON, nil
	}
	return Bundle, fmt.Errorf("unknown format %q (want bundle or ndjson)", s)
}

// WriterOptions configure a Writer.
type WriterOptions struct {
	Format  Format
	Version Version
	// Identity is the STIX identity object that created_by_ref names; it is written first,
	// with spec_version added in 2.1 when it has none.
	Identity []byte
	// NewID gives the bundle id; nil means uuid.New.
	NewID func() uuid.UUID
}

// flushSize is the amount of buffered output that triggers a write.
const flushSize = 32 << 10

// Writer writes observed-data one at a time, as a bundle or as JSON lines, holding only
// the current output buffer (and, for a 2.1 bundle, the set of SCO ids already written).
//
// Limitation: a 2.1 bundle remembers every deterministic id it wrote, so its memory grows
// with the number of distinct addresses, files, users and so on (not with the number of
// events); JSON lines remember nothing and repeat the objects instead. An object whose id
// was written already is left out even when its other properties differ: the id says it
// is the same object, and the first one written stands for it.
type Writer struct {
	out      io.Writer
	opt      WriterOptions
	identity string // the identity's id, as JSON
	buf      []byte
	seen     map[string]struct{}
	enc      encoder
	n        int
	closed   bool
	err      error
}

// NewWriter checks the identity and starts the output (nothing reaches out before the
// first flush).
func NewWriter(out io.Writer, opt WriterOptions) (*Writer, error) {
	ident, id, err := identity(opt.Identity, opt.Version)
	if err != nil {
		return nil, err
	}
	if opt.NewID == nil {
		opt.NewID = uuid.New
	}
	w := &Writer{out: out, opt: opt, identity: id, seen: map[string]struct{}{}}
	if opt.Format == Bundle {
		w.buf = append(w.buf, `{"type":"bundle","id":"bundle--`...)
		w.buf = append(w.buf, opt.NewID().String()...)
		w.buf = append(w.buf, '"')
		if opt.Version == STIX20 {
			w.buf = append(w.buf, `,"spec_version":"2.0"`...)
		}
		w.buf = append(w.buf, `,"objects":[`+"\n"...)
	}
	w.buf = append(w.buf, ident...)
	w.end()
	return w, nil
}

// identity compacts the identity object and returns it with its id as a JSON string.
func identity(raw []byte, v Version) ([]byte, string, error) {
	var head struct {
		Type, ID    string
		SpecVersion *string `json:"spec_version"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, "", fmt.Errorf("identity: %w", err)
	}
	if head.Type != "identity" || len(head.ID) <= len("identity--") ||
		head.ID[:len("identity--")] != "identity--" {
		return nil, "", errors.New(`identity: want an object of type "identity" with an id`)
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return nil, "", fmt.Errorf("identity: %w", err)
	}
	b := bytes.TrimSpace(buf.Bytes())
	if v == STIX21 && head.SpecVersion == nil {
		b = append(b[:len(b)-1], `,"spec_version":"2.1"}`...)
	}
	return b, string(appendString(nil, head.ID)), nil
}

// Count returns the number of observed-data written.
func (w *Writer) Count() int { return w.n }

// Write writes one observed-data; one with no objects is left out.
func (w *Writer) Write(od *ObservedData) error {
	switch {
	case w.err != nil:
		return w.err
	case w.closed:
		return errors.New("tostix: write after close")
	case od.c.version != w.opt.Version:
		return fmt.Errorf("tostix: a STIX %v observed-data written to a %v writer",
			od.c.version, w.opt.Version)
	case od.Len() == 0:
		return nil
	}
	if od.c.version == STIX21 {
		w.appendSCOs(od)
	}
	w.sep()
	w.buf = w.appendObservedData(w.buf, od)
	w.end()
	w.n++
	if len(w.buf) >= flushSize {
		return w.Flush()
	}
	return nil
}

// sep separates the next object from the previous one in a bundle: a comma and a
// newline.
func (w *Writer) sep() {
	if w.opt.Format == Bundle {
		w.buf = append(w.buf, ",\n"...)
	}
}

// end ends an object's line in JSON lines, so that every line written, even of output
// cut short by an error, is whole.
func (w *Writer) end() {
	if w.opt.Format == NDJSON {
		w.buf = append(w.buf, '\n')
	}
}

// appendSCOs writes the 2.1 objects of od not yet written: in a bundle each id once, in
// JSON lines those of this observed-data.
func (w *Writer) appendSCOs(od *ObservedData) {
	e := w.encoder(od)
	for _, i := range od.uniq {
		if w.opt.Format == Bundle && od.det[i] {
			if _, ok := w.seen[od.ids[i]]; ok {
				continue
			}
			w.seen[od.ids[i]] = struct{}{}
		}
		w.sep()
		w.buf = e.appendObject(w.buf, int(i))
		w.end()
	}
}

func (w *Writer) appendObservedData(dst []byte, od *ObservedData) []byte {
	dst = append(dst, `{"type":"observed-data",`...)
	if od.c.version == STIX21 {
		dst = append(dst, `"spec_version":"2.1",`...)
	}
	dst = append(dst, `"id":"`...)
	dst = append(dst, od.ID...)
	dst = append(dst, `","created_by_ref":`...)
	dst = append(dst, w.identity...)
	dst = appendTimes(dst, od)
	dst = append(dst, `,"number_observed":1,`...)
	e := w.encoder(od)
	if od.c.version == STIX20 {
		dst = append(dst, `"objects":`...)
		return append(e.appendObjects20(dst), '}')
	}
	dst = append(dst, `"object_refs":[`...)
	for k, i := range od.uniq {
		if k > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, od.ids[i])
	}
	return append(dst, "]}"...)
}

// encoder returns the writer's encoder set to od, so that its scratch is reused.
func (w *Writer) encoder(od *ObservedData) *encoder {
	w.enc.c, w.enc.r, w.enc.ids = od.c, &od.res, nil
	if od.c.version == STIX21 {
		w.enc.ids = od.ids
	}
	return &w.enc
}

func appendTimes(dst []byte, od *ObservedData) []byte {
	dst = append(dst, `,"created":"`...)
	dst = append(dst, od.created...)
	dst = append(dst, `","modified":"`...)
	dst = append(dst, od.created...)
	dst = append(dst, `","first_observed":`...)
	dst = append(dst, od.first...)
	dst = append(dst, `,"last_observed":`...)
	return append(dst, od.first...)
}

// Flush writes the buffered output.
func (w *Writer) Flush() error {
	if w.err != nil {
		return w.err
	}
	if len(w.buf) > 0 {
		_, w.err = w.out.Write(w.buf)
		w.buf = w.buf[:0]
	}
	return w.err
}

// Close ends the output (the bundle's list and object) and flushes it. It does not close
// the underlying writer.
func (w *Writer) Close() error {
	if w.closed {
		return w.err
	}
	w.closed = true
	if w.opt.Format == Bundle {
		w.buf = append(w.buf, "\n]}\n"...)
	}
	return w.Flush()
}
