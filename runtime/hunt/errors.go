package hunt

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"
)

// Code is a stix-shifter transmission error code.
type Code string

// The error codes a [Client] returns.
const (
	CodeAuthenticationFail Code = "authentication_fail"
	CodeInvalidQuery       Code = "invalid_query"
	CodeCertificateFail    Code = "certificate_fail"
	CodeServiceUnavailable Code = "service_unavailable"
	CodeTooManyRequests    Code = "too_many_requests"
	CodeInvalidParameter   Code = "invalid_parameter"
	CodeUnknown            Code = "unknown"
)

// Error is a failed Hunt API call.
type Error struct {
	// Code classifies the failure.
	Code Code
	// Status is the HTTP status of the last answer, or 0 if none came.
	Status int
	// Message says what failed; for a rejected query it holds the server's message.
	Message string
	// Err is the underlying error, if any (for errors.Is, e.g. context.Canceled).
	Err error
}

// Error returns the code and the message.
func (e *Error) Error() string { return string(e.Code) + ": " + e.Message }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

func newError(code Code, status int, msg string, err error) *Error {
	return &Error{Code: code, Status: status, Message: msg, Err: err}
}

// statusError classifies a non-2xx answer; serverMsg is the body's "message", if any.
func statusError(op string, status int, serverMsg string) *Error {
	msg := fmt.Sprintf("%s: HTTP %d", op, status)
	if serverMsg != "" {
		msg += ": " + serverMsg
	}
	switch {
	case status == 401 || status == 403:
		return newError(CodeAuthenticationFail, status, msg, nil)
	case status == 422:
		// The message is the server's own, so that the user sees what it rejected.
		if serverMsg == "" {
			serverMsg = "query rejected"
		}
		return newError(CodeInvalidQuery, status, serverMsg, nil)
	case status == 429:
		return newError(CodeTooManyRequests, status, msg, nil)
	case status >= 500:
		return newError(CodeServiceUnavailable, status, msg, nil)
	}
	return newError(CodeUnknown, status, msg, nil)
}

// transportError classifies a failure to get an answer at all.
func transportError(op string, err error) *Error {
	if errors.Is(err, context.Canceled) {
		return newError(CodeUnknown, 0, op+": canceled", err)
	}
	if isCertError(err) {
		return newError(CodeCertificateFail, 0, op+": "+certReason(err), err)
	}
	if isTimeout(err) {
		return newError(CodeServiceUnavailable, 0, op+": timed out", err)
	}
	return newError(CodeServiceUnavailable, 0, op+": "+err.Error(), err)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func isCertError(err error) bool {
	var (
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
		verify   *tls.CertificateVerificationError
	)
	return errors.As(err, &unknown) || errors.As(err, &hostname) ||
		errors.As(err, &invalid) || errors.As(err, &verify)
}

func certReason(err error) string {
	var verify *tls.CertificateVerificationError
	if errors.As(err, &verify) && verify.Err != nil {
		return "certificate not trusted: " + verify.Err.Error()
	}
	return "certificate not trusted: " + err.Error()
}

// redact replaces every secret in e's message with a mark. A secret too short to replace
// without garbling the text withholds the whole message instead. The underlying error is
// kept for errors.Is; it never holds a request body or header, so no secret.
func redact(e *Error, secrets ...string) *Error {
	for _, s := range secrets {
		switch {
		case s == "" || !strings.Contains(e.Message, s):
		case len(s) >= 4:
			e.Message = strings.ReplaceAll(e.Message, s, "[redacted]")
		default:
			e.Message = fmt.Sprintf("HTTP %d: [redacted: the message may show a secret]",
				e.Status)
		}
	}
	return e
}
