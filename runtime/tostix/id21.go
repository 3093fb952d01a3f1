package tostix

import (
	"strings"

	"github.com/google/uuid"
)

// NamespaceSCO is the UUIDv5 namespace of STIX 2.1 deterministic identifiers.
var NamespaceSCO = uuid.MustParse("00abedb4-aa42-466c-9c01-fed23315a9b7")

// idContributing lists, per STIX 2.1 cyber-observable type, the properties whose values
// name the object (STIX 2.1, section 2.9 and each object's definition). A type missing
// here (process, x509 without serial or hashes, every custom x-* type), or an object that
// has none of them, gets a random (version 4) id.
var idContributing = map[string][]string{
	"artifact":          {"hashes", "payload_bin"},
	"autonomous-system": {"number"},
	"directory":         {"path"},
	"domain-name":       {"value"},
	"email-addr":        {"value"},
	"email-message":     {"from_ref", "subject", "body"},
	"file":              {"hashes", "name", "extensions", "parent_directory_ref"},
	"ipv4-addr":         {"value"},
	"ipv6-addr":         {"value"},
	"mac-addr":          {"value"},
	"mutex":             {"name"},
	"network-traffic": {"start", "end", "src_ref", "dst_ref", "src_port", "dst_port",
		"protocols", "extensions"},
	"software":             {"name", "cpe", "swid", "vendor", "version"},
	"url":                  {"value"},
	"user-account":         {"account_type", "user_id", "account_login"},
	"windows-registry-key": {"key", "values"},
	"x509-certificate":     {"hashes", "serial_number"},
}

// IDContributing returns the STIX 2.1 id-contributing properties of an object type, nil
// for a type whose ids are random.
func IDContributing(typ string) []string { return append([]string(nil), idContributing[typ]...) }

// hashPreference is the order in which one hash is chosen to name an object.
var hashPreference = []string{"MD5", "SHA-1", "SHA-256", "SHA-512"}

// idMaker computes the 2.1 ids of one event's objects.
type idMaker struct {
	c     *compiled
	r     *result
	newID func() uuid.UUID
	ids   []string
	det   []bool  // the id is deterministic
	state []uint8 // 0 new, 1 in progress, 2 done
	refs  []int32
}

// all computes every id into ids and det, reusing their storage.
func (m *idMaker) all(ids []string, det []bool) ([]string, []bool) {
	n := len(m.r.objs)
	m.ids, m.det = append(ids[:0], make([]string, n)...), append(det[:0], make([]bool, n)...)
	m.state = append(m.state[:0], make([]uint8, n)...)
	for i := 0; i < n; i++ {
		m.id(i)
	}
	return m.ids, m.det
}

func (m *idMaker) id(i int) string {
	if m.state[i] != 0 {
		return m.ids[i]
	}
	m.state[i] = 1
	d := m.c.objs[m.r.objs[i].def]
	var u uuid.UUID
	if name := m.canonical(d, m.r.values(m.c, i)); name != nil {
		u, m.det[i] = uuid.NewSHA1(NamespaceSCO, name), true
	} else {
		u = m.newID()
	}
	m.ids[i] = d.typ + "--" + u.String()
	m.state[i] = 2
	return m.ids[i]
}

// canonical returns the RFC 8785 JSON of the object's id-contributing properties, or nil.
func (m *idMaker) canonical(d *objDef, vals [][]byte) []byte {
	var ms []member
	for _, k := range idContributing[d.typ] {
		if v := m.contribution(d, vals, k); v != nil {
			ms = append(ms, member{k, v})
		}
	}
	if len(ms) == 0 {
		return nil
	}
	return writeMembers(nil, ms)
}

func (m *idMaker) contribution(d *objDef, vals [][]byte, k string) []byte {
	if strings.HasSuffix(k, "_ref") {
		return m.refContribution(d, k)
	}
	for _, n := range d.emit {
		if n.key != k {
			continue
		}
		switch {
		case n.prop >= 0 && vals[n.prop] != nil:
			return canonicalRaw(nil, vals[n.prop])
		case n.prop >= 0:
			return nil
		case k == "hashes":
			return chooseHash(n, vals)
		}
		return canonicalTree(n, vals)
	}
	return nil
}

// refContribution is the id of the object a reference points at.
func (m *idMaker) refContribution(d *objDef, k string) []byte {
	for ri := range d.refs {
		if d.refs[ri].name != k {
			continue
		}
		m.refs = m.r.targets(m.refs[:0], &d.refs[ri])
		if len(m.refs) == 0 || m.state[m.refs[0]] == 1 {
			return nil
		}
		return appendString(nil, m.id(int(m.refs[0])))
	}
	return nil
}

// chooseHash keeps one hash, the first of hashPreference present, else the first one.
func chooseHash(n *emitNode, vals [][]byte) []byte {
	var pick *emitNode
	rank := len(hashPreference)
	for _, h := range n.kids {
		if h.prop < 0 || vals[h.prop] == nil {
			continue
		}
		r := len(hashPreference)
		for i, p := range hashPreference {
			if h.key == p {
				r = i
			}
		}
		if pick == nil || r < rank {
			pick, rank = h, r
		}
	}
	if pick == nil {
		return nil
	}
	return writeMembers(nil, []member{{pick.key, canonicalRaw(nil, vals[pick.prop])}})
}

// canonicalTree writes the dictionary (or one-element list) of node n, nil when empty.
func canonicalTree(n *emitNode, vals [][]byte) []byte {
	var ms []member
	for _, k := range n.kids {
		var v []byte
		switch {
		case k.prop >= 0 && vals[k.prop] != nil:
			v = canonicalRaw(nil, vals[k.prop])
		case k.prop < 0:
			v = canonicalTree(k, vals)
		}
		if v != nil {
			ms = append(ms, member{k.key, v})
		}
	}
	if len(ms) == 0 {
		return nil
	}
	obj := writeMembers(nil, ms)
	if n.list {
		return append(append([]byte{'['}, obj...), ']')
	}
	return obj
}
