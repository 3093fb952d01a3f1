package tostix

import (
	"crypto/sha1"
	"encoding/hex"
	"strings"

	"github.com/google/uuid"
)

// namespaceSCO is the UUIDv5 namespace of STIX 2.1 deterministic identifiers.
var namespaceSCO = uuid.MustParse("00abedb4-aa42-466c-9c01-fed23315a9b7")

// idContributing lists, per STIX 2.1 cyber-observable type, the properties whose values
// name the object (STIX 2.1, section 2.9 and each object's definition). A type missing
// here (process, every custom x-* type), or an object that has none of them, gets a
// random (version 4) id.
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
	buf   []byte // the namespace, then the canonical JSON being hashed
	arena []byte // canonical values being gathered, used as a stack
	id    []byte // the id being spelled
}

// all computes every id into ids and det, reusing their storage.
func (m *idMaker) all(ids []string, det []bool) ([]string, []bool) {
	n := len(m.r.objs)
	m.ids, m.det = append(ids[:0], make([]string, n)...), append(det[:0], make([]bool, n)...)
	m.state = append(m.state[:0], make([]uint8, n)...)
	for i := 0; i < n; i++ {
		m.objectID(i)
	}
	return m.ids, m.det
}

func (m *idMaker) objectID(i int) string {
	if m.state[i] != 0 {
		return m.ids[i]
	}
	m.state[i] = 1
	d := m.c.objs[m.r.objs[i].def]
	var u uuid.UUID
	if m.canonical(d, m.r.values(m.c, i)) {
		u, m.det[i] = sha1UUID(m.buf), true
	} else {
		u = m.newID()
	}
	m.id = append(append(m.id[:0], d.typ...), "--"...)
	m.id = appendUUID(m.id, u)
	m.ids[i] = string(m.id)
	m.state[i] = 2
	return m.ids[i]
}

// sha1UUID is the version 5 UUID of a name, given as the namespace's 16 bytes followed by
// the name (RFC 9562, section 5.5).
func sha1UUID(nsName []byte) uuid.UUID {
	sum := sha1.Sum(nsName)
	var u uuid.UUID
	copy(u[:], sum[:])
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return u
}

func appendUUID(dst []byte, u uuid.UUID) []byte {
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:], u[10:])
	return append(dst, b[:]...)
}

// canonical writes into buf the namespace and the RFC 8785 JSON of the object's
// id-contributing properties, and reports whether it has any.
func (m *idMaker) canonical(d *objDef, vals [][]byte) bool {
	var arr [8]member
	ms := arr[:0]
	base := len(m.arena)
	defer func() { m.arena = m.arena[:base] }()
	for _, k := range idContributing[d.typ] {
		if v := m.contribution(d, vals, k); v != nil {
			ms = append(ms, member{k, v})
		}
	}
	if len(ms) == 0 {
		return false
	}
	m.buf = writeMembers(append(m.buf[:0], namespaceSCO[:]...), ms)
	return true
}

// contribution appends the canonical value of property k to the arena and returns it, or
// returns nil when the object has no such value. Values below the arena's length at the
// call are never overwritten, so the values gathered so far stay valid.
func (m *idMaker) contribution(d *objDef, vals [][]byte, k string) []byte {
	if strings.HasSuffix(k, "_ref") {
		return m.refContribution(d, k)
	}
	for _, n := range d.emit {
		if n.key != k {
			continue
		}
		off := len(m.arena)
		switch {
		case n.prop >= 0 && vals[n.prop] != nil:
			m.arena = canonicalRaw(m.arena, vals[n.prop])
		case n.prop >= 0:
		case k == "hashes":
			m.arena = chooseHash(m.arena, n, vals)
		default:
			m.arena = canonicalTree(m.arena, n, vals)
		}
		if len(m.arena) == off {
			return nil
		}
		return m.arena[off:len(m.arena):len(m.arena)]
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
		id := m.objectID(int(m.refs[0]))
		off := len(m.arena)
		m.arena = appendString(m.arena, id)
		return m.arena[off:len(m.arena):len(m.arena)]
	}
	return nil
}

// chooseHash appends one hash, the first of hashPreference present, else the first one.
func chooseHash(dst []byte, n *emitNode, vals [][]byte) []byte {
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
		return dst
	}
	dst = appendString(append(dst, '{'), pick.key)
	return append(canonicalRaw(append(dst, ':'), vals[pick.prop]), '}')
}

// canonicalTree appends the dictionary (or one-element list) of node n, nothing when it
// is empty.
func canonicalTree(dst []byte, n *emitNode, vals [][]byte) []byte {
	var arr [8]member
	ms := arr[:0]
	base := len(dst) // the children's values go here first, then the tree replaces them
	for _, k := range n.kids {
		off := len(dst)
		switch {
		case k.prop >= 0 && vals[k.prop] != nil:
			dst = canonicalRaw(dst, vals[k.prop])
		case k.prop < 0:
			dst = canonicalTree(dst, k, vals)
		}
		if len(dst) > off {
			ms = append(ms, member{k.key, dst[off:len(dst):len(dst)]})
		}
	}
	if len(ms) == 0 {
		return dst[:base]
	}
	tree := len(dst)
	if n.list {
		dst = append(writeMembers(append(dst, '['), ms), ']')
	} else {
		dst = writeMembers(dst, ms)
	}
	return dst[:base+copy(dst[base:], dst[tree:])]
}
