package ast

import (
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
)

// Print writes the canonical pattern text of a node: single spaces around operators,
// "=" and "!=" for their two spellings, parentheses only where precedence needs them,
// quoted path keys only where a bare one would not read back, and literals in one form
// each (timestamps in UTC with the shortest fraction). Parsing the text of a parsed tree
// gives the same tree, positions aside.
func Print(n Node) string {
	var p printer
	p.node(n)
	return p.String()
}

type printer struct{ strings.Builder }

func (p *printer) node(n Node) {
	switch n := n.(type) {
	case *Pattern:
		p.observation(n.Expr, 0)
	case ObservationExpr:
		p.observation(n, 0)
	case Qualifier:
		p.qualifier(n)
	case ComparisonExpr:
		p.comparison(n, 0)
	case *ObjectPath:
		p.path(n)
	case Literal:
		p.literal(n)
	}
}

// Binding strengths: an operand binding looser than, or as loose as, its parent is put
// in parentheses, so that a tree written (a AND b) AND c keeps its shape.
const (
	bindFollowedBy = iota + 1
	bindOr
	bindAnd
	bindQualified
)

var observationBinding = [...]int{
	ObsFollowedBy: bindFollowedBy, ObsOr: bindOr, ObsAnd: bindAnd,
}

func (p *printer) observation(e ObservationExpr, parent int) {
	switch e := e.(type) {
	case *BracketExpr:
		p.WriteByte('[')
		p.comparison(e.Comparison, 0)
		p.WriteByte(']')
	case *ObservationBinaryExpr:
		b := observationBinding[e.Op]
		p.open(b <= parent)
		for i, o := range e.Operands {
			if i > 0 {
				p.WriteString(" " + e.Op.String() + " ")
			}
			p.observation(o, b)
		}
		p.close(b <= parent)
	case *QualifiedExpr:
		p.observation(e.Expr, bindQualified)
		p.WriteByte(' ')
		p.qualifier(e.Qualifier)
	}
}

func (p *printer) open(paren bool) {
	if paren {
		p.WriteByte('(')
	}
}

func (p *printer) close(paren bool) {
	if paren {
		p.WriteByte(')')
	}
}

func (p *printer) qualifier(q Qualifier) {
	switch q := q.(type) {
	case *StartStopQualifier:
		p.WriteString("START ")
		p.literal(q.Start)
		p.WriteString(" STOP ")
		p.literal(q.Stop)
	case *WithinQualifier:
		p.WriteString("WITHIN ")
		p.literal(q.Seconds)
		p.WriteString(" SECONDS")
	case *RepeatsQualifier:
		p.WriteString("REPEATS ")
		p.literal(q.Times)
		p.WriteString(" TIMES")
	}
}

func (p *printer) comparison(e ComparisonExpr, parent int) {
	switch e := e.(type) {
	case *ComparisonBinaryExpr:
		b := bindOr
		if e.Op == BoolAnd {
			b = bindAnd
		}
		p.open(b <= parent)
		for i, o := range e.Operands {
			if i > 0 {
				p.WriteString(" " + e.Op.String() + " ")
			}
			p.comparison(o, b)
		}
		p.close(b <= parent)
	case *CompareExpr:
		if e.Op == OpExists {
			p.WriteString("EXISTS ")
			p.path(e.Path)
			return
		}
		p.path(e.Path)
		if e.Negated {
			p.WriteString(" NOT")
		}
		p.WriteString(" " + e.Op.String() + " ")
		p.literal(e.Value)
	}
}

func (p *printer) path(o *ObjectPath) {
	if o == nil {
		return
	}
	p.WriteString(o.ObjectType)
	p.WriteByte(':')
	for i, s := range o.Steps {
		switch s.Kind {
		case KeyStep:
			if i > 0 {
				p.WriteByte('.')
			}
			p.key(s.Key)
		case IndexStep:
			p.WriteByte('[')
			p.WriteString(strconv.Itoa(s.Index))
			p.WriteByte(']')
		case AnyIndexStep:
			p.WriteString("[*]")
		}
	}
}

// key writes a path key bare when it reads back as the same key, else quoted.
func (p *printer) key(k string) {
	if IsBareKey(k) {
		p.WriteString(k)
		return
	}
	p.quote(k)
}

// IsBareKey reports whether a property name or dictionary key can be written without
// quotes: a letter or underscore, then letters, digits and underscores, and no keyword.
func IsBareKey(k string) bool {
	if k == "" || k == "true" || k == "false" || isKeyword(k) {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
		if !letter && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// isKeyword reports the reserved words of the grammar.
func isKeyword(k string) bool {
	switch k {
	case "AND", "OR", "NOT", "FOLLOWEDBY", "LIKE", "MATCHES", "ISSUPERSET", "ISSUBSET",
		"EXISTS", "LAST", "IN", "START", "STOP", "SECONDS", "WITHIN", "REPEATS", "TIMES":
		return true
	}
	return false
}

// quote writes s as a string literal: in single quotes, with \ and ' escaped.
func (p *printer) quote(s string) {
	p.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' || s[i] == '\'' {
			p.WriteByte('\\')
		}
		p.WriteByte(s[i])
	}
	p.WriteByte('\'')
}

func (p *printer) literal(l Literal) {
	switch l := l.(type) {
	case *StringLit:
		p.quote(l.Value)
	case *IntLit:
		p.WriteString(strconv.FormatInt(l.Value, 10))
	case *FloatLit:
		s := strconv.FormatFloat(l.Value, 'f', -1, 64)
		if !strings.Contains(s, ".") {
			s += ".0"
		}
		p.WriteString(s)
	case *BoolLit:
		p.WriteString(strconv.FormatBool(l.Value))
	case *TimestampLit:
		p.WriteString("t'" + l.Value.UTC().Format("2006-01-02T15:04:05.999999999Z") + "'")
	case *BinaryLit:
		p.WriteString("b'" + base64.StdEncoding.EncodeToString(l.Value) + "'")
	case *HexLit:
		p.WriteString("h'" + hex.EncodeToString(l.Value) + "'")
	case *SetLit:
		p.WriteByte('(')
		for i, el := range l.Elems {
			if i > 0 {
				p.WriteString(", ")
			}
			p.literal(el)
		}
		p.WriteByte(')')
	}
}
