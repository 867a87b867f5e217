package lmserrors

import (
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"lms-errors/go/lmserrors/apperrors"
)

// The generated table and the core's catalogue are one table: same entries, same fields.
func TestGeneratedTableIsTheCatalogue(t *testing.T) {
	core := newTestCore(t)
	entries, err := core.Entries("")
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(apperrors.All) {
		t.Fatalf("the core has %d entries, the generated table %d", len(entries), len(apperrors.All))
	}
	for _, entry := range entries {
		generated, ok := apperrors.Lookup(entry.Dialect, entry.Code)
		if !ok {
			t.Fatalf("%s %s is not in the generated table", entry.Dialect, entry.Code)
		}
		if generated.Status != entry.Status || generated.Message != entry.Message || generated.Cause != entry.Cause ||
			string(generated.Retry) != entry.Retry || string(generated.Action) != entry.Action ||
			strings.Join(generated.Params, ",") != strings.Join(entry.Params, ",") {
			t.Fatalf("%s %s differs: generated %+v, core %+v", entry.Dialect, entry.Code, *generated, entry)
		}
	}
}

func TestWriteAppErrorSendsTheEntryNotTheCause(t *testing.T) {
	core := newTestCore(t)
	cause := errors.New("sql: connection refused to 10.0.0.7")
	appError := apperrors.ErrNestjsNotFound.With(map[string]string{"entity": "Pupil"}).Wrap(cause)
	if !errors.Is(appError, apperrors.ErrNestjsNotFound) || !errors.Is(appError, cause) {
		t.Fatal("errors.Is by entry and by cause")
	}
	recorder := httptest.NewRecorder()
	timestamp := testTimestamp
	if err := core.WriteAppError(recorder, appError, &WriteOptions{Path: "/pupils/7", Timestamp: &timestamp}); err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(recorder.Result().Body)
	emitted, err := core.Emit("nestjs", "NOT_FOUND", map[string]any{"entity": "Pupil"}, &WriteOptions{Path: "/pupils/7", Timestamp: &timestamp})
	if err != nil {
		t.Fatal(err)
	}
	if recorder.Code != 404 || string(body) != string(emitted.Body) {
		t.Fatalf("wrote %d %s, emit gives %d %s", recorder.Code, body, emitted.Status, emitted.Body)
	}
	if strings.Contains(string(body), "10.0.0.7") {
		t.Fatal("the cause was sent")
	}
	parsed, err := core.Parse(recorder.Code, recorder.Header(), body, time.Time{})
	if err != nil || parsed.Code != "NOT_FOUND" || parsed.Dialect != "nestjs" {
		t.Fatalf("read back as %+v (%v)", parsed, err)
	}
	if err := core.WriteAppError(httptest.NewRecorder(), apperrors.ErrNestjsNotFound, nil); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("a missing param must be refused, got %v", err)
	}
	if err := core.WriteAppError(httptest.NewRecorder(), nil, nil); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("nil must be refused, got %v", err)
	}
}
