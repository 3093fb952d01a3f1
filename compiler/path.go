package compiler

import (
	"strconv"
	"strings"

	"github.com/stix2hunq/stix2hunq/ast"
)

// PropertyName writes an object path as "type:prop.sub[*].x": keys that are not plain
// identifiers in single quotes, list indexes as written.
func PropertyName(p *ast.ObjectPath) string {
	var b strings.Builder
	b.WriteString(p.ObjectType)
	b.WriteByte(':')
	writeSteps(&b, p.Steps, false)
	return b.String()
}

// propertyKey is PropertyName with every list index written [*]: the form field maps use.
func propertyKey(p *ast.ObjectPath) string {
	if len(p.Steps) == 1 && p.Steps[0].Kind == ast.KeyStep && plainKey(p.Steps[0].Key) {
		return p.Steps[0].Key
	}
	var b strings.Builder
	writeSteps(&b, p.Steps, true)
	return b.String()
}

func writeSteps(b *strings.Builder, steps []ast.PathStep, anyIndex bool) {
	for i, s := range steps {
		switch {
		case s.Kind == ast.AnyIndexStep || s.Kind == ast.IndexStep && anyIndex:
			b.WriteString("[*]")
		case s.Kind == ast.IndexStep:
			b.WriteString("[" + strconv.Itoa(s.Index) + "]")
		default:
			if i > 0 {
				b.WriteByte('.')
			}
			if plainKey(s.Key) {
				b.WriteString(s.Key)
			} else {
				b.WriteString("'" + s.Key + "'")
			}
		}
	}
}

// plainKey reports whether k needs no quotes in a path.
func plainKey(k string) bool {
	if k == "" {
		return false
	}
	for i, r := range k {
		letter := r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && (i == 0 || r < '0' || r > '9') {
			return false
		}
	}
	return true
}

// hasIndex reports whether p selects one member of a list ([n]).
func hasIndex(p *ast.ObjectPath) bool {
	for _, s := range p.Steps {
		if s.Kind == ast.IndexStep {
			return true
		}
	}
	return false
}

// hasReference reports whether p steps through a reference (a key ending in _ref or
// _refs). The mapping writes a referring object only when it has a property of its own,
// so an event can hold the value of x_ref.v without an object whose x_ref leads to it.
func hasReference(p *ast.ObjectPath) bool {
	for _, s := range p.Steps[:len(p.Steps)-1] {
		if s.Kind == ast.KeyStep &&
			(strings.HasSuffix(s.Key, "_ref") || strings.HasSuffix(s.Key, "_refs")) {
			return true
		}
	}
	return false
}
