package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/stix2hunq/stix2hunq/compiler/hunq"
	"github.com/stix2hunq/stix2hunq/runtime/hunt"
)

// handleHunt answers POST /rqt-api/1/events/hunt?count=N[&cursor=C] with
// {"result","nextPage","remainingItems"}.
func (s *Server) handleHunt(w http.ResponseWriter, r *http.Request) {
	if !s.authorize(w, r) {
		return
	}
	s.hunts.Add(1)
	count, err := pageCount(r.URL.Query().Get("count"))
	if err != nil {
		s.reject(w, http.StatusBadRequest, err.Error())
		return
	}
	query, err := queryOf(r)
	if err != nil {
		s.reject(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	set, pos, status, err := s.resultSet(r.URL.Query().Get("cursor"), query)
	if err != nil {
		s.reject(w, status, err.Error())
		return
	}
	end := min(pos+count, len(set.matches))
	next := ""
	if end < len(set.matches) {
		next = s.nextPage(r, count, s.cursors.cursor(set, end))
	}
	body := s.page(set.matches[pos:end], next, len(set.matches)-end)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

func (s *Server) reject(w http.ResponseWriter, status int, msg string) {
	s.rejected.Add(1)
	writeError(w, status, msg)
}

// Limitation: the real API's status for a count above 500 or a bad cursor is unknown; the
// emulator answers 400 with a message.
func pageCount(v string) (int, error) {
	if v == "" {
		return hunt.MaxPageSize, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > hunt.MaxPageSize {
		return 0, fmt.Errorf("count must be an integer from 1 to %d, not %q", hunt.MaxPageSize, v)
	}
	return n, nil
}

// queryOf reads the query from a JSON body {"query": ...} or a form.
func queryOf(r *http.Request) (string, error) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return "", err
	}
	var q string
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		vals, err := url.ParseQuery(string(body))
		if err != nil {
			return "", errors.New("malformed form body")
		}
		q = vals.Get("query")
	} else {
		var b struct {
			Query *string `json:"query"`
		}
		if err := json.Unmarshal(body, &b); err != nil {
			return "", errors.New("malformed JSON body: " + err.Error())
		}
		if b.Query != nil {
			q = *b.Query
		}
	}
	if strings.TrimSpace(q) == "" {
		return "", errors.New("query is required")
	}
	return q, nil
}

// resultSet returns the matches of query and the position to serve from: a new set, or
// the one a cursor names. The status goes with the error.
func (s *Server) resultSet(cursor, query string) (*resultSet, int, int, error) {
	if cursor != "" {
		set, pos, err := s.cursors.lookup(cursor)
		if err != nil {
			return nil, 0, http.StatusBadRequest, err
		}
		if set.query != query {
			return nil, 0, http.StatusBadRequest,
				errors.New("cursor does not belong to this query")
		}
		return set, pos, 0, nil
	}
	n, err := hunq.Parse(query)
	if err != nil {
		return nil, 0, http.StatusUnprocessableEntity, err
	}
	q, err := hunq.Compile(n, s.opts.Catalog)
	if err != nil {
		return nil, 0, http.StatusUnprocessableEntity, err
	}
	set := &resultSet{query: query}
	for i := range s.events {
		if q.Match(s.events[i].Doc) {
			set.matches = append(set.matches, int32(i))
		}
	}
	return set, 0, 0, nil
}

// nextPage is the absolute URL of the next page: the hunt path with count and cursor.
//
// Limitation: the real nextPage's parameters are unknown; clients that keep its query
// string, as stix-shifter's and ours do, are not affected. A GET on it, as ReaQta's
// JavaScript client does, is answered 405.
func (s *Server) nextPage(r *http.Request, count int, cursor string) string {
	base := s.opts.PublicURL
	if base == "" {
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		base = scheme + "://" + r.Host
	}
	q := url.Values{"count": {strconv.Itoa(count)}, "cursor": {cursor}}
	return strings.TrimSuffix(base, "/") + hunt.HuntPath + "?" + q.Encode()
}

// page renders the body of one page, copying the stored JSON of each event.
func (s *Server) page(idx []int32, next string, remaining int) []byte {
	nextJSON, _ := json.Marshal(next)
	size := 64 + len(nextJSON)
	for _, k := range idx {
		size += len(s.events[k].Raw) + 1
	}
	b := make([]byte, 0, size)
	b = append(b, `{"result":[`...)
	for i, k := range idx {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, s.events[k].Raw...)
	}
	b = append(b, `],"nextPage":`...)
	b = append(b, nextJSON...)
	b = append(b, `,"remainingItems":`...)
	b = strconv.AppendInt(b, int64(remaining), 10)
	return append(b, '}')
}
