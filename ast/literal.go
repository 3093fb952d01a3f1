package ast

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/stix2hunq/stix2hunq/grammar"
)

// literal decodes one literal token. It returns nil, having recorded why, when the text
// is not a valid literal of its kind.
func (lw *lowerer) literal(tok lexer.Token) Literal {
	pos, text := posOf(tok.Pos), tok.Value
	switch tok.Type {
	case grammar.String:
		return &StringLit{Pos: pos, Value: unquote(text)}
	case grammar.Int:
		return lw.intLit(pos, text)
	case grammar.Float:
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			lw.errorf(pos, "float %s is out of range", text)
			return nil
		}
		return &FloatLit{Pos: pos, Value: f}
	case grammar.Bool:
		return &BoolLit{Pos: pos, Value: text == "true"}
	case grammar.Timestamp:
		t, err := parseTimestamp(pos, text)
		if err != nil {
			lw.errs = append(lw.errs, err)
			return nil
		}
		return &TimestampLit{Pos: pos, Value: t}
	case grammar.Binary:
		return lw.binaryLit(pos, text)
	default:
		return lw.hexLit(pos, text)
	}
}

// plainInteger reports whether s is [+-]?(0|[1-9][0-9]*), the grammar's integer.
func plainInteger(s string) bool {
	s = strings.TrimLeft(s, "+-")
	return s != "" && (s == "0" || s[0] != '0')
}

func (lw *lowerer) intLit(pos Pos, text string) Literal {
	if !plainInteger(text) {
		lw.errorf(pos, "integer %s has a leading zero", text)
		return nil
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		lw.errorf(pos, "integer %s does not fit in 64 bits", text)
		return nil
	}
	return &IntLit{Pos: pos, Value: n}
}

// unquote decodes a string literal's text, quotes included. The scanner has already
// refused every escape but \' and \\.
func unquote(raw string) string {
	s := raw[1 : len(raw)-1]
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// isBase64 reports whether c is one of the grammar's base64 characters (or padding).
func isBase64(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' ||
		c == '+' || c == '/' || c == '='
}

func (lw *lowerer) binaryLit(pos Pos, raw string) Literal {
	text := raw[2 : len(raw)-1]
	if text == "" {
		lw.errorf(pos, "binary literal b'' is empty: expected base64 text")
		return nil
	}
	for i := 0; i < len(text); i++ {
		if !isBase64(text[i]) {
			lw.errorf(inLiteral(pos, 2+i), "invalid base64 in binary literal: "+
				"unexpected character %s", quoteByte(text, i))
			return nil
		}
	}
	v, err := base64.StdEncoding.Strict().DecodeString(text)
	if err != nil {
		at := len(text) - 1
		var ce base64.CorruptInputError
		if errors.As(err, &ce) && int(ce) < len(text) {
			at = int(ce)
		}
		lw.errorf(inLiteral(pos, 2+at), "invalid base64 in binary literal %s: it needs "+
			"groups of four characters, padded with =", raw)
		return nil
	}
	return &BinaryLit{Pos: pos, Value: v}
}

func (lw *lowerer) hexLit(pos Pos, raw string) Literal {
	text := raw[2 : len(raw)-1]
	for i := 0; i < len(text); i++ {
		if !isHexDigit(text[i]) {
			lw.errorf(inLiteral(pos, 2+i), "invalid hex literal: %s is not a hex digit",
				quoteByte(text, i))
			return nil
		}
	}
	if len(text)%2 != 0 {
		lw.errorf(pos, "invalid hex literal %s: it needs an even number of digits", raw)
		return nil
	}
	v, _ := hex.DecodeString(text)
	return &HexLit{Pos: pos, Value: v}
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// inLiteral is the position of the byte at offset off of a literal starting at pos. It
// is only used where every byte before off is a single-column ASCII character.
func inLiteral(pos Pos, off int) Pos {
	return Pos{Offset: pos.Offset + off, Line: pos.Line, Column: pos.Column + off}
}

// quoteByte shows the character at s[i] for a message.
func quoteByte(s string, i int) string {
	r := []rune(s[i:])[0]
	return strconv.QuoteRune(r)
}

// kindName names the kind of a literal, with its article, for messages.
func kindName(l Literal) string {
	switch l.(type) {
	case *StringLit:
		return "a string"
	case *IntLit:
		return "an integer"
	case *FloatLit:
		return "a float"
	case *BoolLit:
		return "a boolean"
	case *TimestampLit:
		return "a timestamp"
	case *BinaryLit:
		return "a binary literal"
	case *HexLit:
		return "a hex literal"
	case *SetLit:
		return "a set"
	}
	return "no value"
}
