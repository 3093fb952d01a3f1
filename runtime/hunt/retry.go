package hunt

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// maxBody bounds the body of one answer, read whole before it is decoded (a page of 500
// events is about a megabyte).
const maxBody = 64 << 20

// errBodyTooLarge reports an answer over maxBody; it is not retried.
var errBodyTooLarge = fmt.Errorf("response body larger than %d MiB", maxBody>>20)

// retryState decides, for one call, whether to try again and how long to wait first. It
// bounds the number of retries and the total time spent, and it never retries a 4xx answer
// other than 429 (a 401 is handled above it, by renewing the token).
type retryState struct {
	cfg      *Config
	start    time.Time
	attempts int
	wait     time.Duration
}

func (s *retryState) check(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if !transient(ctx, resp, err) || s.attempts >= s.cfg.MaxRetries {
		return false, nil
	}
	wait := s.delay(resp)
	if time.Since(s.start)+wait > s.cfg.MaxRetryElapsed {
		return false, nil
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
		return false, nil
	}
	s.attempts++
	s.wait = wait
	return true, nil
}

// backoff returns the wait that check chose; retryablehttp calls it right after check.
func (s *retryState) backoff(_, _ time.Duration, _ int, _ *http.Response) time.Duration {
	return s.wait
}

// delay is the server's Retry-After if it sent one on a 429 or 503, or else an exponential
// backoff with jitter: a random wait in [d/2, d] where d doubles with every retry.
func (s *retryState) delay(resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == 429 || resp.StatusCode == 503) {
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return d
		}
	}
	d := s.cfg.RetryWaitMin << min(s.attempts, 30)
	if d <= 0 || d > s.cfg.RetryWaitMax {
		d = s.cfg.RetryWaitMax
	}
	half := d / 2
	return half + rand.N(d-half+1)
}

// transient reports whether a failure may go away by itself, as retryablehttp's default
// policy judges it: network errors other than certificate, scheme, header and redirect
// errors; 429; and 5xx other than 501. An answer too large to read is not retried.
func transient(ctx context.Context, resp *http.Response, err error) bool {
	if errors.Is(err, errBodyTooLarge) || (err != nil && isCertError(err)) {
		return false
	}
	retry, _ := retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	return retry
}

// parseRetryAfter reads a Retry-After value: delay seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		return time.Duration(min(secs, 24*3600)) * time.Second, true
	}
	at, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(at.Sub(now), 0), true
}

// post sends a JSON body to url, retrying transient failures, and returns the last answer
// whatever its status, with its body read whole: a connection lost while the body arrives
// is retried like one lost before the status line. The caller closes the body.
func (c *Client) post(ctx context.Context, url string, body []byte, bearer string) (
	*http.Response, error) {
	st := &retryState{cfg: &c.cfg, start: time.Now()}
	rc := &retryablehttp.Client{
		HTTPClient:   c.http,
		RetryWaitMin: c.cfg.RetryWaitMin,
		RetryWaitMax: c.cfg.RetryWaitMax,
		RetryMax:     c.cfg.MaxRetries,
		CheckRetry:   st.check,
		Backoff:      st.backoff,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, http.MethodPost, url,
		bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	req.SetResponseHandler(readWhole)
	return rc.Do(req)
}

// readWhole replaces the body of resp with its content, read within the call's timeout.
func readWhole(resp *http.Response) error {
	var b bytes.Buffer
	if n := resp.ContentLength; n > 0 && n <= maxBody {
		b.Grow(int(n) + bytes.MinRead)
	}
	_, err := b.ReadFrom(io.LimitReader(resp.Body, maxBody+1))
	_ = resp.Body.Close()
	if err == nil && b.Len() > maxBody {
		err = errBodyTooLarge
	}
	resp.Body = &wholeBody{Reader: bytes.NewReader(b.Bytes()), raw: b.Bytes()}
	return err
}

// wholeBody is a body read whole; decoders take its bytes without copying them.
type wholeBody struct {
	*bytes.Reader
	raw []byte
}

// Close does nothing: the connection was released when the body was read.
func (*wholeBody) Close() error { return nil }

// bodyBytes returns the unread part of a body that post read whole, or reads it.
func bodyBytes(resp *http.Response) ([]byte, error) {
	if w, ok := resp.Body.(*wholeBody); ok {
		return w.raw[len(w.raw)-w.Len():], nil
	}
	return io.ReadAll(io.LimitReader(resp.Body, maxBody))
}
