package tostix

import "strings"

// node is one step of the trie of the table's event paths. slot >= 0 captures the raw
// value found at this path; each marks the list of an Each group.
type node struct {
	path string // the dotted event path, for warnings
	kids map[string]*node
	slot int32
	each *eachList
}

// eachList marks the list path of an Each group: its elements are walked from root, with
// slots local to one element.
type eachList struct {
	group, alt int
	root       *node
}

func newNode(path string) *node { return &node{path: path, slot: -1} }

// walkCreate returns the node of a dotted path below n, creating the missing steps.
func walkCreate(n *node, path string) *node {
	if path == "" {
		return n
	}
	for _, seg := range strings.Split(path, ".") {
		if n.kids == nil {
			n.kids = map[string]*node{}
		}
		c := n.kids[seg]
		if c == nil {
			p := seg
			if n.path != "" {
				p = n.path + "." + seg
			}
			c = newNode(p)
			n.kids[seg] = c
		}
		n = c
	}
	return n
}

// emitNode is one key of an object's property tree; prop >= 0 for a leaf. A list node
// ("values[]" in the table) is written as a list holding one dictionary of its children.
type emitNode struct {
	key  string
	prop int
	list bool
	kids []*emitNode
}

// emitTree groups dotted property names into nested keys, in order of first appearance.
func emitTree(props []propDef) []*emitNode {
	var roots []*emitNode
	for i, p := range props {
		level := &roots
		for j, seg := range p.path {
			key, list := strings.CutSuffix(seg, "[]")
			var n *emitNode
			for _, e := range *level {
				if e.key == key {
					n = e
				}
			}
			if n == nil {
				n = &emitNode{key: key, prop: -1, list: list}
				*level = append(*level, n)
			}
			if j == len(p.path)-1 {
				n.prop = i
			}
			level = &n.kids
		}
	}
	return roots
}
