package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/stix2hunq/stix2hunq/runtime/emulator"
)

func init() {
	register("emulate", "Serve an emulated Hunt API over sample or given events.",
		func() any { return &emulateCmd{} })
}

// emulateCmd serves the Hunt API emulator until interrupted.
//
// Limitation: the sample events are made once, over the hour before the emulator starts; a
// hunt over the last 5 minutes finds fewer of them the longer it runs, and none once it has
// run for 5 minutes (restart it, or widen the window).
type emulateCmd struct {
	Listen        string        `default:"127.0.0.1:8080" help:"Address to listen on."`
	Events        string        `type:"path" help:"JSON lines file of events (default: sample)."`
	AppID         string        `name:"app-id" default:"emulator" help:"Accepted app id."`
	Secret        string        `env:"STIX2HUNQ_SECRET" help:"Accepted secret."`
	TokenLifetime time.Duration `default:"15m" help:"Lifetime of issued tokens."`
	Seed          uint64        `help:"Seed of the sample data."`
	SampleCount   int           `default:"2000" help:"Number of sample events."`

	Latency        time.Duration `group:"faults" help:"Delay before every answer."`
	RateLimitShare float64       `group:"faults" help:"Share of hunts answered 429."`
	ErrorShare     float64       `group:"faults" help:"Share of hunts answered 503."`
	DropShare      float64       `group:"faults" help:"Share of hunts whose connection drops."`
	CutShare       float64       `group:"faults" help:"Share of hunts whose body is cut short."`
	MalformedShare float64       `group:"faults" help:"Share of hunts answered with bad JSON."`
	RetryAfter     time.Duration `group:"faults" help:"Retry-After sent with 429 and 503."`
	RevokeAfter    int           `group:"faults" help:"Refuse each token after this many hunts."`
	FaultSeed      uint64        `group:"faults" help:"Seed of the fault shares."`
}

// faults checks the fault flags and returns them.
func (c *emulateCmd) faults() (emulator.Faults, error) {
	f := emulator.Faults{
		Latency: c.Latency, RateLimitShare: c.RateLimitShare, ServerErrorShare: c.ErrorShare,
		DropShare: c.DropShare, CutShare: c.CutShare, MalformedShare: c.MalformedShare,
		RetryAfter: c.RetryAfter, RevokeAfter: c.RevokeAfter, Seed: c.FaultSeed,
	}
	sum := 0.0
	for _, x := range []float64{f.RateLimitShare, f.ServerErrorShare, f.DropShare,
		f.CutShare, f.MalformedShare} {
		if x < 0 || x > 1 {
			return f, fmt.Errorf("a fault share must be from 0 to 1, not %g", x)
		}
		sum += x
	}
	if sum > 1 {
		return f, fmt.Errorf("the fault shares add up to %g, more than 1", sum)
	}
	if c.Latency < 0 || c.RetryAfter < 0 || c.RevokeAfter < 0 || c.TokenLifetime < 0 {
		return f, errors.New("--latency, --retry-after, --revoke-after and " +
			"--token-lifetime must not be negative")
	}
	return f, nil
}

func (c *emulateCmd) Run(io stdio) error {
	faults, err := c.faults()
	if err != nil {
		return err
	}
	opts := emulator.Options{
		AppID: c.AppID, Secret: c.Secret, TokenLifetime: c.TokenLifetime,
		Seed: c.Seed, SampleCount: c.SampleCount, Faults: faults,
	}
	if opts.Secret == "" {
		opts.Secret = emulator.DefaultSecret
	}
	if c.Events != "" {
		f, err := os.Open(c.Events)
		if err != nil {
			return err
		}
		opts.Events, err = emulator.ReadEvents(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", c.Events, err)
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", c.Listen)
	if err != nil {
		return err
	}
	srv := emulator.New(opts)
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	banner(io.err, ln.Addr().String(), srv.Len(), opts)
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// banner says where the emulator listens and how to connect to it; it shows the secret
// only when it is the documented default.
func banner(w io.Writer, addr string, n int, opts emulator.Options) {
	fmt.Fprintf(w, "emulating the Hunt API at http://%s over %d events (app id %q); "+
		"interrupt to stop\n", addr, n, opts.AppID)
	secret := "<your secret>"
	if opts.Secret == emulator.DefaultSecret {
		secret = emulator.DefaultSecret
	}
	var auth strings.Builder
	enc := json.NewEncoder(&auth)
	enc.SetEscapeHTML(false) // <your secret> as written, not \u003c...
	_ = enc.Encode(map[string]any{"auth": map[string]string{
		"app_id": opts.AppID, "secret_key": secret}})
	fmt.Fprintf(w, "connect with: stix2hunq transmit reaqta '{\"host\": \"http://%s\"}' '%s' "+
		"ping\n", addr, strings.TrimSpace(auth.String()))
}
