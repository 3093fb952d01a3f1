package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/stix2hunq/stix2hunq/runtime/emulator"
	"github.com/stix2hunq/stix2hunq/runtime/hunt"
)

// connection is stix-shifter's CONNECTION JSON for the reaqta connector.
type connection struct {
	Host           string          `json:"host"`
	Port           json.RawMessage `json:"port"`
	SelfSignedCert string          `json:"selfSignedCert"`
	SNI            string          `json:"sni"` // TLS server name, if not the host's
	Options        connOptions     `json:"options"`
}

// connOptions are the connection options this connector reads; others are ignored.
type connOptions struct {
	Timeout     float64 `json:"timeout"`      // seconds per request (default 30)
	ResultLimit int     `json:"result_limit"` // bound on offset+length (default 10000)
	Insecure    bool    `json:"insecure"`     // turn certificate verification off
	MaxRetries  *int    `json:"max_retries"`  // retries of a failed request (default 4)
}

// resultLimit is options.result_limit, or stix-shifter's default.
func (o connOptions) resultLimit() int {
	if o.ResultLimit > 0 {
		return o.ResultLimit
	}
	return defaultResultLimit
}

// credentials are an API application's id and secret.
type credentials struct {
	AppID  string `json:"app_id"`
	Secret string `json:"secret_key"`
}

// configuration is stix-shifter's CONFIGURATION JSON: {"auth": {"app_id", "secret_key"}}.
type configuration struct {
	Auth credentials `json:"auth"`
}

// Environment variables the native commands read credentials from.
const (
	envAppID     = "STIX2HUNQ_APP_ID"
	envSecret    = "STIX2HUNQ_SECRET"
	envCredsFile = "STIX2HUNQ_CREDENTIALS" // a file holding a CONFIGURATION JSON
)

// defaultResultLimit is stix-shifter's default result_limit.
const defaultResultLimit = 10000

func parseConnection(text string) (connection, error) {
	var c connection
	if err := strictJSON(text, &c); err != nil {
		return c, fmt.Errorf("CONNECTION: %w", err)
	}
	if c.Options.Timeout < 0 || c.Options.ResultLimit < 0 ||
		(c.Options.MaxRetries != nil && *c.Options.MaxRetries < 0) {
		return c, fmt.Errorf("CONNECTION: options.timeout, options.result_limit and " +
			"options.max_retries must not be negative")
	}
	return c, nil
}

func parseConfiguration(text string) (credentials, error) {
	var c configuration
	if err := strictJSON(text, &c); err != nil {
		return credentials{}, fmt.Errorf("CONFIGURATION: %w", err)
	}
	return c.Auth, nil
}

// strictJSON decodes one JSON object and nothing after it.
func strictJSON(text string, v any) error {
	dec := json.NewDecoder(strings.NewReader(text))
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("invalid JSON: %v", err)
	}
	if dec.More() {
		return fmt.Errorf("invalid JSON: text after the object at offset %d", dec.InputOffset())
	}
	return nil
}

// envCredentials reads credentials for the native commands: STIX2HUNQ_APP_ID and
// STIX2HUNQ_SECRET, or else the CONFIGURATION JSON in the file STIX2HUNQ_CREDENTIALS names.
func envCredentials(getenv func(string) string) (credentials, error) {
	c := credentials{AppID: getenv(envAppID), Secret: getenv(envSecret)}
	if c.AppID != "" || c.Secret != "" {
		return c, nil
	}
	path := getenv(envCredsFile)
	if path == "" {
		return c, nil
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return c, fmt.Errorf("credentials file: %w", err)
	}
	return parseConfiguration(string(raw))
}

// baseURL joins host and port into the Hive's base URL (https unless host names a scheme).
func (c connection) baseURL() (string, error) {
	host := strings.TrimSuffix(c.Host, "/")
	scheme := "https://"
	if i := strings.Index(host, "://"); i >= 0 {
		scheme, host = host[:i+3], host[i+3:]
	}
	port := strings.Trim(string(c.Port), `"`)
	if port != "" && port != "null" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return "", fmt.Errorf("CONNECTION: port %s is not a TCP port", port)
		}
		if _, _, err := net.SplitHostPort(host); err != nil {
			host = net.JoinHostPort(strings.Trim(host, "[]"), port)
		}
	}
	return scheme + host, nil
}

// caPEM returns selfSignedCert: PEM text, or the name of a file holding it.
func (c connection) caPEM() ([]byte, error) {
	s := c.SelfSignedCert
	if s == "" || strings.Contains(s, "-----BEGIN") {
		return []byte(s), nil
	}
	raw, err := os.ReadFile(s)
	if err != nil {
		return nil, fmt.Errorf("CONNECTION: selfSignedCert is neither PEM text nor a "+
			"readable file: %v", err)
	}
	if !bytes.Contains(raw, []byte("-----BEGIN")) {
		return nil, fmt.Errorf("CONNECTION: selfSignedCert file %s holds no PEM", s)
	}
	return raw, nil
}

// huntTarget is an open Hunt API client and what stops it (the in-process emulator, when
// no host was configured).
type huntTarget struct {
	client   *hunt.Client
	emulated bool
	stop     func()
}

// openHunt builds the Hunt API client for conn and creds, with options.timeout per request,
// options.max_retries, and options.result_limit (default 10000) on every search. With no
// host, it starts the built-in emulator on loopback over the sample data and targets it,
// saying so on warn; the emulator then accepts the given credentials (or its defaults if
// none). Warnings of the client (certificate verification off) go to warn too. The caller
// calls stop when done; ctx ending stops the emulator as well.
func openHunt(ctx context.Context, conn connection, creds credentials, warn io.Writer) (
	*huntTarget, error) {
	return openHuntWith(ctx, conn, creds, emulator.Options{}, warn)
}

// openHuntWith is openHunt with the options of the emulator it starts when conn names no
// host (its credentials come from creds).
func openHuntWith(ctx context.Context, conn connection, creds credentials,
	emu emulator.Options, warn io.Writer) (*huntTarget, error) {
	t := &huntTarget{stop: func() {}}
	cfg := hunt.Config{
		AppID: creds.AppID, Secret: creds.Secret, Insecure: conn.Options.Insecure,
		ServerName:  conn.SNI,
		Timeout:     time.Duration(conn.Options.Timeout * float64(time.Second)),
		ResultLimit: conn.Options.resultLimit(),
	}
	if n := conn.Options.MaxRetries; n != nil {
		cfg.MaxRetries = *n
		if *n == 0 {
			cfg.MaxRetries = -1 // hunt.Config's "none"
		}
	}
	if conn.Host == "" {
		if cfg.AppID == "" && cfg.Secret == "" {
			cfg.AppID, cfg.Secret = emulator.DefaultAppID, emulator.DefaultSecret
		}
		emu.AppID, emu.Secret = cfg.AppID, cfg.Secret
		url, stop := emulator.Start(ctx, emu)
		cfg.BaseURL, t.emulated, t.stop = url, true, stop
		over := "sample data"
		if emu.Events != nil {
			over = fmt.Sprintf("%d given events", len(emu.Events))
		}
		fmt.Fprintf(warn, "note: no host configured; using the built-in emulator at %s "+
			"over %s\n", url, over)
	} else {
		var err error
		if cfg.BaseURL, err = conn.baseURL(); err != nil {
			return nil, err
		}
		if cfg.CACertPEM, err = conn.caPEM(); err != nil {
			return nil, err
		}
	}
	c, err := hunt.New(cfg)
	if err != nil {
		t.stop()
		return nil, err
	}
	if err := c.WriteWarnings(warn); err != nil {
		t.stop()
		return nil, err
	}
	t.client = c
	return t, nil
}
