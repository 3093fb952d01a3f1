package hunt_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/stix2hunq/stix2hunq/runtime/emulator"
	"github.com/stix2hunq/stix2hunq/runtime/hunt"
)

// now is the emulator's clock: sample events fall in the hour before it.
var now = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// allQuery matches every sample event.
const allQuery = `happenedAfter = "2024-05-01T10:00:00.000Z"`

var sampleCache sync.Map // event count -> []emulator.Event

// samples returns n sample events at the test clock, generating each count once.
func samples(n int) []emulator.Event {
	if evs, ok := sampleCache.Load(n); ok {
		return evs.([]emulator.Event)
	}
	evs, _ := sampleCache.LoadOrStore(n, emulator.SampleEvents(1, n, now))
	return evs.([]emulator.Event)
}

// serve starts an emulator over n sample events (if opts has none) on loopback.
func serve(t testing.TB, n int, opts emulator.Options) (*emulator.Server, string) {
	t.Helper()
	if opts.Events == nil {
		opts.Events = samples(n)
	}
	s := emulator.New(opts)
	url, stop := s.Start(context.Background())
	t.Cleanup(stop)
	return s, url
}

// client builds a client of url with the emulator's credentials and short retry waits.
func client(t testing.TB, url string, edit func(*hunt.Config)) *hunt.Client {
	t.Helper()
	cfg := hunt.Config{
		BaseURL: url, AppID: emulator.DefaultAppID, Secret: emulator.DefaultSecret,
		Timeout:      5 * time.Second,
		RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond,
	}
	if edit != nil {
		edit(&cfg)
	}
	c, err := hunt.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// ids returns the eventId of each event.
func ids(t testing.TB, evs []json.RawMessage) []string {
	t.Helper()
	out := make([]string, len(evs))
	for i, raw := range evs {
		var ev struct{ EventID string }
		if err := json.Unmarshal(raw, &ev); err != nil {
			t.Fatal(err)
		}
		out[i] = ev.EventID
	}
	return out
}

// sampleIDs returns the eventIds of the sample events in the order the emulator serves.
func sampleIDs(t testing.TB, n int) []string {
	evs := samples(n)
	raws := make([]json.RawMessage, len(evs))
	for i, ev := range evs {
		raws[i] = ev.Raw
	}
	return ids(t, raws) // SampleEvents is newest first already
}

// wantCode fails unless err is a *hunt.Error with code.
func wantCode(t *testing.T, err error, code hunt.Code) *hunt.Error {
	t.Helper()
	he, ok := err.(*hunt.Error)
	if !ok {
		t.Fatalf("got error %v (%T), want a *hunt.Error with code %s", err, err, code)
	}
	if he.Code != code {
		t.Fatalf("got code %s (%v), want %s", he.Code, he, code)
	}
	return he
}

// testPKI is a CA made for one test and a server certificate for 127.0.0.1 and hive.test
// signed by it.
type testPKI struct {
	caPEM  []byte
	server tls.Certificate
}

func newPKI(t testing.TB) testPKI {
	t.Helper()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ca := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "stix2hunq test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caCert, _ := x509.ParseCertificate(caDER)
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	leaf := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "hive.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"hive.test"},
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, leaf, caCert, &key.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	return testPKI{
		caPEM:  pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}),
		server: tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key},
	}
}
