package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/stix2hunq/stix2hunq/ast"
	"github.com/stix2hunq/stix2hunq/compiler"
	"github.com/stix2hunq/stix2hunq/runtime/emulator"
	"github.com/stix2hunq/stix2hunq/runtime/execute"
	"github.com/stix2hunq/stix2hunq/runtime/hunt"
	"github.com/stix2hunq/stix2hunq/runtime/match"
	"github.com/stix2hunq/stix2hunq/runtime/tostix"
)

func init() {
	register("hunt", "Hunt with a STIX pattern and print the matching events as STIX.",
		func() any { return &huntCmd{} })
}

// huntCmd compiles a pattern, runs its queries on a Hunt API server (or the built-in
// emulator), and prints the observed-data that match the pattern.
type huntCmd struct {
	patternFlags

	Host     string        `help:"Hunt API server, https://HOST[:PORT]; none: the emulator."`
	CA       string        `name:"ca" type:"path" help:"PEM file of the server's CA."`
	Insecure bool          `help:"Do not check the server's certificate (never in production)."`
	Timeout  time.Duration `default:"30s" help:"Timeout of each request."`
	Events   string        `type:"path" help:"JSON lines of events for the emulator (no --host)."`

	Format   string `enum:"bundle,ndjson" default:"bundle" help:"A bundle, or JSON lines."`
	Limit    int    `default:"10000" help:"Most events fetched for one query."`
	Identity string `help:"STIX identity JSON that created_by_ref names."`
}

func (c *huntCmd) Run(io stdio) error {
	version := ast.V21
	if c.STIXVersion == "2.0" {
		version = ast.V20
	}
	opts, err := c.options(false, version)
	if err != nil {
		return withCode(exitFailure, err)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	src, err := c.source(io)
	if err != nil {
		return withCode(exitFailure, err)
	}
	creds, err := envCredentials(os.Getenv)
	if err != nil {
		return withCode(exitFailure, err)
	}
	j := &huntJob{pattern: src, version: c.STIXVersion, format: c.Format, limit: c.Limit,
		compile: opts, table: c.Table, identity: c.Identity, events: c.Events, creds: creds,
		conn: connection{Host: c.Host, SelfSignedCert: c.CA, Options: connOptions{
			Timeout: c.Timeout.Seconds(), Insecure: c.Insecure, ResultLimit: c.Limit}}}
	return j.run(io)
}

// huntJob is one hunt: the pattern, where to hunt, and how to write what matches. The
// native hunt command and stix-shifter's execute both run one.
type huntJob struct {
	pattern, version, format string
	limit                    int
	compile                  compiler.Options // its Now is the clock of the whole hunt
	table, identity          string           // a table file and identity JSON, or ""
	events                   string           // JSON lines for the emulator, with no host
	conn                     connection
	creds                    credentials
}

func (j *huntJob) run(io stdio) error {
	v := ast.V21
	if j.version == "2.0" {
		v = ast.V20
	}
	plan, err := compilePattern(io, j.pattern, v, j.compile)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	target, err := j.open(ctx, io)
	if err != nil {
		return withCode(exitTransmit, err)
	}
	defer target.stop()
	return j.execute(ctx, io, plan, target)
}

// open connects to the host, or starts the emulator over the sample data (made relative
// to the clock) or over the events file.
func (j *huntJob) open(ctx context.Context, io stdio) (*huntTarget, error) {
	emu := emulator.Options{Now: j.compile.Now}
	if j.events != "" {
		if j.conn.Host != "" {
			return nil, errors.New("--events serves the built-in emulator: drop --host")
		}
		f, err := os.Open(j.events)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if emu.Events, err = emulator.ReadEvents(f); err != nil {
			return nil, fmt.Errorf("%s: %w", j.events, err)
		}
	}
	return openHuntWith(ctx, j.conn, j.creds, emu, io.err)
}

// execute runs the plan and prints what matched, then a summary on stderr.
func (j *huntJob) execute(ctx context.Context, io stdio, plan *compiler.Plan,
	target *huntTarget) error {
	v, _ := tostix.ParseVersion(j.version)
	f, _ := tostix.ParseFormat(j.format)
	table := tostix.DefaultTable()
	if j.table != "" {
		var err error
		if table, err = readTable(j.table); err != nil {
			return withCode(exitFailure, err)
		}
	}
	mapper, err := tostix.Compile(table, tostix.Options{Version: v, Now: j.compile.Now})
	if err != nil {
		return withCode(exitFailure, err)
	}
	ident := j.identity
	if ident == "" {
		ident = defaultIdentity
	}
	out, err := tostix.NewWriter(io.out, tostix.WriterOptions{Format: f, Version: v,
		Identity: []byte(ident)})
	if err != nil {
		return withCode(exitFailure, err)
	}
	bar := newCounter(io.err)
	stats, err := execute.Run(ctx, plan, execute.Options{
		Source: target.client, Mapper: mapper, Out: out, Limit: j.limit,
		Warn: func(w tostix.Warning) {
			fmt.Fprintf(io.err, "stix2hunq: warning: %v\n", w)
		},
		Progress: func(execute.Stats) { bar.add(1, -1) },
	})
	bar.finish()
	if err != nil {
		// What was decided before the failure is written, cut short; a failure before
		// any match writes nothing, not a bundle that looks like an empty result.
		if n := out.Count(); n > 0 {
			_ = out.Flush()
			err = fmt.Errorf("%w (the output stops after %d observed-data)", err, n)
		}
		return huntFailure(err)
	}
	if err := out.Close(); err != nil {
		return err
	}
	writeSummary(io, stats, len(plan.Queries))
	noteGaps(io.err, plan, j.compile.Complete)
	return nil
}

// huntFailure gives a failed hunt its exit status: a Hunt API failure exits 5, anything
// else (a correlation too large to search, an interrupt) 1.
func huntFailure(err error) error {
	if errors.Is(err, match.ErrBudget) {
		return withCode(exitFailure, fmt.Errorf("%w: the pattern correlates more "+
			"observations over more events than the matcher searches; narrow its time "+
			"window or lower --limit", err))
	}
	var he *hunt.Error
	if errors.As(err, &he) {
		return withCode(exitTransmit, err)
	}
	return withCode(exitFailure, err)
}

// writeSummary says on stderr what a hunt sent, fetched and kept, and warns of queries
// cut off at the limit.
func writeSummary(io stdio, s execute.Stats, queries int) {
	plural := func(n int, one, many string) string {
		if n == 1 {
			return fmt.Sprintf("%d %s", n, one)
		}
		return fmt.Sprintf("%d %s", n, many)
	}
	parts := []string{plural(s.Queries, "query", "queries"),
		plural(s.Fetched, "event", "events") + " fetched"}
	if s.Duplicates > 0 {
		parts = append(parts, fmt.Sprintf("%d returned twice", s.Duplicates))
	}
	parts = append(parts, fmt.Sprintf("%d kept (%s)", s.Kept, s.Mode),
		fmt.Sprintf("%.3f s", s.Elapsed.Seconds()))
	fmt.Fprintf(io.err, "stix2hunq: %s\n", strings.Join(parts, ", "))
	for _, q := range s.Truncated {
		fmt.Fprintf(io.err, "stix2hunq: warning: query %d of %d stopped at the limit of "+
			"events; matches beyond it are missed (raise the limit)\n", q+1, queries)
	}
}
