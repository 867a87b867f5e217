// Package lmserrors is the lms-errors core for Go servers: the same catalogue, envelope
// parsing, retry rules and messages as the browser and Node packages, through the core's C API
// (include/lms_errors.h) linked with cgo.
//
// Building: cgo finds the native library with pkg-config (lms_errors.pc, installed by
// `cmake --install`). From a checkout:
//
//	bash scripts/build.sh native
//	cmake --install build/native --prefix build/native-install
//	PKG_CONFIG_PATH=$PWD/build/native-install/lib/pkgconfig go build ./...
//
// scripts/go-test.sh does this and runs `go test`.
package lmserrors

/*
#cgo pkg-config: lms_errors
#include <stdlib.h>
#include "lms_errors.h"
#include "lms_errors_tools.h"
*/
import "C"

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"unsafe"
)

// The kinds of failure a call into the core reports (lms_status), for errors.Is.
var (
	ErrInvalidArgument = errors.New("lmserrors: invalid argument")
	ErrNotFound        = errors.New("lmserrors: not found")
	ErrTooLarge        = errors.New("lmserrors: too large")
	ErrClosed          = errors.New("lmserrors: core is closed")
)

// CallError is a refused call: its kind (one of the Err* values above, for errors.Is) and the
// core's one-line message saying what was wrong.
type CallError struct {
	Kind    error
	Message string
}

func (e *CallError) Error() string { return e.Kind.Error() + ": " + e.Message }
func (e *CallError) Unwrap() error { return e.Kind }

// Core is one instance of the core: its catalogue, translations, default retry policy and
// retry budget. It is safe for concurrent use: the C instance is not internally locked
// (lms_errors.h), so every call holds the Core's mutex until its result is copied out. A busy
// server that finds this lock contended can keep one Core per worker instead (each has its own
// retry budget then).
type Core struct {
	mu       sync.Mutex
	instance *C.lms_instance
}

// NewCore makes a Core with the embedded catalogue, no translations (add the shipped ones with
// LoadLocale), and ServerRetryPolicy as its default retry policy. Close it when done.
func NewCore() (*Core, error) {
	instance := C.lms_create()
	if instance == nil {
		return nil, &CallError{Kind: ErrTooLarge, Message: "out of memory creating an instance"}
	}
	core := &Core{instance: instance}
	if err := core.SetRetryPolicy(ServerRetryPolicy); err != nil {
		core.Close()
		return nil, err
	}
	return core, nil
}

// Close frees the instance. Calls after Close return ErrClosed.
func (c *Core) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.instance != nil {
		C.lms_destroy(c.instance)
		c.instance = nil
	}
}

var (
	defaultOnce sync.Once
	defaultCore *Core
	defaultErr  error
)

// Default is the Core the package-level functions use, made on first use and shared by all
// goroutines: NewCore with every shipped locale loaded (LoadLocale), so the package-level Format
// speaks each of them as the browser does.
func Default() (*Core, error) {
	defaultOnce.Do(func() { defaultCore, defaultErr = newCoreWithShippedLocales() })
	return defaultCore, defaultErr
}

func newCoreWithShippedLocales() (*Core, error) {
	core, err := NewCore()
	if err != nil {
		return nil, err
	}
	for _, locale := range ShippedLocales() {
		if err := core.LoadLocale(locale); err != nil {
			core.Close()
			return nil, err
		}
	}
	return core, nil
}

// text is how a Go string crosses the boundary: a pointer and a byte count. The core reads
// arguments only during the call and never keeps them, so Go memory may be passed directly.
type text struct {
	data *C.char
	size C.size_t
}

func textOf(b []byte) text {
	if len(b) == 0 {
		return text{}
	}
	return text{(*C.char)(unsafe.Pointer(&b[0])), C.size_t(len(b))}
}

// decodeResult reads a call's JSON result into a T; `what` names it in the error.
func decodeResult[T any](result []byte, what string) (T, error) {
	var value T
	if err := json.Unmarshal(result, &value); err != nil {
		return value, fmt.Errorf("lmserrors: the core's %s JSON did not decode: %w", what, err)
	}
	return value, nil
}

// call runs one C function on the instance under the lock and copies its result out.
func (c *Core) call(run func(instance *C.lms_instance) C.lms_status) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.instance == nil {
		return nil, ErrClosed
	}
	status := run(c.instance)
	result := C.GoBytes(unsafe.Pointer(C.lms_result_data(c.instance)), C.int(C.lms_result_size(c.instance)))
	switch status {
	case C.LMS_OK:
		return result, nil
	case C.LMS_NOT_FOUND:
		return nil, &CallError{Kind: ErrNotFound, Message: string(result)}
	case C.LMS_TOO_LARGE:
		return nil, &CallError{Kind: ErrTooLarge, Message: string(result)}
	default:
		return nil, &CallError{Kind: ErrInvalidArgument, Message: string(result)}
	}
}
