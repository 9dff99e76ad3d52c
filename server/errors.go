package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/crosscheck/crosscheck/extract"
	"github.com/crosscheck/crosscheck/source"
	"github.com/crosscheck/crosscheck/store"
)

// Error codes, the "code" of an error object. Clients branch on these,
// never on messages.
const (
	CodeBadRequest       = "bad_request"
	CodeUnauthorized     = "unauthorized"
	CodeForbidden        = "forbidden"
	CodeNotFound         = "not_found"
	CodeMethodNotAllowed = "method_not_allowed"
	CodeTooLarge         = "payload_too_large"
	CodeUnsupportedMedia = "unsupported_media_type"
	CodeUnprocessable    = "unprocessable"
	CodeFetchRefused     = "fetch_refused"
	CodeFetchFailed      = "fetch_failed"
	CodeTimeout          = "timeout"
	CodeUnavailable      = "unavailable"
	CodeInternal         = "internal"
)

// Error is a failure to show a client: an HTTP status, a stable code and
// a message meant for people. The cause is logged, never sent.
type Error struct {
	Status  int    `json:"status"`
	Code    string `json:"code"`
	Message string `json:"message"`
	cause   error
}

func (e *Error) Error() string {
	if e.cause != nil {
		return e.Message + ": " + e.cause.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.cause }

// errorBody is the JSON every API error is sent as.
type errorBody struct {
	Error *Error `json:"error"`
}

func errorf(status int, code, format string, args ...any) *Error {
	return &Error{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// asError turns any error a handler returns into an Error fit for a
// client. Known causes (a missing article, a refused fetch, a body over
// the limit) get their own status; anything else is a 500 whose message
// says nothing about the cause.
func asError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	var maxErr *http.MaxBytesError
	var status *source.StatusError
	switch {
	case errors.As(err, &maxErr):
		return &Error{Status: http.StatusRequestEntityTooLarge, Code: CodeTooLarge,
			Message: fmt.Sprintf("request body larger than %d bytes", maxErr.Limit), cause: err}
	case errors.Is(err, store.ErrNotFound):
		return &Error{Status: http.StatusNotFound, Code: CodeNotFound, Message: "not found", cause: err}
	case errors.Is(err, store.ErrEmptyQuery):
		return &Error{Status: http.StatusBadRequest, Code: CodeBadRequest, Message: err.Error(), cause: err}
	case errors.Is(err, source.ErrRefused):
		return &Error{Status: http.StatusUnprocessableEntity, Code: CodeFetchRefused,
			Message: "refused to fetch the URL: " + err.Error(), cause: err}
	case errors.Is(err, source.ErrTooLarge):
		return &Error{Status: http.StatusRequestEntityTooLarge, Code: CodeTooLarge,
			Message: "the input is " + err.Error(), cause: err}
	case errors.Is(err, source.ErrTimeout):
		return &Error{Status: http.StatusGatewayTimeout, Code: CodeTimeout,
			Message: "fetching the URL " + err.Error(), cause: err}
	case errors.As(err, &status), errors.Is(err, source.ErrContentType), errors.Is(err, source.ErrRedirects):
		return &Error{Status: http.StatusBadGateway, Code: CodeFetchFailed,
			Message: "could not fetch the URL: " + err.Error(), cause: err}
	case errors.Is(err, source.ErrEmpty), errors.Is(err, source.ErrBinary), errors.Is(err, source.ErrInvalidUTF8),
		errors.Is(err, source.ErrCharset), errors.Is(err, extract.ErrNoArticle):
		return &Error{Status: http.StatusUnprocessableEntity, Code: CodeUnprocessable, Message: err.Error(), cause: err}
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{Status: http.StatusServiceUnavailable, Code: CodeTimeout,
			Message: "the request took too long", cause: err}
	case errors.Is(err, context.Canceled):
		// The client went away; nobody reads this answer.
		return &Error{Status: 499, Code: CodeUnavailable, Message: "request cancelled", cause: err}
	}
	return &Error{Status: http.StatusInternalServerError, Code: CodeInternal,
		Message: "internal error; the server log has the details", cause: err}
}
