// Package sample generates realistic raw Hunt API events, deterministically from a seed:
// process, network, file, registry, DNS, URL, logon, service, scheduled-task, WMI,
// anti-malware and MITRE ATT&CK events on a handful of Windows endpoints, shaped as the Hunt
// API returns them (integer eventType, addressFamily and protocol codes, localAddr and
// remoteAddr with outbound, payload.process with its program and certificate).
package sample

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"time"
)

// Options choose what Generate produces.
type Options struct {
	// Seed makes the output reproducible: the same options give the same events.
	Seed uint64
	// Count is the number of events (default DefaultCount).
	Count int
	// Now is the end of the hour over which happenedAt is spread (default time.Now).
	Now time.Time
}

// DefaultCount is the number of events Generate makes when Options.Count is zero.
const DefaultCount = 2000

// Span is the time before Options.Now over which events happen, and Recent the end of it
// that holds RecentShare of them besides its share of the rest: a hunt over the default
// window of stix-shifter (the last 5 minutes) right after Now finds about 39% of the
// events, of every kind, instead of the 1/12 that an even spread would give.
const (
	Span        = time.Hour
	Recent      = 5 * time.Minute
	RecentShare = 1.0 / 3
)

// Generate returns events as decoded JSON objects, newest first, with happenedAt in the
// Span before opts.Now, denser in its Recent end.
func Generate(opts Options) []map[string]any {
	if opts.Count <= 0 {
		opts.Count = DefaultCount
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	g := &gen{r: rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15)), now: opts.Now}
	times := make([]time.Time, opts.Count)
	for i := range times {
		span := Span
		if g.chance(RecentShare) {
			span = Recent
		}
		ms := g.r.Int64N(int64(span/time.Millisecond)) + 1
		times[i] = opts.Now.Add(-time.Duration(ms) * time.Millisecond).UTC()
	}
	sort.Slice(times, func(i, j int) bool { return times[i].After(times[j]) })
	out := make([]map[string]any, opts.Count)
	for i, at := range times {
		out[i] = g.event(at)
	}
	return out
}

// WriteJSONLines writes one event a line, the format the emulator reads.
func WriteJSONLines(w io.Writer, events []map[string]any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, ev := range events {
		if err := enc.Encode(ev); err != nil {
			return err
		}
	}
	return nil
}

type gen struct {
	r    *rand.Rand
	now  time.Time
	next uint64 // sequence behind event ids
}

// kind builds the data of one event type; it may replace the acting process.
type kind struct {
	eventType int
	weight    int
	build     func(g *gen, c *ctx) map[string]any
}

// ctx is the event being built: where, when and by whom.
type ctx struct {
	host    host
	user    string // profile name of the interactive user
	acct    account
	prog    program
	at      time.Time
	process map[string]any
}

func (g *gen) pick(n int) int { return g.r.IntN(n) }

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) event(at time.Time) map[string]any {
	k := g.kind()
	c := g.actor(at)
	data := k.build(g, c)
	c.process = g.process(c, true)
	g.next++
	localID := fmt.Sprintf("%d", 847101972854081537+g.next*7919)
	payload := map[string]any{
		"localId": localID, "eventType": k.eventType, "process": c.process,
		"incidents": []any{}, "triggeredIncidents": []any{}, "data": data,
	}
	if k.eventType == 65 || k.eventType == 76 {
		payload["incidents"] = []any{254356654000 + int(g.next)}
	}
	received := at.Add(time.Duration(200+g.pick(30000)) * time.Millisecond)
	return map[string]any{
		"eventId":    fmt.Sprintf("%d", 847102109500309505+g.next*104729),
		"endpointId": c.host.id,
		"payload":    payload,
		"happenedAt": stamp(at),
		"receivedAt": stamp(received),
	}
}

func (g *gen) kind() kind {
	total := 0
	for _, k := range kinds {
		total += k.weight
	}
	n := g.pick(total)
	for _, k := range kinds {
		if n < k.weight {
			return k
		}
		n -= k.weight
	}
	return kinds[0]
}

// actor chooses the endpoint and the process acting in an event.
func (g *gen) actor(at time.Time) *ctx {
	h := hosts[g.pick(len(hosts))]
	u := people[g.pick(len(people))]
	c := &ctx{host: h, user: u, at: at}
	if h.server || g.chance(0.35) {
		c.acct = system[g.pick(len(system))]
		c.prog = []program{progSvchost, progServices, progWmiprvse, progTaskhost}[g.pick(4)]
		return c
	}
	c.acct = g.person(h, u)
	c.prog = userPrograms[g.pick(len(userPrograms))]
	return c
}

func (g *gen) person(h host, u string) account {
	rid := 1104
	for i, p := range people {
		if p == u {
			rid += i
		}
	}
	return account{
		user:      h.domain + `\` + u,
		sid:       fmt.Sprintf("S-1-5-21-3623811015-3361044348-30300820-%d", rid),
		privilege: "MEDIUM", logonID: fmt.Sprintf("0x%x", 0x16f000+rid),
	}
}

// process renders the acting process; top-level processes carry ISO times, nested ones
// epoch milliseconds, as the Hunt API does.
func (g *gen) process(c *ctx, top bool) map[string]any {
	pid := 4 * (100 + g.pick(4000))
	ppid := 4 * (100 + g.pick(400))
	start := c.at.Add(-time.Duration(1+g.pick(172800)) * time.Second)
	pstart := start.Add(-time.Duration(1+g.pick(86400)) * time.Second)
	m := map[string]any{
		"id":             fmt.Sprintf("%s:%d:%d", c.host.id, pid, start.UnixMilli()),
		"parentId":       fmt.Sprintf("%s:%d:%d", c.host.id, ppid, pstart.UnixMilli()),
		"endpointId":     c.host.id,
		"program":        c.prog.json(c.user),
		"user":           c.acct.user,
		"pid":            pid,
		"ppid":           ppid,
		"userSID":        c.acct.sid,
		"privilegeLevel": c.acct.privilege,
		"noGui":          c.acct.privilege == "SYSTEM",
		"logonId":        c.acct.logonID,
	}
	if top {
		m["startTime"], m["pstartTime"] = stamp(start), stamp(pstart)
	} else {
		m["startTime"], m["pstartTime"] = start.UnixMilli(), pstart.UnixMilli()
	}
	return m
}

// other renders a second process (target, child, service ...) run by acct from p.
func (g *gen) other(c *ctx, p program, acct account) map[string]any {
	o := *c
	o.prog, o.acct = p, acct
	return g.process(&o, false)
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
