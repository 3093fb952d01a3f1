package hunt

import (
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"net/url"
	"time"
)

// newTransport builds the HTTP transport: proxies from the environment, the system roots or
// the configured PEM CA, and verification off only when asked, with a warning.
func newTransport(cfg Config, base *url.URL) (*http.Transport, string, error) {
	tlsCfg := &tls.Config{MinVersion: tls.VersionTLS12, ServerName: cfg.ServerName}
	var warn string
	switch {
	case cfg.Insecure:
		tlsCfg.InsecureSkipVerify = true
		warn = "certificate verification is off for " + base.Host +
			": the connection can be intercepted"
	case len(cfg.CACertPEM) > 0:
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(cfg.CACertPEM) {
			return nil, "", newError(CodeCertificateFail, 0,
				"selfSignedCert holds no PEM certificate", nil)
		}
		tlsCfg.RootCAs = pool
	}
	dialer := &net.Dialer{Timeout: cfg.Timeout, KeepAlive: 30 * time.Second}
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           dialer.DialContext,
		TLSClientConfig:       tlsCfg,
		TLSHandshakeTimeout:   cfg.Timeout,
		ResponseHeaderTimeout: cfg.Timeout,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConnsPerHost:   4,
		ForceAttemptHTTP2:     true,
	}
	return tr, warn, nil
}
