package lmserrors

import (
	"encoding/json"
	"fmt"
)

// Error is a normalized error: what Parse reads from any HTTP error response (the shape
// lms.parse returns in JS), or what a server answers with (Wrap). It is a Go error: errors.Is
// matches another *Error by code (and by dialect when the target names one), and Unwrap gives
// the underlying cause, which is for logs only — WriteError never sends it.
type Error struct {
	Dialect      string         `json:"dialect"`
	Code         string         `json:"code"`
	Status       int            `json:"status"`
	Message      string         `json:"message"`
	Known        bool           `json:"known"`
	Params       map[string]any `json:"params"`
	FieldErrors  []FieldError   `json:"fieldErrors"`
	ImportErrors []ImportError  `json:"importErrors"`
	RetryAfterMs *int64         `json:"retryAfterMs"`
	RateLimit    *RateLimit     `json:"rateLimit"`
	Path         *string        `json:"path,omitempty"`
	Timestamp    *string        `json:"timestamp,omitempty"`
	RequestID    *string        `json:"requestId,omitempty"`
	// ServerCode is a foreign server's own machine code (Stripe's "card_declined", Google's
	// "PERMISSION_DENIED", OAuth's "invalid_grant"…); Code stays the catalogue's or HTTP_<status>.
	ServerCode *string `json:"serverCode,omitempty"`

	cause error
}

// FieldError is one field of a validation error.
type FieldError struct {
	Field   string         `json:"field"`
	Rule    *string        `json:"rule,omitempty"`
	Message *string        `json:"message,omitempty"`
	Params  map[string]any `json:"params,omitempty"` // absent when the server sent none
}

// ImportError is one problem of a bulk import; Rows are inclusive [start, end] ranges.
type ImportError struct {
	Code          string          `json:"code"`
	Column        *string         `json:"column,omitempty"`
	Rows          [][2]int64      `json:"rows"`
	Params        json.RawMessage `json:"params,omitempty"`
	AllowedValues []string        `json:"allowedValues,omitempty"`
}

// RateLimit is what X-RateLimit-* headers said; ResetAt is in epoch milliseconds.
type RateLimit struct {
	Limit     int64 `json:"limit"`
	Remaining int64 `json:"remaining"`
	ResetAt   int64 `json:"resetAt"`
}

// Error is the teachers' form: the message, then the code in brackets.
func (e *Error) Error() string {
	if e.Message == "" {
		return fmt.Sprintf("[%s]", e.Code)
	}
	return fmt.Sprintf("%s [%s]", e.Message, e.Code)
}

// Unwrap gives the cause Wrap was given (nil for a parsed error).
func (e *Error) Unwrap() error { return e.cause }

// Is reports whether target is an *Error with the same code, and the same dialect when the
// target names one: errors.Is(err, &lmserrors.Error{Code: "NOT_FOUND"}).
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	if !ok || t.Code != e.Code {
		return false
	}
	return t.Dialect == "" || t.Dialect == e.Dialect
}

// Wrap is the error a server answers with: catalogue entry (dialect, code) with its params,
// its message filled in, and cause kept for logs (errors.Unwrap) but never sent.
func (c *Core) Wrap(cause error, dialect, code string, params map[string]any) (*Error, error) {
	entry, err := c.Lookup(dialect, code)
	if err != nil {
		return nil, err
	}
	if params == nil {
		params = map[string]any{}
	}
	message, err := c.fillMessage(entry, params)
	if err != nil {
		return nil, err
	}
	return &Error{Dialect: entry.Dialect, Code: entry.Code, Status: entry.Status, Message: message, Known: true,
		Params: params, FieldErrors: []FieldError{}, ImportErrors: []ImportError{}, cause: cause}, nil
}

// fillMessage is the entry's message with its params, as emit writes it: read back from the
// body emit gives for the entry's own dialect.
func (c *Core) fillMessage(entry Entry, params map[string]any) (string, error) {
	emitted, err := c.Emit(entry.Dialect, entry.Code, params, nil)
	if err != nil {
		return "", err
	}
	parsed, err := c.ParsePairs(emitted.Status, emitted.Headers, emitted.Body, 0)
	if err != nil {
		return "", err
	}
	return parsed.Message, nil
}

func decodeError(result []byte) (*Error, error) {
	parsed, err := decodeResult[Error](result, "error")
	if err != nil {
		return nil, err
	}
	return &parsed, nil
}
