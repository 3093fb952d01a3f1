package hunt_test

import (
	"context"
	"crypto/tls"
	"strings"
	"testing"

	"github.com/stix2hunq/stix2hunq/runtime/emulator"
	"github.com/stix2hunq/stix2hunq/runtime/hunt"
)

// serveTLS starts an emulator over HTTPS with a certificate from a new test CA.
func serveTLS(t *testing.T) (testPKI, string) {
	pki := newPKI(t)
	_, url := serve(t, 30, emulator.Options{
		TLS: &tls.Config{Certificates: []tls.Certificate{pki.server}},
	})
	if !strings.HasPrefix(url, "https://") {
		t.Fatalf("emulator serves %s, want https", url)
	}
	return pki, url
}

func TestTLS(t *testing.T) {
	pki, url := serveTLS(t)
	t.Run("trusted CA", func(t *testing.T) {
		c := client(t, url, func(cfg *hunt.Config) { cfg.CACertPEM = pki.caPEM })
		got, err := collect(c, allQuery)
		if err != nil || len(got) != 20 {
			t.Fatalf("got %d events, %v; want 20", len(got), err)
		}
		if w := c.Warnings(); len(w) != 0 {
			t.Errorf("got warnings %q, want none", w)
		}
	})
	t.Run("untrusted certificate", func(t *testing.T) {
		c := client(t, url, nil) // system roots do not hold the test CA
		err := c.Ping(context.Background())
		he := wantCode(t, err, hunt.CodeCertificateFail)
		if !strings.Contains(he.Message, "certificate") {
			t.Errorf("got %q, want it to name the certificate", he.Message)
		}
		other := newPKI(t) // a CA that did not sign the server's certificate
		c = client(t, url, func(cfg *hunt.Config) { cfg.CACertPEM = other.caPEM })
		wantCode(t, c.Ping(context.Background()), hunt.CodeCertificateFail)
	})
	t.Run("insecure warns", func(t *testing.T) {
		c := client(t, url, func(cfg *hunt.Config) { cfg.Insecure = true })
		if err := c.Ping(context.Background()); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		if err := c.WriteWarnings(&b); err != nil || !strings.Contains(b.String(),
			"warning: certificate verification is off for 127.0.0.1") {
			t.Errorf("got warnings %q, want one about verification being off", b.String())
		}
	})
	t.Run("bad PEM", func(t *testing.T) {
		_, err := hunt.New(hunt.Config{BaseURL: url, AppID: "a", Secret: "b",
			CACertPEM: []byte("not a certificate")})
		wantCode(t, err, hunt.CodeCertificateFail)
	})
}

// TestServerName: the configured server name is the one checked in the certificate.
func TestServerName(t *testing.T) {
	pki, url := serveTLS(t)
	c := client(t, url, func(cfg *hunt.Config) {
		cfg.CACertPEM, cfg.ServerName = pki.caPEM, "hive.test"
	})
	if err := c.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	c = client(t, url, func(cfg *hunt.Config) {
		cfg.CACertPEM, cfg.ServerName = pki.caPEM, "other.test"
	})
	he := wantCode(t, c.Ping(context.Background()), hunt.CodeCertificateFail)
	if !strings.Contains(he.Message, "other.test") {
		t.Errorf("got %q, want it to name the server name checked", he.Message)
	}
}
