package tostix

import (
	"errors"
	"io"
	"strings"
)

// readSize is the initial size of the input buffer; it grows to hold the largest event.
const readSize = 64 << 10

// Translate maps the events read from r and writes each to w as soon as it is read: r
// holds a JSON array of events, or events one after another (JSON lines). warn, if not
// nil, receives every warning. It returns the number of events read; a document that is
// not JSON stops it with a *SyntaxError whose offset counts from the start of r. It does
// not close w.
func (m *Mapper) Translate(r io.Reader, w *Writer, warn func(Warning)) (int, error) {
	s := &stream{r: r, buf: make([]byte, 0, readSize)}
	od := &ObservedData{}
	c, err := s.peek()
	if err != nil || c == 0 {
		return 0, err
	}
	array := c == '['
	if array {
		s.pos++
	}
	n := 0
	for {
		more, err := s.next(array, n)
		if err != nil || !more {
			return n, err
		}
		if err := s.event(m, od, n); err != nil {
			return n, err
		}
		for _, wn := range od.Warnings {
			if warn != nil {
				warn(wn)
			}
		}
		n++
		if err := w.Write(od); err != nil {
			return n, err
		}
	}
}

// stream is a window on the input: buf[pos:] is unread, base is the input offset of buf[0].
type stream struct {
	r    io.Reader
	buf  []byte
	pos  int
	base int64
	eof  bool
}

// peek skips white space and returns the next byte, 0 at the end of the input.
func (s *stream) peek() (byte, error) {
	for {
		s.pos = skipSpace(s.buf, s.pos)
		if s.pos < len(s.buf) {
			return s.buf[s.pos], nil
		}
		if s.eof {
			return 0, nil
		}
		if err := s.fill(); err != nil {
			return 0, err
		}
	}
}

// next moves to the next event and reports whether there is one: in an array after the
// '[' or a ',', elsewhere after white space.
func (s *stream) next(array bool, n int) (bool, error) {
	c, err := s.peek()
	switch {
	case err != nil:
		return false, err
	case !array:
		return c != 0, nil
	case c == ']' && n == 0:
		s.pos++
		return false, s.end()
	}
	if n > 0 {
		switch c {
		case ']':
			s.pos++
			return false, s.end()
		case ',':
			s.pos++
			if c, err = s.peek(); err != nil {
				return false, err
			}
		case 0:
			return false, s.syntax(s.pos, "unexpected end of input, want ',' or ']'")
		default:
			return false, s.syntax(s.pos, "expected ',' or ']' after an event, found "+
				quoteByte(c))
		}
	}
	switch c {
	case 0:
		return false, s.syntax(s.pos, "unexpected end of input, want an event")
	case ',', ']':
		return false, s.syntax(s.pos, "expected an event, found "+quoteByte(c))
	}
	return true, nil
}

// end checks that nothing but white space follows the array.
func (s *stream) end() error {
	c, err := s.peek()
	if err != nil || c == 0 {
		return err
	}
	return s.syntax(s.pos, "data after the array of events")
}

// event maps the value at pos, reading more input while the value is incomplete.
func (s *stream) event(m *Mapper, od *ObservedData, index int) error {
	for {
		end, err := m.mapInto(od, s.buf[s.pos:], index)
		if err == nil {
			s.pos += end
			return nil
		}
		if !errors.Is(err, errShort) || s.eof {
			return s.clamp(syntaxError(s.buf[s.pos:], err, s.base+int64(s.pos)))
		}
		if err := s.fill(); err != nil {
			return err
		}
	}
}

// fill reads more input after the unread part, moving it to the front and growing the
// buffer when it is full. At the end of the input it appends one newline, so that a
// number at the very end is complete.
func (s *stream) fill() error {
	if s.pos > 0 {
		n := copy(s.buf, s.buf[s.pos:])
		s.base += int64(s.pos)
		s.buf, s.pos = s.buf[:n], 0
	}
	if len(s.buf) == cap(s.buf) {
		grown := make([]byte, len(s.buf), 2*cap(s.buf))
		copy(grown, s.buf)
		s.buf = grown
	}
	for {
		n, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+n]
		switch {
		case errors.Is(err, io.EOF):
			s.eof = true
			s.buf = append(s.buf, '\n')
			return nil
		case err != nil:
			return err
		case n > 0:
			return nil
		}
	}
}

func (s *stream) syntax(pos int, msg string) error {
	return s.clamp(&SyntaxError{Offset: s.base + int64(pos), Msg: msg})
}

// clamp reports an error found in the newline fill appended as the end of the input.
func (s *stream) clamp(err error) error {
	var se *SyntaxError
	if !s.eof || !errors.As(err, &se) {
		return err
	}
	if size := s.base + int64(len(s.buf)) - 1; se.Offset >= size {
		se.Offset = size
		if !strings.HasPrefix(se.Msg, "unexpected end of input") {
			se.Msg = "unexpected end of input"
		}
	}
	return se
}
