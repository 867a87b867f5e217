package lmserrors

/*
#include "lms_errors.h"
*/
import "C"

import (
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"time"
)

// MaxBodyBytes is the largest body Parse reads (16 MiB); a larger one becomes HTTP_<status>,
// so a caller need read no more than one byte beyond it.
var MaxBodyBytes = int64(C.lms_max_body_bytes())

// Parse reads any HTTP error response into an Error (never failing for what a server sent;
// only a status outside 0..999 is refused). now is for Retry-After dates and rate-limit resets.
func (c *Core) Parse(status int, header http.Header, body []byte, now time.Time) (*Error, error) {
	return c.ParsePairs(status, headerPairs(header), body, now.UnixMilli())
}

// ParseResponse reads resp's body (at most MaxBodyBytes+1 bytes) and parses the response.
// It does not close the body.
func (c *Core) ParseResponse(resp *http.Response, now time.Time) (*Error, error) {
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBodyBytes+1))
	if err != nil {
		return nil, err
	}
	return c.Parse(resp.StatusCode, resp.Header, body, now)
}

// ParsePairs is Parse with the headers as received, in order ([name, value] pairs; for a
// repeated header the first counts) and now in epoch milliseconds.
func (c *Core) ParsePairs(status int, headers [][2]string, body []byte, nowMs int64) (*Error, error) {
	if headers == nil {
		headers = [][2]string{} // [] rather than null
	}
	headersJSON, err := json.Marshal(headers)
	if err != nil {
		return nil, err
	}
	result, err := c.call(func(instance *C.lms_instance) C.lms_status {
		ht, bt := textOf(headersJSON), textOf(body)
		return C.lms_parse(instance, C.int(status), ht.data, ht.size, bt.data, bt.size, C.double(nowMs))
	})
	if err != nil {
		return nil, err
	}
	return decodeError(result)
}

// headerPairs flattens an http.Header: names sorted (a map has no order), each value its own
// pair in the order it was received.
func headerPairs(header http.Header) [][2]string {
	names := make([]string, 0, len(header))
	for name := range header {
		names = append(names, name)
	}
	sort.Strings(names)
	pairs := make([][2]string, 0, len(names))
	for _, name := range names {
		for _, value := range header[name] {
			pairs = append(pairs, [2]string{name, value})
		}
	}
	return pairs
}
