// Command stix2hunq validates STIX 2.x patterns, compiles them to HunQ for IBM QRadar EDR,
// runs them through the Hunt API (or its built-in emulator) and maps the events back to STIX.
//
// Exit status: 0 success, 1 usage or runtime failure, 3 invalid pattern, 4 pattern that
// cannot be translated (or an inexact plan under --strict), 5 Hunt API failure.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/alecthomas/kong"
)

// Exit codes shared by every command.
const (
	exitOK           = 0
	exitFailure      = 1
	exitInvalid      = 3
	exitUntranslated = 4
	exitTransmit     = 5
)

// stdio carries the streams a command reads and writes; tests replace them.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// exitError asks main to exit with code after printing msg (if any) to stderr.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// withCode wraps err so that main exits with code.
func withCode(code int, err error) error { return &exitError{code: code, err: err} }

// command is one registered sub-command; fresh returns a new zero command struct (a
// pointer) so that every run, in tests too, starts from clean flags.
type command struct {
	name, help string
	fresh      func() any
}

var commands []command

// register adds a sub-command; each command's file calls it from init.
func register(name, help string, fresh func() any) {
	commands = append(commands, command{name, help, fresh})
}

// cli is the root of the command line; sub-commands are registered dynamically.
type cli struct{}

func main() {
	os.Exit(run(os.Args[1:], stdio{os.Stdin, os.Stdout, os.Stderr}))
}

// run parses args, runs the chosen command and returns the process exit status.
func run(args []string, io stdio) int {
	var root cli
	opts := []kong.Option{
		kong.Name("stix2hunq"),
		kong.Description("Compile STIX 2.x patterns to HunQ and hunt on IBM QRadar EDR."),
		kong.UsageOnError(),
		kong.Writers(io.out, io.err),
		kong.Bind(io),
		kong.Exit(func(code int) { panic(kongExit(code)) }),
	}
	sorted := append([]command(nil), commands...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].name < sorted[j].name })
	for _, c := range sorted {
		opts = append(opts, kong.DynamicCommand(c.name, c.help, "", c.fresh()))
	}
	return parseAndRun(&root, args, io, opts)
}

// kongExit carries an exit request out of kong (for --help) without calling os.Exit.
type kongExit int

func parseAndRun(root *cli, args []string, io stdio, opts []kong.Option) (code int) {
	defer func() {
		if r := recover(); r != nil {
			c, ok := r.(kongExit)
			if !ok {
				panic(r)
			}
			code = int(c)
		}
	}()
	parser, err := kong.New(root, opts...)
	if err != nil {
		fmt.Fprintf(io.err, "stix2hunq: %v\n", err)
		return exitFailure
	}
	ctx, err := parser.Parse(args)
	if err != nil {
		fmt.Fprintf(io.err, "stix2hunq: %v\n", err)
		return exitFailure
	}
	ctx.Bind(root)
	if err := ctx.Run(); err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			if ee.err != nil {
				fmt.Fprintf(io.err, "stix2hunq: %v\n", ee.err)
			}
			return ee.code
		}
		fmt.Fprintf(io.err, "stix2hunq: %v\n", err)
		return exitFailure
	}
	return exitOK
}
