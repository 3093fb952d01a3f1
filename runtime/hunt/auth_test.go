package hunt_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stix2hunq/stix2hunq/runtime/emulator"
	"github.com/stix2hunq/stix2hunq/runtime/hunt"
)

const wrongSecret = "wrong-secret-5f2a91"

func TestWrongSecret(t *testing.T) {
	srv, url := serve(t, 10, emulator.Options{})
	c := client(t, url, func(cfg *hunt.Config) { cfg.Secret = wrongSecret })
	for name, err := range map[string]error{
		"ping": c.Ping(context.Background()),
		"hunt": func() error { _, err := collect(c, allQuery); return err }(),
	} {
		he := wantCode(t, err, hunt.CodeAuthenticationFail)
		if he.Status != 401 || strings.Contains(err.Error(), wrongSecret) {
			t.Errorf("%s: got %d %q, want 401 without the secret", name, he.Status, err)
		}
	}
	if st := srv.Stats(); st.AuthFailed != 2 || st.Hunts != 0 {
		t.Errorf("got %d failed authentications and %d hunts, want 2 and 0", st.AuthFailed,
			st.Hunts)
	}
}

func TestPing(t *testing.T) {
	srv, url := serve(t, 10, emulator.Options{})
	if err := client(t, url, nil).Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
	if srv.Stats().Auth != 1 {
		t.Errorf("got %d authentications, want 1", srv.Stats().Auth)
	}
}

// echoServer answers authentication with tok, or with 401 if failAuth, and hunts with
// 422; every error message echoes what it received, the secret and the token included.
func echoServer(t *testing.T, failAuth bool, tok string) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		switch {
		case r.URL.Path == hunt.AuthPath && !failAuth:
			_, _ = io.WriteString(w, `{"token":"`+tok+`","expiresAt":4102444800.5}`)
			return
		case r.URL.Path == hunt.AuthPath:
			w.WriteHeader(401)
		default:
			w.WriteHeader(422)
		}
		msg := strings.ReplaceAll(string(body)+" "+r.Header.Get("Authorization"), `"`, `'`)
		_, _ = io.WriteString(w, `{"message":"you sent `+msg+`"}`)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestSecretsNeverInErrors(t *testing.T) {
	const secret, tok = "s3cr3t-value-77", "tok-abcdef-123456"
	for _, failAuth := range []bool{true, false} {
		c := client(t, echoServer(t, failAuth, tok), func(cfg *hunt.Config) {
			cfg.Secret = secret
		})
		_, err := collect(c, allQuery)
		if err == nil {
			t.Fatalf("failAuth %v: no error", failAuth)
		}
		if s := err.Error(); strings.Contains(s, secret) || strings.Contains(s, tok) ||
			!strings.Contains(s, "[redacted]") {
			t.Errorf("failAuth %v: error %q shows a secret or redacts nothing", failAuth, s)
		}
	}
}
