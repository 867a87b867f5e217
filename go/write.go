package lmserrors

/*
#include "lms_errors_tools.h"
*/
import "C"

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"lms-errors/go/lmserrors/apperrors"
)

// WriteOptions are the per-response parts of an emitted error; every member is optional.
type WriteOptions struct {
	Now               time.Time  // the nestjs timestamp's time (zero: the epoch)
	Timestamp         *string    // instead of Now as ISO 8601
	Path              string     // nestjs `path`
	Message           *string    // instead of the catalogue's filled message
	Data              any        // nestjs/okflag `data` (an object)
	Errors            any        // okflag `errors` (an array)
	RequestID         *string    // -> x-request-id
	RetryAfterSeconds *int64     // -> retry-after
	RateLimit         *RateLimit // -> x-ratelimit-limit/-remaining/-reset
}

func (o *WriteOptions) toJSON() ([]byte, error) {
	if o == nil {
		return nil, nil
	}
	members := map[string]any{}
	if o.Timestamp != nil {
		members["timestamp"] = *o.Timestamp
	}
	if o.Message != nil {
		members["message"] = *o.Message
	}
	if o.Data != nil {
		members["data"] = o.Data
	}
	if o.Errors != nil {
		members["errors"] = o.Errors
	}
	if o.RequestID != nil {
		members["requestId"] = *o.RequestID
	}
	if o.RetryAfterSeconds != nil {
		members["retryAfter"] = *o.RetryAfterSeconds
	}
	if o.RateLimit != nil {
		members["rateLimit"] = o.RateLimit
	}
	if len(members) == 0 {
		return nil, nil // no options text: the core reads none (Now and Path cross as arguments)
	}
	return json.Marshal(members)
}

// Emitted is what a server of a dialect sends for a catalogue entry: exactly emit()'s status,
// headers (lower-case names, content-type first) and body.
type Emitted struct {
	Status  int
	Headers [][2]string
	Body    []byte
}

// Emit is the response for catalogue entry (dialect, code) with params (each one the entry
// requires must be there). ErrNotFound for an unknown (dialect, code), ErrInvalidArgument for
// missing params or bad options.
func (c *Core) Emit(dialect, code string, params map[string]any, opts *WriteOptions) (Emitted, error) {
	if params == nil {
		params = map[string]any{}
	}
	paramsJSON, err := json.Marshal(params)
	if err != nil {
		return Emitted{}, err
	}
	optionsJSON, err := opts.toJSON()
	if err != nil {
		return Emitted{}, err
	}
	var nowMs float64 // the epoch when no time is given
	var pathBytes []byte
	if opts != nil {
		if !opts.Now.IsZero() {
			nowMs = float64(opts.Now.UnixMilli())
		}
		pathBytes = []byte(opts.Path)
	}
	dialectBytes, codeBytes := []byte(dialect), []byte(code)
	var headSize int
	result, err := c.call(func(instance *C.lms_instance) C.lms_status {
		dt, ct, pt := textOf(dialectBytes), textOf(codeBytes), textOf(paramsJSON)
		path, ot := textOf(pathBytes), textOf(optionsJSON)
		status := C.lms_emit(instance, dt.data, dt.size, ct.data, ct.size, pt.data, pt.size, path.data, path.size,
			ot.data, ot.size, C.double(nowMs))
		headSize = int(C.lms_emit_head_size(instance))
		return status
	})
	if err != nil {
		return Emitted{}, err
	}
	// The result is the head as JSON, then the body's bytes as they are (lms_errors_tools.h).
	if headSize > len(result) {
		return Emitted{}, fmt.Errorf("lmserrors: the core's emitted head (%d bytes) is longer than its result (%d)", headSize, len(result))
	}
	var head struct {
		Status  int             `json:"status"`
		Headers json.RawMessage `json:"headers"`
	}
	if err := json.Unmarshal(result[:headSize], &head); err != nil {
		return Emitted{}, fmt.Errorf("lmserrors: the core's emitted head did not decode: %w", err)
	}
	headers, err := orderedPairs(head.Headers)
	if err != nil {
		return Emitted{}, fmt.Errorf("lmserrors: the core's emitted headers did not decode: %w", err)
	}
	return Emitted{Status: head.Status, Headers: headers, Body: result[headSize:]}, nil
}

// ExposedHeaders are the response headers Emit may send besides content-type (retry-after,
// x-ratelimit-*, x-request-id, x-lms-catalogue-revision), for a CORS middleware's exposed
// headers: a page on another origin reads only the headers a response exposes. Asked of the
// core, so they are what its Emit writes.
func (c *Core) ExposedHeaders() ([]string, error) {
	requestID, retryAfter := "id", int64(1)
	emitted, err := c.Emit("http", "HTTP_429", nil, &WriteOptions{
		RequestID: &requestID, RetryAfterSeconds: &retryAfter, RateLimit: &RateLimit{Limit: 1},
	})
	if err != nil {
		return nil, err
	}
	var names []string
	for _, header := range emitted.Headers {
		if header[0] != "content-type" {
			names = append(names, header[0])
		}
	}
	return names, nil
}

// orderedPairs reads headers given as a JSON object {name: value} (emit's result) or as
// [[name, value], ...], keeping their order (content-type first).
func orderedPairs(raw json.RawMessage) ([][2]string, error) {
	var pairs [][2]string
	if len(raw) == 0 {
		return pairs, nil
	}
	if raw[0] == '[' {
		err := json.Unmarshal(raw, &pairs)
		return pairs, err
	}
	decoder := json.NewDecoder(bytes.NewReader(raw))
	if _, err := decoder.Token(); err != nil { // the opening brace
		return nil, err
	}
	for decoder.More() {
		name, err := decoder.Token()
		if err != nil {
			return nil, err
		}
		var value string
		if err := decoder.Decode(&value); err != nil {
			return nil, err
		}
		pairs = append(pairs, [2]string{name.(string), value})
	}
	return pairs, nil
}

// WriteError writes the response for (dialect, code) to w: status, headers and body exactly
// as emit() makes them. On an error (unknown entry, missing params, bad options) nothing is
// written, so the caller can still answer.
func (c *Core) WriteError(w http.ResponseWriter, dialect, code string, params map[string]any, opts *WriteOptions) error {
	emitted, err := c.Emit(dialect, code, params, opts)
	if err != nil {
		return err
	}
	header := w.Header()
	for _, pair := range emitted.Headers {
		header[http.CanonicalHeaderKey(pair[0])] = append(header[http.CanonicalHeaderKey(pair[0])], pair[1])
	}
	// The body's exact length, so net/http neither chunks nor sniffs it; and no Date header,
	// which emit() does not write either.
	header.Set("Content-Length", fmt.Sprint(len(emitted.Body)))
	header["Date"] = nil
	w.WriteHeader(emitted.Status)
	_, err = w.Write(emitted.Body)
	return err
}

// Write answers with e (from Wrap): its dialect, code and params. Its cause is not sent.
func (c *Core) Write(w http.ResponseWriter, e *Error, opts *WriteOptions) error {
	return c.WriteError(w, e.Dialect, e.Code, e.Params, opts)
}

// WriteAppError answers with a generated catalogue entry (package apperrors: the table every
// server and the browser share), its Values as the params: apperrors.ErrLmsAdm007.Wrap(err)
// or apperrors.ErrNestjsNotFound.With(map[string]string{"entity": "Pupil"}). Its Err, the
// underlying failure, is for the logs and is never sent.
func (c *Core) WriteAppError(w http.ResponseWriter, e *apperrors.AppError, opts *WriteOptions) error {
	if e == nil {
		return fmt.Errorf("%w: WriteAppError needs an *apperrors.AppError, not nil", ErrInvalidArgument)
	}
	params := make(map[string]any, len(e.Values))
	for name, value := range e.Values {
		params[name] = value
	}
	return c.WriteError(w, e.Dialect, e.Code, params, opts)
}
