package hunt_test

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stix2hunq/stix2hunq/runtime/emulator"
)

// proxiedHost is a host name that only the test's proxy knows.
const proxiedHost = "hive.invalid:8443"

// TestProxyFromEnvironment hunts through a forward proxy on loopback named by HTTP_PROXY,
// to a host that only the proxy can reach. net/http reads the proxy variables once per
// process, so the hunt runs in a child process of the test binary.
func TestProxyFromEnvironment(t *testing.T) {
	if os.Getenv("STIX2HUNQ_TEST_PROXY_CHILD") != "" {
		if got, err := collect(client(t, "http://"+proxiedHost, nil), allQuery); err != nil ||
			len(got) != 20 {
			t.Fatalf("got %d events, %v; want 20 through the proxy", len(got), err)
		}
		return
	}
	_, target := serve(t, 30, emulator.Options{})
	targetURL, _ := url.Parse(target)
	forward := httputil.NewSingleHostReverseProxy(targetURL)
	var proxied atomic.Int64
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Host != proxiedHost {
			http.Error(w, "unknown host "+r.URL.Host, http.StatusBadGateway)
			return
		}
		proxied.Add(1)
		forward.ServeHTTP(w, r)
	}))
	t.Cleanup(proxy.Close)
	cmd := exec.Command(os.Args[0], "-test.run=^TestProxyFromEnvironment$", "-test.count=1")
	cmd.Env = []string{"STIX2HUNQ_TEST_PROXY_CHILD=1", "HTTP_PROXY=" + proxy.URL}
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if !strings.Contains(strings.ToLower(name), "proxy") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	if got := proxied.Load(); got != 2 {
		t.Errorf("the proxy forwarded %d requests, want 2 (authenticate, hunt)", got)
	}
}
