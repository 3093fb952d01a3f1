package hunt

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"net/url"
	"strconv"
)

// Search is one hunt: a HunQ query and the window of its results to return, as stix-shifter's
// `results QUERY OFFSET LENGTH` defines it: the events at indices [Offset, Offset+Length)
// of the server's answer. Events before Offset are fetched and dropped, since the Hunt API
// has no offset parameter. Config.ResultLimit, if positive, caps Offset+Length.
type Search struct {
	// Query is the HunQ text, sent as is.
	Query string
	// Offset is the index of the first event to return; it must not be negative.
	Offset int
	// Length is the number of events to return: 0 returns none without a request, and
	// [Unbounded] (any negative value) returns all up to Config.ResultLimit.
	Length int
}

// Limitation: the Hunt API has no offset parameter that is known, so a window far into the
// results costs the pages before it: they are fetched and dropped.

// Unbounded is a [Search.Length] that asks for every result (up to Config.ResultLimit).
const Unbounded = -1

// Page is one page of results, trimmed to the search's window.
type Page struct {
	// Events are the raw event objects, in the server's order.
	Events []json.RawMessage
	// Number counts the pages fetched for this search, from 0.
	Number int
	// Remaining is the server's remainingItems after this page, or -1 if it sent none.
	Remaining int
}

// huntAnswer is the body of a 200 answer to a hunt.
type huntAnswer struct {
	Result         []json.RawMessage `json:"result"`
	NextPage       string            `json:"nextPage"`
	RemainingItems *int              `json:"remainingItems"`
}

// Pages runs s and yields its pages as they arrive, following nextPage until the window is
// full or the server has no more. An error ends the sequence; it is an [*Error].
func (c *Client) Pages(ctx context.Context, s Search) iter.Seq2[Page, error] {
	return func(yield func(Page, error) bool) {
		if err := c.pages(ctx, s, func(p Page) bool { return yield(p, nil) }); err != nil {
			yield(Page{}, err)
		}
	}
}

// Events runs s and yields its events one by one; see [Client.Pages].
func (c *Client) Events(ctx context.Context, s Search) iter.Seq2[json.RawMessage, error] {
	return func(yield func(json.RawMessage, error) bool) {
		for p, err := range c.Pages(ctx, s) {
			if err != nil {
				yield(nil, err)
				return
			}
			for _, ev := range p.Events {
				if !yield(ev, nil) {
					return
				}
			}
		}
	}
}

// Collect runs s and returns all the events of its window.
func (c *Client) Collect(ctx context.Context, s Search) ([]json.RawMessage, error) {
	out := []json.RawMessage{}
	for ev, err := range c.Events(ctx, s) {
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, nil
}

// window returns the half-open range of result indices to return; end < 0 means no end.
func (c *Client) window(s Search) (start, end int, err error) {
	if s.Offset < 0 {
		return 0, 0, newError(CodeInvalidParameter, 0, "offset must not be negative", nil)
	}
	start, end = s.Offset, -1
	if s.Length >= 0 {
		end = start + s.Length
	}
	if lim := c.cfg.ResultLimit; lim > 0 && (end < 0 || end > lim) {
		end = lim
	}
	if end >= 0 && start > end {
		start = end
	}
	return start, end, nil
}

// count is the page size to ask for when need more results are wanted (need < 0: no end).
func (c *Client) count(need int) string {
	n := c.cfg.PageSize
	if need >= 0 && need < n {
		n = max(need, 1)
	}
	return strconv.Itoa(n)
}

func (c *Client) pages(ctx context.Context, s Search, yield func(Page) bool) error {
	start, end, err := c.window(s)
	if err != nil || start == end {
		return err
	}
	body, err := json.Marshal(map[string]string{"query": s.Query})
	if err != nil {
		return newError(CodeInvalidQuery, 0, err.Error(), err)
	}
	query := url.Values{"count": {c.count(end)}}.Encode()
	seen := 0
	for n := 0; ; n++ {
		a, err := c.fetch(ctx, query, body)
		if err != nil {
			return err
		}
		got := len(a.Result)
		lo, hi := clamp(start-seen, got), got
		if end >= 0 {
			hi = clamp(end-seen, got)
		}
		seen += got
		remaining := -1
		if a.RemainingItems != nil {
			remaining = *a.RemainingItems
		}
		if lo < hi && !yield(Page{Events: a.Result[lo:hi], Number: n, Remaining: remaining}) {
			return nil
		}
		// An empty page with a nextPage would loop for ever; treat it as the end.
		if (end >= 0 && seen >= end) || a.NextPage == "" || remaining == 0 || got == 0 {
			return nil
		}
		need := -1
		if end >= 0 {
			need = end - seen
		}
		if query, err = c.nextQuery(a.NextPage, need); err != nil {
			return err
		}
	}
}

func clamp(i, n int) int { return min(max(i, 0), n) }

// nextQuery keeps the query string of nextPage (the host and path are the configured ones)
// and adds a count if it has none.
func (c *Client) nextQuery(next string, need int) (string, error) {
	u, err := url.Parse(next)
	if err != nil || u.RawQuery == "" {
		return "", newError(CodeUnknown, http.StatusOK,
			"hunt: malformed response body: nextPage has no query string", errNoBody)
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return "", newError(CodeUnknown, http.StatusOK,
			"hunt: malformed response body: bad nextPage query string", errNoBody)
	}
	if q.Get("count") != "" {
		return u.RawQuery, nil
	}
	return u.RawQuery + "&count=" + c.count(need), nil
}

// fetch posts the query body to the hunt endpoint with rawQuery, renewing the token once
// if the server refuses it.
func (c *Client) fetch(ctx context.Context, rawQuery string, body []byte) (*huntAnswer, error) {
	for renewed := false; ; renewed = true {
		tok, err := c.bearer(ctx)
		if err != nil {
			return nil, err
		}
		resp, err := c.post(ctx, c.endpoint(HuntPath, rawQuery), body, tok)
		if err != nil {
			return nil, c.redact(transportError("hunt", err), tok)
		}
		if resp.StatusCode == http.StatusUnauthorized && !renewed {
			drain(resp)
			c.invalidate(tok)
			continue
		}
		a, herr := decodeHunt(resp)
		if herr != nil {
			return nil, c.redact(herr, tok)
		}
		return a, nil
	}
}

// decodeHunt reads an answer to a hunt, whose body post has already read whole.
func decodeHunt(resp *http.Response) (*huntAnswer, *Error) {
	defer drain(resp)
	if resp.StatusCode != http.StatusOK {
		return nil, statusError("hunt", resp.StatusCode, serverMessage(resp))
	}
	raw, err := bodyBytes(resp)
	if err != nil {
		return nil, transportError("hunt", err)
	}
	var a huntAnswer
	if err := json.Unmarshal(raw, &a); err != nil {
		return nil, newError(CodeUnknown, resp.StatusCode,
			"hunt: malformed response body: "+err.Error(), errors.Join(errNoBody, err))
	}
	if a.Result == nil {
		return nil, newError(CodeUnknown, resp.StatusCode,
			"hunt: malformed response body: no result array", errNoBody)
	}
	return &a, nil
}
