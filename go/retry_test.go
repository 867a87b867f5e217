package lmserrors

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

var unavailable = &Error{Dialect: "http", Code: "HTTP_503", Status: 503, Known: true}

// ServerRetryPolicy is read from the core (lms_server_retry_policy): the numbers its comment
// states, and a timeout costing twice a retry.
func TestServerRetryPolicyFromTheCore(t *testing.T) {
	b := ServerRetryPolicy.Budget
	if b == nil || b.Disabled || b.Capacity != 500 || b.RetryCost != 5 || b.TimeoutCost != 10 ||
		b.SuccessRefund != 1 || b.RefillPerSecond != 1 {
		t.Fatalf("budget %+v", b)
	}
	if ServerRetryPolicy.MaxAttempts != 4 || ServerRetryPolicy.BaseDelayMs != 1000 || ServerRetryPolicy.Jitter != "equal" {
		t.Fatalf("schedule %+v", ServerRetryPolicy)
	}
	var off Budget
	if err := off.UnmarshalJSON([]byte("false")); err != nil || !off.Disabled {
		t.Fatalf("budget false: %+v %v", off, err)
	}
}

// A Core's default budget is a server's: 100 retries (500 tokens at 5) in a burst, not the
// pupil's one; successes give tokens back.
func TestServerBudgetByDefault(t *testing.T) {
	core := newTestCore(t)
	now := time.UnixMilli(1700000000000)
	for i := 1; i <= 100; i++ {
		decision, err := core.Decide(unavailable, RetryContext{Attempt: 1, Method: "GET", Now: now}, nil)
		if err != nil || !decision.Retry || decision.Cost != 5 {
			t.Fatalf("retry %d: %+v %v", i, decision, err)
		}
	}
	decision, err := core.Decide(unavailable, RetryContext{Attempt: 1, Method: "GET", Now: now}, nil)
	if err != nil || decision.Retry || decision.Reason != "budget_exhausted" {
		t.Fatalf("retry 101: %+v %v", decision, err)
	}
	if err := core.RetrySucceeded(5, now, nil); err != nil {
		t.Fatal(err)
	}
	decision, err = core.Decide(unavailable, RetryContext{Attempt: 1, Method: "GET", Now: now}, nil)
	if err != nil || !decision.Retry {
		t.Fatalf("after a success gave 5 tokens back: %+v %v", decision, err)
	}
	// The built-in client policy holds one retry.
	if err := core.SetRetryPolicy(RetryPolicy{}); err != nil {
		t.Fatal(err)
	}
	fresh := newTestCore(t)
	if err := fresh.SetRetryPolicy(RetryPolicy{}); err != nil {
		t.Fatal(err)
	}
	first, _ := fresh.Decide(unavailable, RetryContext{Attempt: 1, Now: now}, nil)
	second, _ := fresh.Decide(unavailable, RetryContext{Attempt: 1, Now: now}, nil)
	if !first.Retry || second.Reason != "budget_exhausted" {
		t.Fatalf("client policy: %+v then %+v", first, second)
	}
}

func TestDecideRefusesABadPolicyOrContext(t *testing.T) {
	core := newTestCore(t)
	if _, err := core.Decide(unavailable, RetryContext{Attempt: 0}, nil); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("attempt 0: %v", err)
	}
	if _, err := core.Decide(unavailable, RetryContext{Attempt: 1}, &RetryPolicy{Jitter: "sometimes"}); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("bad jitter: %v", err)
	}
	if err := core.SetRetryPolicy(RetryPolicy{MaxAttempts: -1}); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("bad default: %v", err)
	}
	decision, err := core.Decide(unavailable, RetryContext{Attempt: 1, Method: "GET"}, &RetryPolicy{Jitter: "none", Budget: &Budget{Disabled: true}})
	if err != nil || decision.Delay() != time.Second || decision.Cost != 0 {
		t.Fatalf("the default still holds after a refused one: %+v %v", decision, err)
	}
}

// One Core shared by goroutines (run with -race): the lock keeps each call's result its own.
func TestSharedCoreAcrossGoroutines(t *testing.T) {
	core := newTestCore(t)
	var wait sync.WaitGroup
	failures := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wait.Add(1)
		go func(g int) {
			defer wait.Done()
			for i := 0; i < 200; i++ {
				code := []string{"LMS-ADM-007", "NOT_FOUND", "HTTP_503"}[(g+i)%3]
				entry, err := core.Lookup("", code)
				if err != nil || entry.Code != code {
					failures <- code
					return
				}
			}
		}(g)
	}
	wait.Wait()
	close(failures)
	for code := range failures {
		t.Errorf("a concurrent Lookup(%s) read another call's result", code)
	}
	core.Close()
	if _, err := core.Lookup("", "NOT_FOUND"); !errors.Is(err, ErrClosed) {
		t.Fatalf("after Close: %v", err)
	}
}

// The package's own locale files load, and Format then translates.
func TestLoadLocalesAndFormat(t *testing.T) {
	core := newTestCore(t)
	if err := core.LoadLocales("../i18n"); err != nil {
		t.Fatal(err)
	}
	err := &Error{Dialect: "nestjs", Code: "NOT_FOUND", Status: 404, Message: "Student not found", Params: map[string]any{"entity": "student"}}
	english, formatErr := core.Format(err, "en-GB", Teacher)
	if formatErr != nil || !strings.HasSuffix(english, " [NOT_FOUND]") {
		t.Fatalf("en-GB: %q %v", english, formatErr)
	}
	welsh, formatErr := core.Format(err, "cy", Teacher)
	if formatErr != nil || welsh == english || !strings.HasSuffix(welsh, " [NOT_FOUND]") {
		t.Fatalf("cy: %q (en-GB %q) %v", welsh, english, formatErr)
	}
	if err := core.AddResources("en-GB", "common", []byte(`{"a": 1}`)); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("bad resources: %v", err)
	}
}
