package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/stix2hunq/stix2hunq/runtime/emulator"
)

var sampleClock = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

const everything = `happenedAfter = "2024-05-01T10:00:00.000Z"`

// runCLI runs the command line and returns stdout, stderr and the exit status.
func runCLI(args ...string) (string, string, int) {
	var out, errw bytes.Buffer
	code := run(args, stdio{strings.NewReader(""), &out, &errw})
	return out.String(), errw.String(), code
}

func startEmulator(t *testing.T, opts emulator.Options) string {
	t.Helper()
	if opts.Events == nil {
		opts.Events = emulator.SampleEvents(1, 100, sampleClock)
	}
	url, stop := emulator.Start(context.Background(), opts)
	t.Cleanup(stop)
	return url
}

func connJSON(t *testing.T, v map[string]any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

const goodConfig = `{"auth": {"app_id": "emulator", "secret_key": "emulator-secret"}}`

func TestTransmitSynchronousCalls(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"is_async"}, "false\n"},
		{[]string{"query", `pid = 4`}, `{"search_id":"pid = 4","success":true}` + "\n"},
		{[]string{"status", "x"}, `{"progress":100,"status":"COMPLETED","success":true}` + "\n"},
		{[]string{"delete", "x"}, `{"success":true}` + "\n"},
	} {
		args := append([]string{"transmit", "reaqta", "{}", "{}"}, tc.args...)
		out, errw, code := runCLI(args...)
		if out != tc.want || errw != "" || code != 0 {
			t.Errorf("%v: got %q, %q, %d; want %q, no stderr, 0", tc.args, out, errw, code,
				tc.want)
		}
	}
	out, _, code := runCLI("transmit", "reaqta", "{}", "{}", "results", "q")
	if code != 1 || !strings.Contains(out, `"code":"invalid_parameter"`) ||
		!strings.Contains(out, "results takes 3 argument(s), got 1") {
		t.Errorf("wrong arity: got %q, %d", out, code)
	}
}

func TestTransmitPing(t *testing.T) {
	url := startEmulator(t, emulator.Options{})
	conn := connJSON(t, map[string]any{"host": url})
	out, errw, code := runCLI("transmit", "reaqta", conn, goodConfig, "ping")
	if out != `{"success":true}`+"\n" || errw != "" || code != 0 {
		t.Errorf("got %q, %q, %d", out, errw, code)
	}
	const secret = "not-the-secret-4242"
	bad := `{"auth": {"app_id": "emulator", "secret_key": "` + secret + `"}}`
	out, errw, code = runCLI("transmit", "reaqta", conn, bad, "ping")
	want := `{"success":false,"connector":"reaqta","error":"reaqta connector error => ` +
		`authentication_fail: authenticate: HTTP 401: Authentication failed",` +
		`"code":"authentication_fail"}` + "\n"
	if diff := cmp.Diff(want, out); diff != "" || code != exitTransmit {
		t.Errorf("wrong secret: exit %d, stdout (-want +got):\n%s", code, diff)
	}
	if strings.Contains(out+errw, secret) {
		t.Errorf("the secret appears in the output")
	}
}

func TestTransmitEnvironmentCredentials(t *testing.T) {
	url := startEmulator(t, emulator.Options{AppID: "app-7", Secret: "env-secret-1"})
	conn := connJSON(t, map[string]any{"host": url})
	t.Setenv(envAppID, "app-7")
	t.Setenv(envSecret, "env-secret-1")
	if out, _, code := runCLI("transmit", "reaqta", conn, "{}", "ping"); code != 0 {
		t.Errorf("environment: got %q, %d", out, code)
	}
	t.Setenv(envAppID, "")
	t.Setenv(envSecret, "")
	file := filepath.Join(t.TempDir(), "creds.json")
	cfg := `{"auth": {"app_id": "app-7", "secret_key": "env-secret-1"}}`
	if err := os.WriteFile(file, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(envCredsFile, file)
	if out, _, code := runCLI("transmit", "reaqta", conn, "{}", "ping"); code != 0 {
		t.Errorf("credentials file: got %q, %d", out, code)
	}
}

func eventIDs(t *testing.T, out string) []string {
	t.Helper()
	var res struct {
		Success bool
		Data    []struct{ EventID string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || !res.Success {
		t.Fatalf("results: %q: %v", out, err)
	}
	ids := []string{}
	for _, ev := range res.Data {
		ids = append(ids, ev.EventID)
	}
	return ids
}

func TestTransmitResults(t *testing.T) {
	evs := emulator.SampleEvents(1, 100, sampleClock)
	var all []string
	for _, ev := range evs {
		var e struct{ EventID string }
		_ = json.Unmarshal(ev.Raw, &e)
		all = append(all, e.EventID)
	}
	url := startEmulator(t, emulator.Options{Events: evs})
	for _, tc := range []struct {
		limit          int
		offset, length string
		want           []string
	}{
		{0, "5", "10", all[5:15]},
		{0, "90", "50", all[90:]},
		{20, "10", "50", all[10:20]},
	} {
		conn := connJSON(t, map[string]any{"host": url,
			"options": map[string]any{"result_limit": tc.limit, "timeout": 5}})
		out, errw, code := runCLI("transmit", "reaqta", conn, goodConfig, "results",
			everything, tc.offset, tc.length)
		if code != 0 || errw != "" {
			t.Fatalf("got %q, %q, %d", out, errw, code)
		}
		if diff := cmp.Diff(tc.want, eventIDs(t, out)); diff != "" {
			t.Errorf("%s %s limit %d (-want +got):\n%s", tc.offset, tc.length, tc.limit, diff)
		}
	}
	conn := connJSON(t, map[string]any{"host": url})
	out, _, code := runCLI("transmit", "reaqta", conn, goodConfig, "results",
		`$ip1 = "1.2.3.4"`, "0", "10")
	if code != exitTransmit || !strings.Contains(out, `"code":"invalid_query"`) ||
		!strings.Contains(out, "$ip1 is not a valid field.") {
		t.Errorf("bad field: got %q, %d", out, code)
	}
	out, _, code = runCLI("transmit", "reaqta", conn, goodConfig, "results", "q", "x", "5")
	if code != 1 || !strings.Contains(out, "OFFSET and LENGTH must be non-negative") {
		t.Errorf("bad window: got %q, %d", out, code)
	}
}

// TestTransmitDefaultsToEmulator: with no host, results hunt the built-in sample data, and
// stix-shifter's default window (the last 5 minutes) finds a good share of it, of many types.
func TestTransmitDefaultsToEmulator(t *testing.T) {
	stamp := func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }
	now := time.Now()
	q := `happenedAfter = "` + stamp(now.Add(-5*time.Minute)) + `" AND happenedBefore = "` +
		stamp(now.Add(time.Minute)) + `"`
	out, errw, code := runCLI("transmit", "reaqta", "{}", "{}", "results", q, "0", "10000")
	var res struct {
		Data []struct{ Payload struct{ EventType int } }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 ||
		!strings.Contains(errw, "note: no host configured; using the built-in emulator") {
		t.Fatalf("got %q, %q, %d", out, errw, code)
	}
	types := map[int]bool{}
	for _, ev := range res.Data {
		types[ev.Payload.EventType] = true
	}
	if len(res.Data) < 600 || len(types) < 20 {
		t.Errorf("got %d events of %d types in the last 5 minutes, want at least 600 of 20",
			len(res.Data), len(types))
	}
}

func TestTransmitBadConnection(t *testing.T) {
	for _, conn := range []string{`{"host": `, `{"host": "h", "port": 70000}`,
		`{"host": "h", "options": {"max_retries": -1}}`,
		`{"host": "h", "selfSignedCert": "/no/such/file.pem"}`} {
		out, _, code := runCLI("transmit", "reaqta", conn, goodConfig, "ping")
		if code == 0 || !strings.Contains(out, `"success":false`) {
			t.Errorf("%s: got %q, %d", conn, out, code)
		}
	}
}

func TestTransmitTLS(t *testing.T) {
	caPEM, cert := testCertificates(t)
	serverTLS := &tls.Config{Certificates: []tls.Certificate{cert}}
	url := startEmulator(t, emulator.Options{TLS: serverTLS})
	trusted := connJSON(t, map[string]any{"host": url, "selfSignedCert": string(caPEM)})
	if out, errw, code := runCLI("transmit", "reaqta", trusted, goodConfig, "ping"); code != 0 {
		t.Errorf("trusted CA: got %q, %q, %d", out, errw, code)
	}
	untrusted := connJSON(t, map[string]any{"host": url})
	out, _, code := runCLI("transmit", "reaqta", untrusted, goodConfig, "ping")
	if code != exitTransmit || !strings.Contains(out, `"code":"certificate_fail"`) {
		t.Errorf("untrusted: got %q, %d", out, code)
	}
	for sni, want := range map[string]string{"hive.test": `{"success":true}` + "\n",
		"other.test": `"code":"certificate_fail"`} {
		conn := connJSON(t, map[string]any{"host": url, "selfSignedCert": string(caPEM),
			"sni": sni})
		if out, _, _ := runCLI("transmit", "reaqta", conn, goodConfig, "ping"); !strings.Contains(
			out, want) {
			t.Errorf("sni %s: got %q, want %q", sni, out, want)
		}
	}
	insecure := connJSON(t, map[string]any{"host": url,
		"options": map[string]any{"insecure": true}})
	out, errw, code := runCLI("transmit", "reaqta", insecure, goodConfig, "ping")
	if code != 0 || !strings.Contains(errw, "warning: certificate verification is off") {
		t.Errorf("insecure: got %q, %q, %d", out, errw, code)
	}
}

// testCertificates makes a CA and a certificate for 127.0.0.1 and hive.test that it signed.
func testCertificates(t *testing.T) ([]byte, tls.Certificate) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ca := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	caCert, _ := x509.ParseCertificate(caDER)
	leaf := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "hive"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"hive.test"},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, leaf, caCert, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}),
		tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

// TestProgressOnlyOnTerminal: no progress bar is drawn on a file or a buffer.
func TestProgressOnlyOnTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, w := range []io.Writer{f, &bytes.Buffer{}} {
		p := newProgress(w, 10_000)
		p.add(500, 9_000)
		p.finish()
		if p.bar != nil {
			t.Errorf("%T: got a progress bar off a terminal", w)
		}
	}
	if st, _ := f.Stat(); st.Size() != 0 {
		t.Errorf("wrote %d bytes of progress to a file", st.Size())
	}
}

// TestTransmitTimeout: options.timeout (seconds) bounds each request.
func TestTransmitTimeout(t *testing.T) {
	url := startEmulator(t, emulator.Options{Faults: emulator.Faults{
		Latency: 300 * time.Millisecond}})
	conn := connJSON(t, map[string]any{"host": url,
		"options": map[string]any{"timeout": 0.05, "max_retries": 1}})
	start := time.Now()
	out, _, code := runCLI("transmit", "reaqta", conn, goodConfig, "ping")
	if code != exitTransmit || !strings.Contains(out, `"code":"service_unavailable"`) ||
		!strings.Contains(out, "timed out") || time.Since(start) > 2*time.Second {
		t.Errorf("got %q, %d after %v; want a time-out", out, code, time.Since(start))
	}
}

// TestTransmitRetries: a 503 is retried by default, and not with options.max_retries 0.
func TestTransmitRetries(t *testing.T) {
	for retries, want := range map[any]string{nil: `"success":true`,
		0: `"code":"service_unavailable"`} {
		url := startEmulator(t, emulator.Options{Faults: emulator.Faults{
			AuthScript: []emulator.Fault{emulator.FaultUnavailable}}})
		opts := map[string]any{}
		if retries != nil {
			opts["max_retries"] = retries
		}
		conn := connJSON(t, map[string]any{"host": url, "options": opts})
		if out, _, _ := runCLI("transmit", "reaqta", conn, goodConfig, "ping"); !strings.Contains(
			out, want) {
			t.Errorf("max_retries %v: got %q, want %s", retries, out, want)
		}
	}
}
