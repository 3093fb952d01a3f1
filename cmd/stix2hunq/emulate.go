package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/stix2hunq/stix2hunq/runtime/emulator"
)

func init() {
	register("emulate", "Serve an emulated Hunt API over sample or given events.",
		func() any { return &emulateCmd{} })
}

// emulateCmd serves the Hunt API emulator until interrupted.
type emulateCmd struct {
	Listen        string        `default:"127.0.0.1:8080" help:"Address to listen on."`
	Events        string        `type:"path" help:"JSON lines file of events (default: sample)."`
	AppID         string        `name:"app-id" default:"emulator" help:"Accepted app id."`
	Secret        string        `env:"STIX2HUNQ_SECRET" help:"Accepted secret."`
	TokenLifetime time.Duration `default:"15m" help:"Lifetime of issued tokens."`
	Seed          uint64        `help:"Seed of the sample data."`
	SampleCount   int           `default:"2000" help:"Number of sample events."`
}

func (c *emulateCmd) Run(io stdio) error {
	opts := emulator.Options{
		AppID: c.AppID, Secret: c.Secret, TokenLifetime: c.TokenLifetime,
		Seed: c.Seed, SampleCount: c.SampleCount,
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
	fmt.Fprintf(io.err, "emulating the Hunt API at http://%s over %d events (app id %q); "+
		"interrupt to stop\n", ln.Addr(), srv.Len(), opts.AppID)
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
