package lmserrors

import (
	"net/http"
	"time"

	"lms-errors/go/lmserrors/apperrors"
)

// The package-level functions use the shared Default core.

// Parse reads any HTTP error response (see Core.Parse).
func Parse(status int, header http.Header, body []byte, now time.Time) (*Error, error) {
	core, err := Default()
	if err != nil {
		return nil, err
	}
	return core.Parse(status, header, body, now)
}

// Decide decides on a failed outgoing call with the shared server budget (see Core.Decide).
func Decide(err *Error, ctx RetryContext, policy *RetryPolicy) (Decision, error) {
	core, coreErr := Default()
	if coreErr != nil {
		return Decision{}, coreErr
	}
	return core.Decide(err, ctx, policy)
}

// Format is one translated line for err (see Core.Format).
func Format(err *Error, locale string, audience Audience) (string, error) {
	core, coreErr := Default()
	if coreErr != nil {
		return "", coreErr
	}
	return core.Format(err, locale, audience)
}

// Lookup is the catalogue entry for (dialect, code) (see Core.Lookup).
func Lookup(dialect, code string) (Entry, error) {
	core, err := Default()
	if err != nil {
		return Entry{}, err
	}
	return core.Lookup(dialect, code)
}

// Wrap is the error a server answers with, keeping cause for logs (see Core.Wrap).
func Wrap(cause error, dialect, code string, params map[string]any) (*Error, error) {
	core, err := Default()
	if err != nil {
		return nil, err
	}
	return core.Wrap(cause, dialect, code, params)
}

// ExposedHeaders are the headers WriteError may send besides content-type (see Core.ExposedHeaders).
func ExposedHeaders() ([]string, error) {
	core, err := Default()
	if err != nil {
		return nil, err
	}
	return core.ExposedHeaders()
}

// WriteError writes emit()'s response for (dialect, code) (see Core.WriteError).
func WriteError(w http.ResponseWriter, dialect, code string, params map[string]any, opts *WriteOptions) error {
	core, err := Default()
	if err != nil {
		return err
	}
	return core.WriteError(w, dialect, code, params, opts)
}

// WriteAppError writes emit()'s response for a generated entry (see Core.WriteAppError).
func WriteAppError(w http.ResponseWriter, e *apperrors.AppError, opts *WriteOptions) error {
	core, err := Default()
	if err != nil {
		return err
	}
	return core.WriteAppError(w, e, opts)
}
