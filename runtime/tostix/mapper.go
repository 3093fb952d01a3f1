package tostix

import (
	crand "crypto/rand"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/google/uuid"
)

// Options configure a Mapper.
type Options struct {
	// Version is the STIX version of the output.
	Version Version
	// NewID returns the random UUIDs of observed-data and of objects without
	// id-contributing properties; nil means version 4 UUIDs from a ChaCha8 generator
	// seeded by crypto/rand. Tests inject a sequence.
	NewID func() uuid.UUID
	// Now is the clock for created, modified and a missing first_observed; nil means
	// time.Now.
	Now func() time.Time
}

// Mapper maps events with a compiled table. A Mapper reuses its scratch between events:
// it is not safe for concurrent use (use one per goroutine).
type Mapper struct {
	c   *compiled
	opt Options
	st  *state
	x   xctx
	res result
	ids idMaker

	idbuf       []byte
	created     time.Time // the last created time and its text
	createdText string
}

// New compiles the embedded default table.
func New(opt Options) (*Mapper, error) { return Compile(DefaultTable(), opt) }

// Compile checks a table and compiles it for opt.Version.
func Compile(t *Table, opt Options) (*Mapper, error) {
	c, err := compileTable(t, opt.Version)
	if err != nil {
		return nil, err
	}
	if opt.NewID == nil {
		opt.NewID = randomIDs()
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	m := &Mapper{c: c, opt: opt, st: newState(c)}
	m.x.codes = c.codes
	m.ids = idMaker{c: c, newID: opt.NewID}
	return m, nil
}

// Version returns the STIX version the mapper writes.
func (m *Mapper) Version() Version { return m.c.version }

// Map maps one event (a JSON object) to an observed-data; index names the event in
// warnings. A value of the wrong type is skipped and reported in the result's Warnings;
// only a document that is not JSON is an error (*SyntaxError, with the offset in event).
// An event that yields no STIX object (not an object, or with no mapped value) gives an
// observed-data with Len 0, which a Writer skips.
func (m *Mapper) Map(event []byte, index int) (*ObservedData, error) {
	od := &ObservedData{}
	end, err := m.mapInto(od, event, index)
	if err != nil {
		err = syntaxError(event, err, 0)
	} else {
		if i := skipSpace(event, end); i < len(event) {
			err = &SyntaxError{Offset: int64(i), Msg: "data after the event"}
		}
	}
	if err != nil {
		return nil, err
	}
	return od, nil
}

// mapInto maps the event at the start of b into od, reusing od's storage, and returns
// the offset after the event, or a scan error (errShort when b ends inside the event).
// od does not refer to b afterwards.
func (m *Mapper) mapInto(od *ObservedData, b []byte, index int) (int, error) {
	m.st.reset()
	m.x.arena = m.x.arena[:0]
	w := walker{b: b, st: m.st}
	i := skipSpace(b, 0)
	end, err := w.event(m.c.root, i)
	if err != nil {
		return end, err
	}
	v := resolver{c: m.c, st: m.st, x: &m.x, r: &m.res, index: index}
	v.run()
	switch {
	case i < len(b) && b[i] != '{' && b[i] != 'n':
		m.res.warn(Warning{Event: index, Path: "(event)",
			Msg: "want an object, got " + kindOf(b[i:]) + "; the event is left out"})
	case i < len(b) && b[i] == '{' && len(m.res.objs) == 0:
		m.res.warn(Warning{Event: index, Path: "(event)",
			Msg: "no value maps to a STIX object; the event is left out"})
	}
	m.copyResult(od, index)
	m.envelope(od)
	if m.c.version == STIX21 {
		m.ids.r = &od.res
		od.ids, od.det = m.ids.all(od.ids, od.det)
		od.uniq = distinct(od.uniq[:0], od.ids)
	}
	return end, nil
}

// copyResult copies the mapper's current result into od's storage.
func (m *Mapper) copyResult(od *ObservedData, index int) {
	r, o := &m.res, &od.res
	od.c, od.Index = m.c, index
	size := 0
	for _, v := range r.vals {
		size += len(v)
	}
	if cap(od.arena) < size {
		od.arena = make([]byte, 0, size)
	}
	buf := od.arena[:0]
	o.vals = o.vals[:0]
	for _, v := range r.vals {
		if v == nil {
			o.vals = append(o.vals, nil)
			continue
		}
		n := len(buf)
		buf = append(buf, v...)
		o.vals = append(o.vals, buf[n:len(buf):len(buf)])
	}
	od.arena = buf
	o.objs = append(o.objs[:0], r.objs...)
	o.first = append(o.first[:0], r.first...)
	o.count = append(o.count[:0], r.count...)
	o.bits = r.bits
	od.Warnings = append(od.Warnings[:0], r.warnings...)
}

// envelope fills the id and times of od from the current result.
func (m *Mapper) envelope(od *ObservedData) {
	m.idbuf = appendUUID(append(m.idbuf[:0], "observed-data--"...), m.opt.NewID())
	od.ID = string(m.idbuf)
	now := m.opt.Now().UTC().Truncate(time.Millisecond)
	if !now.Equal(m.created) || m.createdText == "" {
		m.created, m.createdText = now, now.Format(stixTime)
	}
	od.Created, od.created = now, m.createdText
	od.First = now
	od.first = append(append(append(od.first[:0], '"'), m.createdText...), '"')
	if t := m.res.time; t != nil {
		if p, err := time.Parse(time.RFC3339Nano, peek(t)); err == nil {
			od.First, od.first = p, append(od.first[:0], t...)
		}
	}
	od.Last = od.First
}

// randomIDs returns a generator of version 4 UUIDs. It draws from a ChaCha8 stream
// seeded once by crypto/rand rather than reading crypto/rand per id, which costs as much
// as mapping a small event.
func randomIDs() func() uuid.UUID {
	var seed [32]byte
	_, _ = crand.Read(seed[:]) // crypto/rand.Read never fails (Go 1.24)
	r := rand.NewChaCha8(seed)
	return func() uuid.UUID {
		var u uuid.UUID
		_, _ = r.Read(u[:]) // ChaCha8.Read never fails
		u[6] = u[6]&0x0f | 0x40
		u[8] = u[8]&0x3f | 0x80
		return u
	}
}

// distinct appends the indices of the first object of each id.
func distinct(dst []int32, ids []string) []int32 {
	for i, id := range ids {
		dup := false
		for _, j := range dst {
			if ids[j] == id {
				dup = true
				break
			}
		}
		if !dup {
			dst = append(dst, int32(i))
		}
	}
	return dst
}

// syntaxError turns a scan error into a *SyntaxError with a stream offset.
func syntaxError(b []byte, err error, base int64) error {
	var se *scanErr
	if errors.As(err, &se) {
		return &SyntaxError{Offset: base + int64(se.off), Msg: se.msg}
	}
	if errors.Is(err, errShort) {
		return &SyntaxError{Offset: base + int64(len(b)), Msg: "unexpected end of input"}
	}
	return err
}
