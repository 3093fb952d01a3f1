package emulator

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// session is an issued token.
type session struct {
	expires time.Time
	hunts   int
}

// handleAuth answers POST /rqt-api/1/authenticate with {"token","expiresAt"}, or 401.
// It accepts a JSON body {"id","secret"} or the same as a form.
func (s *Server) handleAuth(w http.ResponseWriter, r *http.Request) {
	id, secret, ok := credentials(r)
	if !ok || !equal(id, s.opts.AppID) || !equal(secret, s.opts.Secret) {
		s.authFailed.Add(1)
		writeError(w, http.StatusUnauthorized, "Authentication failed")
		return
	}
	s.auth.Add(1)
	tok := newToken()
	exp := s.opts.Now().Add(s.opts.TokenLifetime)
	s.mu.Lock()
	s.dropExpired()
	s.tokens[tok] = &session{expires: exp}
	s.mu.Unlock()
	// expiresAt in epoch seconds with milliseconds, as the real API may send.
	at := strconv.FormatFloat(float64(exp.UnixMilli())/1000, 'f', 3, 64)
	writeJSON(w, http.StatusOK, map[string]any{"token": tok, "expiresAt": json.Number(at)})
}

func credentials(r *http.Request) (id, secret string, ok bool) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 64<<10))
	if err != nil {
		return "", "", false
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		r.Body = io.NopCloser(strings.NewReader(string(body)))
		if r.ParseForm() != nil {
			return "", "", false
		}
		return r.PostForm.Get("id"), r.PostForm.Get("secret"), true
	}
	var c struct{ ID, Secret string }
	if json.Unmarshal(body, &c) != nil {
		return "", "", false
	}
	return c.ID, c.Secret, true
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

func newToken() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return "emu." + hex.EncodeToString(b)
}

// dropExpired forgets expired tokens; s.mu is held.
func (s *Server) dropExpired() {
	now := s.opts.Now()
	for t, ses := range s.tokens {
		if !now.Before(ses.expires) {
			delete(s.tokens, t)
		}
	}
}

// authorize checks the bearer token of a hunt and counts its use; it answers 401 itself.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) bool {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	s.mu.Lock()
	ses := s.tokens[tok]
	valid := ok && ses != nil && s.opts.Now().Before(ses.expires)
	if valid && s.opts.Faults.RevokeAfter > 0 && ses.hunts >= s.opts.Faults.RevokeAfter {
		valid = false
	}
	if valid {
		ses.hunts++
	}
	s.mu.Unlock()
	if !valid {
		s.unauthorized.Add(1)
		writeError(w, http.StatusUnauthorized, "Unauthorized: invalid or expired token")
	}
	return valid
}

// writeError writes the API's error body {"message","code"}.
func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"message": msg, "code": status})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
