package emulator

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"sync"
)

// resultSet is the evaluated answer to one query, kept while it is paged through.
type resultSet struct {
	id      string
	query   string
	matches []int32 // indices of the matching events, in serving order
}

// cursorStore keeps the result sets that have more pages, dropping the oldest beyond a
// bound: a cursor is "<set id>.<position>".
type cursorStore struct {
	mu    sync.Mutex
	max   int
	sets  map[string]*resultSet
	order []string
}

func newCursorStore(max int) *cursorStore {
	return &cursorStore{max: max, sets: map[string]*resultSet{}}
}

// cursor returns the cursor of position pos in set, storing the set on first use.
func (c *cursorStore) cursor(set *resultSet, pos int) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if set.id == "" {
		b := make([]byte, 12)
		_, _ = rand.Read(b)
		set.id = hex.EncodeToString(b)
		c.sets[set.id] = set
		c.order = append(c.order, set.id)
		for len(c.order) > c.max {
			delete(c.sets, c.order[0])
			c.order = c.order[1:]
		}
	}
	return set.id + "." + strconv.Itoa(pos)
}

var errCursor = errors.New("invalid or expired cursor")

func (c *cursorStore) lookup(cursor string) (*resultSet, int, error) {
	id, p, ok := strings.Cut(cursor, ".")
	pos, err := strconv.Atoi(p)
	if !ok || err != nil || pos < 0 {
		return nil, 0, errCursor
	}
	c.mu.Lock()
	set := c.sets[id]
	c.mu.Unlock()
	if set == nil || pos > len(set.matches) {
		return nil, 0, errCursor
	}
	return set, pos, nil
}
