package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/stix2hunq/stix2hunq/runtime/hunt"
)

func init() {
	register("transmit", "Run a stix-shifter transmission call against the Hunt API.",
		func() any { return &transmitCmd{} })
}

// transmitCmd mirrors stix-shifter's `transmit MODULE CONNECTION CONFIGURATION OP ...` for
// the reaqta module. The connector is synchronous: query returns the query itself as the
// search id, status is always COMPLETED, delete does nothing, and results runs the hunt.
type transmitCmd struct {
	Module        string   `arg:"" enum:"reaqta" help:"Connector module (reaqta)."`
	Connection    string   `arg:"" help:"CONNECTION JSON: host, port, selfSignedCert, options."`
	Configuration string   `arg:"" help:"CONFIGURATION JSON: auth.app_id, auth.secret_key."`
	Operation     string   `arg:"" enum:"ping,results,query,status,delete,is_async" help:"Call."`
	Args          []string `arg:"" optional:"" help:"Arguments of the call."`
}

// transmitFailure is stix-shifter's error object.
type transmitFailure struct {
	Success   bool   `json:"success"`
	Connector string `json:"connector"`
	Error     string `json:"error"`
	Code      string `json:"code"`
}

var transmitArity = map[string]int{
	"ping": 0, "is_async": 0, "query": 1, "status": 1, "delete": 1, "results": 3,
}

func (c *transmitCmd) Run(io stdio) error {
	if n := transmitArity[c.Operation]; len(c.Args) != n {
		return c.fail(io, withCode(exitFailure, nil), "invalid_parameter",
			fmt.Sprintf("%s takes %d argument(s), got %d", c.Operation, n, len(c.Args)))
	}
	switch c.Operation {
	case "is_async":
		return writeJSONLine(io.out, false)
	case "query":
		return writeJSONLine(io.out, map[string]any{"success": true, "search_id": c.Args[0]})
	case "status":
		return writeJSONLine(io.out,
			map[string]any{"success": true, "status": "COMPLETED", "progress": 100})
	case "delete":
		return writeJSONLine(io.out, map[string]any{"success": true})
	}
	conn, err := parseConnection(c.Connection)
	if err != nil {
		return c.fail(io, withCode(exitFailure, nil), "invalid_parameter", err.Error())
	}
	creds, err := parseConfiguration(c.Configuration)
	if err == nil && creds.AppID == "" && creds.Secret == "" {
		creds, err = envCredentials(os.Getenv)
	}
	if err != nil {
		return c.fail(io, withCode(exitFailure, nil), "invalid_parameter", err.Error())
	}
	ctx := context.Background()
	target, err := openHunt(ctx, conn, creds, io.err)
	if err != nil {
		return c.failHunt(io, err)
	}
	defer target.stop()
	if c.Operation == "ping" {
		if err := target.client.Ping(ctx); err != nil {
			return c.failHunt(io, err)
		}
		return writeJSONLine(io.out, map[string]any{"success": true})
	}
	return c.results(ctx, io, target.client, conn.Options.resultLimit())
}

// results runs `results QUERY OFFSET LENGTH`, at most limit events from the start.
//
// Limitation: the window (at most result_limit events) is held in memory before printing,
// so that a failure mid-way prints a clean error object instead of half an answer.
func (c *transmitCmd) results(ctx context.Context, io stdio, client *hunt.Client,
	limit int) error {
	offset, err1 := strconv.Atoi(c.Args[1])
	length, err2 := strconv.Atoi(c.Args[2])
	if err1 != nil || err2 != nil || offset < 0 || length < 0 {
		return c.fail(io, withCode(exitFailure, nil), "invalid_parameter",
			fmt.Sprintf("OFFSET and LENGTH must be non-negative integers, got %q and %q",
				c.Args[1], c.Args[2]))
	}
	bar := newProgress(io.err, min(length, max(limit-offset, 0)))
	data := []json.RawMessage{}
	s := hunt.Search{Query: c.Args[0], Offset: offset, Length: length}
	for page, err := range client.Pages(ctx, s) {
		if err != nil {
			bar.finish()
			return c.failHunt(io, err)
		}
		data = append(data, page.Events...)
		bar.add(len(page.Events), page.Remaining)
	}
	bar.finish()
	return writeJSONLine(io.out, struct {
		Success bool              `json:"success"`
		Data    []json.RawMessage `json:"data"`
	}{true, data})
}

// failHunt prints a Hunt API error as stix-shifter does and exits with exitTransmit.
func (c *transmitCmd) failHunt(io stdio, err error) error {
	code := string(hunt.CodeUnknown)
	var he *hunt.Error
	if errors.As(err, &he) {
		code = string(he.Code)
	}
	return c.fail(io, withCode(exitTransmit, nil), code, err.Error())
}

func (c *transmitCmd) fail(io stdio, exit error, code, msg string) error {
	f := transmitFailure{Connector: c.Module, Code: code,
		Error: c.Module + " connector error => " + msg}
	if err := writeJSONLine(io.out, f); err != nil {
		return err
	}
	return exit
}

// writeJSONLine writes v as one line of JSON.
func writeJSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// progress is a progress bar of the events received, on a terminal, for a window larger
// than a page; elsewhere it does nothing.
type progress struct {
	bar         *progressbar.ProgressBar
	total, done int
}

func newProgress(w io.Writer, total int) *progress {
	if total <= hunt.MaxPageSize || !isTerminal(w) {
		return &progress{}
	}
	return &progress{total: total, bar: progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w), progressbar.OptionSetDescription("events"),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond))}
}

// newCounter is a spinner counting events of a total not known beforehand, on a terminal;
// elsewhere it does nothing.
func newCounter(w io.Writer) *progress {
	if !isTerminal(w) {
		return &progress{}
	}
	return &progress{total: -1, bar: progressbar.NewOptions(-1,
		progressbar.OptionSetWriter(w), progressbar.OptionSetDescription("events fetched"),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond))}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// add counts n more events; remaining is what the server says is left (-1: unknown), which
// may make the expected total smaller.
func (p *progress) add(n, remaining int) {
	if p.bar == nil {
		return
	}
	p.done += n
	if remaining >= 0 && p.done+remaining < p.total {
		p.total = p.done + remaining
		p.bar.ChangeMax(p.total)
	}
	_ = p.bar.Set(p.done)
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
	}
}
