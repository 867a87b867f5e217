package lmserrors

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

const testTimestamp = "2026-03-10T12:00:00.000Z"

// emittable are the entries a server can answer with: every dialect but network (status 0).
func emittable(t *testing.T, core *Core) []Entry {
	t.Helper()
	entries, err := core.Entries("")
	if err != nil {
		t.Fatal(err)
	}
	var out []Entry
	for _, entry := range entries {
		if entry.Dialect != "network" {
			out = append(out, entry)
		}
	}
	if len(out) < 150 {
		t.Fatalf("only %d emittable entries", len(out))
	}
	return out
}

func testParams(entry Entry) map[string]any {
	params := map[string]any{}
	for _, name := range entry.Params {
		params[name] = "x" + name
	}
	return params
}

func testOptions() *WriteOptions {
	timestamp, requestID := testTimestamp, "req-42"
	return &WriteOptions{Path: "/api/v1/thing", Timestamp: &timestamp, RequestID: &requestID}
}

// errorServer answers /error?dialect=D&code=C with WriteError on the shared Default core, the
// entry's params named after themselves.
func errorServer(t *testing.T) *httptest.Server {
	core, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dialect, code := r.URL.Query().Get("dialect"), r.URL.Query().Get("code")
		entry, err := core.Lookup(dialect, code)
		if err != nil {
			http.Error(w, err.Error(), http.StatusTeapot)
			return
		}
		if err := WriteError(w, dialect, code, testParams(entry), testOptions()); err != nil {
			http.Error(w, err.Error(), http.StatusTeapot)
		}
	}))
}

// A real net/http server answers every entry; the package's lms.parse (Node, over dist/) reads
// each back to the same (dialect, code, status, message), and the bytes and headers are
// exactly lms.emit()'s.
func TestServerAnswersEveryEntryAsEmitDoes(t *testing.T) {
	if _, err := os.Stat("../dist/lms_tools.wasm"); err != nil {
		t.Fatal("dist/lms_tools.wasm is missing: run `bash scripts/build.sh wasm` first")
	}
	// The package in dist/ must load first: on a branch where web/ and the .wasm are out of
	// step this says so instead of reporting every entry (the Node suites fail there too).
	if probe, err := exec.Command("node", "-e", "import('lms-errors').then((m) => m.init())").CombinedOutput(); err != nil {
		t.Skipf("the package in dist/ does not load in Node, so nothing can be read back: %s", probe)
	}
	server := errorServer(t)
	defer server.Close()
	core := newTestCore(t)

	type readBack struct {
		URL     string            `json:"url"`
		Dialect string            `json:"dialect"`
		Code    string            `json:"code"`
		Params  map[string]any    `json:"params"`
		Options map[string]string `json:"options"`
		Status  int               `json:"status"`
		Message string            `json:"message"`
	}
	var cases []readBack
	for _, entry := range emittable(t, core) {
		// The message a client should read: the entry's, filled in by the Go side.
		wrapped, err := core.Wrap(errors.New("db: connection refused"), entry.Dialect, entry.Code, testParams(entry))
		if err != nil {
			t.Fatalf("%s %s: %v", entry.Dialect, entry.Code, err)
		}
		query := url.Values{"dialect": {entry.Dialect}, "code": {entry.Code}}
		cases = append(cases, readBack{URL: server.URL + "/error?" + query.Encode(), Dialect: entry.Dialect,
			Code: entry.Code, Params: testParams(entry), Status: entry.Status, Message: wrapped.Message,
			Options: map[string]string{"path": "/api/v1/thing", "timestamp": testTimestamp, "requestId": "req-42"}})
	}
	input, err := json.Marshal(cases)
	if err != nil {
		t.Fatal(err)
	}
	node := exec.Command("node", "testdata/readback.mjs")
	node.Stdin = bytes.NewReader(input)
	output, err := node.CombinedOutput()
	if err != nil {
		t.Fatalf("node testdata/readback.mjs: %v\n%s", err, output)
	}
	want := fmt.Sprintf("read back %d responses", len(cases))
	if !strings.Contains(string(output), want) {
		t.Fatalf("node said %q, want %q", output, want)
	}
}

// The same responses read back by the Go package itself, with the cause never sent.
func TestServerResponsesParseBackInGo(t *testing.T) {
	server := errorServer(t)
	defer server.Close()
	core := newTestCore(t)
	for _, entry := range emittable(t, core) {
		query := url.Values{"dialect": {entry.Dialect}, "code": {entry.Code}}
		resp, err := http.Get(server.URL + "/error?" + query.Encode())
		if err != nil {
			t.Fatal(err)
		}
		parsed, err := core.ParseResponse(resp, time.UnixMilli(0))
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		label := entry.Dialect + " " + entry.Code
		if parsed.Dialect != entry.Dialect || parsed.Code != entry.Code || parsed.Status != entry.Status || !parsed.Known {
			t.Errorf("%s: read back as %s %s %d known=%v", label, parsed.Dialect, parsed.Code, parsed.Status, parsed.Known)
		}
		if resp.Header.Get("Date") != "" {
			t.Errorf("%s: net/http added a Date header emit() does not write", label)
		}
	}
}

func TestWrappedCauseIsLoggedNeverSent(t *testing.T) {
	core := newTestCore(t)
	cause := errors.New("pq: password authentication failed for user lms")
	wrapped, err := core.Wrap(cause, "lms", "LMS-ADM-007", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(wrapped, cause) || errors.Unwrap(wrapped) != cause {
		t.Fatal("the cause is not wrapped")
	}
	if !errors.Is(wrapped, &Error{Code: "LMS-ADM-007"}) || !errors.Is(wrapped, &Error{Dialect: "lms", Code: "LMS-ADM-007"}) {
		t.Fatal("errors.Is by code failed")
	}
	if errors.Is(wrapped, &Error{Code: "LMS-ADM-008"}) || errors.Is(wrapped, &Error{Dialect: "wrapped", Code: "LMS-ADM-007"}) {
		t.Fatal("errors.Is matched another code or dialect")
	}
	if wrapped.Error() != "update failed [LMS-ADM-007]" {
		t.Fatalf("Error() = %q", wrapped.Error())
	}
	logged := fmt.Errorf("saving settings: %w", wrapped)
	var asError *Error
	if !errors.As(logged, &asError) || asError.Code != "LMS-ADM-007" || !errors.Is(logged, cause) {
		t.Fatal("errors.As/Is through a further wrap failed")
	}
	recorder := httptest.NewRecorder()
	if err := core.Write(recorder, wrapped, nil); err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(recorder.Result().Body)
	if recorder.Code != 500 || string(body) != `{"code":"LMS-ADM-007","error":"update failed"}` {
		t.Fatalf("wrote %d %s", recorder.Code, body)
	}
	if strings.Contains(string(body), "password") {
		t.Fatal("the cause was sent")
	}
}

func TestWriteErrorRefusesBadInputAndWritesNothing(t *testing.T) {
	core := newTestCore(t)
	recorder := httptest.NewRecorder()
	err := core.WriteError(recorder, "nestjs", "NO_SUCH_CODE", nil, nil)
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown code: %v", err)
	}
	entry, err := core.Lookup("nestjs", "NOT_FOUND")
	if err != nil || len(entry.Params) == 0 {
		t.Fatalf("NOT_FOUND: %+v %v", entry, err)
	}
	err = core.WriteError(recorder, "nestjs", "NOT_FOUND", nil, nil)
	if !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("missing params: %v", err)
	}
	if recorder.Body.Len() != 0 || len(recorder.Header()) != 0 {
		t.Fatal("a refused WriteError wrote something")
	}
	if _, err := core.Lookup("lms", "LMS-NOPE-000"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Lookup of an unknown code: %v", err)
	}
}

// Retry-After and X-RateLimit-* go out as emit() writes them and Parse reads them back.
func TestWriteErrorRateLimitHeadersRoundTrip(t *testing.T) {
	core := newTestCore(t)
	retryAfter := int64(30)
	now := time.UnixMilli(1709900400000)
	recorder := httptest.NewRecorder()
	err := core.WriteError(recorder, "wrapped", "RATE_LIMITED", map[string]any{"seconds": 30}, &WriteOptions{RetryAfterSeconds: &retryAfter,
		RateLimit: &RateLimit{Limit: 10, Remaining: 0, ResetAt: now.UnixMilli() + 60000}})
	if err != nil {
		t.Fatal(err)
	}
	result := recorder.Result()
	if result.Header.Get("Retry-After") != "30" || result.Header.Get("X-Ratelimit-Limit") != "10" {
		t.Fatalf("headers %v", result.Header)
	}
	body, _ := io.ReadAll(result.Body)
	parsed, err := core.Parse(result.StatusCode, result.Header, body, now)
	if err != nil {
		t.Fatal(err)
	}
	if parsed.Code != "RATE_LIMITED" || parsed.Status != 429 || parsed.RetryAfterMs == nil || *parsed.RetryAfterMs != 30000 ||
		parsed.RateLimit == nil || parsed.RateLimit.Limit != 10 || parsed.RateLimit.ResetAt != now.UnixMilli()+60000 {
		t.Fatalf("read back %+v", parsed)
	}
	decision, err := core.Decide(parsed, RetryContext{Attempt: 1, Method: "GET", Now: now}, nil)
	if err != nil || !decision.Retry || decision.Delay() != 30*time.Second || decision.Reason != "server_hint" {
		t.Fatalf("decision %+v %v", decision, err)
	}
}

// A CORS middleware exposes what Emit may send: every header of a response with every option
// set (the request id, retry-after, rate limits) besides content-type, and only those.
func TestExposedHeadersAreWhatEmitSends(t *testing.T) {
	core := newTestCore(t)
	exposed, err := core.ExposedHeaders()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"retry-after": true, "x-ratelimit-limit": true, "x-ratelimit-remaining": true, "x-ratelimit-reset": true, "x-request-id": true}
	revision := false
	for _, name := range exposed {
		if name == "x-lms-catalogue-revision" {
			revision = true
			continue
		}
		if !want[name] {
			t.Fatalf("exposed %q, which emit does not send (%v)", name, exposed)
		}
		delete(want, name)
	}
	if len(want) != 0 || !revision {
		t.Fatalf("not exposed: %v (revision exposed: %v) in %v", want, revision, exposed)
	}
	requestID, retryAfter := "req-7", int64(5)
	recorder := httptest.NewRecorder()
	if err := core.WriteError(recorder, "wrapped", "RATE_LIMITED", map[string]any{"seconds": 5}, &WriteOptions{RequestID: &requestID,
		RetryAfterSeconds: &retryAfter, RateLimit: &RateLimit{Limit: 10}}); err != nil {
		t.Fatal(err)
	}
	for name, values := range recorder.Result().Header {
		name = strings.ToLower(name)
		// Content-Type and Content-Length every page reads; Date is suppressed (nil).
		if len(values) > 0 && name != "content-type" && name != "content-length" && !contains(exposed, name) {
			t.Fatalf("WriteError sent %q, which ExposedHeaders does not list", name)
		}
	}
	if packageLevel, err := ExposedHeaders(); err != nil || strings.Join(packageLevel, ",") != strings.Join(exposed, ",") {
		t.Fatalf("ExposedHeaders() %v %v", packageLevel, err)
	}
}

func contains(list []string, name string) bool {
	for _, item := range list {
		if item == name {
			return true
		}
	}
	return false
}
