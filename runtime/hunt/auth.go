package hunt

import (
	"context"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"strings"
	"time"
)

// token is a cached bearer token; renewAt is when to fetch the next one.
type token struct {
	value   string
	renewAt time.Time
}

// Ping authenticates afresh, checking the host, the certificate and the credentials.
func (c *Client) Ping(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	t, err := c.authenticate(ctx)
	if err != nil {
		return err
	}
	c.token = t
	return nil
}

// bearer returns a token that is not about to expire, authenticating if needed.
func (c *Client) bearer(ctx context.Context) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.token.value != "" && c.cfg.Now().Before(c.token.renewAt) {
		return c.token.value, nil
	}
	t, err := c.authenticate(ctx)
	if err != nil {
		return "", err
	}
	c.token = t
	return t.value, nil
}

// invalidate forgets value if it is still the cached token (after the server refused it).
func (c *Client) invalidate(value string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.token.value == value {
		c.token = token{}
	}
}

type authAnswer struct {
	Token     string      `json:"token"`
	ExpiresAt json.Number `json:"expiresAt"`
}

// authenticate posts the credentials and returns the new token; c.mu is held.
func (c *Client) authenticate(ctx context.Context) (token, error) {
	body, err := json.Marshal(map[string]string{"id": c.cfg.AppID, "secret": c.cfg.Secret})
	if err != nil {
		return token{}, newError(CodeUnknown, 0, "authenticate: "+err.Error(), nil)
	}
	resp, err := c.post(ctx, c.endpoint(AuthPath, ""), body, "")
	if err != nil {
		return token{}, c.redact(transportError("authenticate", err))
	}
	defer drain(resp)
	if resp.StatusCode != http.StatusOK {
		msg := serverMessage(resp)
		return token{}, c.redact(statusError("authenticate", resp.StatusCode, msg))
	}
	var a authAnswer
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&a); err != nil ||
		a.Token == "" {
		return token{}, newError(CodeAuthenticationFail, resp.StatusCode,
			"authenticate: malformed response body: no token", errNoBody)
	}
	date, _ := http.ParseTime(resp.Header.Get("Date"))
	return token{value: a.Token, renewAt: c.renewAt(a.ExpiresAt, date)}, nil
}

// maxSkew is how far the server's Date may differ from the local clock before the token's
// lifetime is measured against the server's clock.
const maxSkew = 5 * time.Second

// renewAt turns expiresAt (epoch seconds, possibly fractional) into the local time to renew:
// RenewBefore ahead, but no earlier than half-way through the token's life. When the
// server's Date (zero if it sent none) is more than maxSkew away from the local clock, the
// lifetime is expiresAt minus that Date, so that a skewed clock neither renews on every
// call nor keeps a token past its end. A token with no readable expiry is kept until the
// server refuses it.
func (c *Client) renewAt(expiresAt json.Number, serverDate time.Time) time.Time {
	now := c.cfg.Now()
	f, err := expiresAt.Float64()
	if err != nil || f <= 0 || math.IsInf(f, 0) || f > 1e11 {
		return now.Add(100 * 365 * 24 * time.Hour)
	}
	sec, frac := math.Modf(f)
	exp := time.Unix(int64(sec), int64(frac*1e9))
	life := exp.Sub(now)
	if !serverDate.IsZero() && (serverDate.Sub(now) > maxSkew || now.Sub(serverDate) > maxSkew) {
		life = exp.Sub(serverDate)
	}
	if life <= 0 {
		return now
	}
	return now.Add(life - min(c.cfg.RenewBefore, life/2))
}

// redact removes the secret and the given tokens from e's message.
func (c *Client) redact(e *Error, tokens ...string) *Error {
	return redact(e, append(tokens, c.cfg.Secret)...)
}

// serverMessage reads the "message" of an error answer, or a short excerpt of a body that
// is not JSON (a proxy's HTML page, say).
func serverMessage(resp *http.Response) string {
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	var m struct {
		Message  string   `json:"message"`
		Messages []string `json:"messages"`
	}
	if json.Unmarshal(raw, &m) == nil {
		if m.Message != "" {
			return m.Message
		}
		return strings.Join(m.Messages, "; ")
	}
	s := strings.Join(strings.Fields(string(raw)), " ")
	if len(s) > 120 {
		s = s[:120] + "..."
	}
	return s
}

// drain reads what is left of a body so that the connection can be reused, then closes it.
func drain(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	_ = resp.Body.Close()
}
