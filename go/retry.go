package lmserrors

/*
#include "lms_errors.h"
#include "lms_errors_tools.h"
*/
import "C"

import (
	"encoding/json"
	"time"
)

// RetryPolicy is a partial retry policy over the core's built-in one (the pupils' client
// policy: 4 attempts, 1 s doubling to 8 s, a 5-token budget). Zero members keep the built-in
// value.
type RetryPolicy struct {
	MaxAttempts     int     `json:"maxAttempts,omitempty"`
	BaseDelayMs     int64   `json:"baseDelayMs,omitempty"`
	Multiplier      float64 `json:"multiplier,omitempty"`
	MaxDelayMs      int64   `json:"maxDelayMs,omitempty"`
	DeadlineMs      int64   `json:"deadlineMs,omitempty"`
	MaxRetryAfterMs int64   `json:"maxRetryAfterMs,omitempty"`
	Jitter          string  `json:"jitter,omitempty"` // "none", "full" or "equal"
	Budget          *Budget `json:"budget,omitempty"`
}

// Budget is the retry budget, a token bucket shared by every request through one Core: each
// retry withdraws RetryCost (TimeoutCost after a timeout), successes give tokens back.
// Disabled switches it off. Zero members keep the built-in value.
type Budget struct {
	Disabled        bool
	Capacity        float64
	RetryCost       float64
	TimeoutCost     float64
	SuccessRefund   float64
	RefillPerSecond float64
}

// MarshalJSON writes the policy's budget member: false, or the object of its set numbers.
func (b Budget) MarshalJSON() ([]byte, error) {
	if b.Disabled {
		return []byte("false"), nil
	}
	members := map[string]float64{}
	for name, value := range map[string]float64{"capacity": b.Capacity, "retryCost": b.RetryCost,
		"timeoutCost": b.TimeoutCost, "successRefund": b.SuccessRefund, "refillPerSecond": b.RefillPerSecond} {
		if value != 0 {
			members[name] = value
		}
	}
	return json.Marshal(members)
}

// UnmarshalJSON reads the policy's budget member as the core writes it: false, or its numbers.
func (b *Budget) UnmarshalJSON(data []byte) error {
	if string(data) == "false" {
		*b = Budget{Disabled: true}
		return nil
	}
	var members struct {
		Capacity        float64 `json:"capacity"`
		RetryCost       float64 `json:"retryCost"`
		TimeoutCost     float64 `json:"timeoutCost"`
		SuccessRefund   float64 `json:"successRefund"`
		RefillPerSecond float64 `json:"refillPerSecond"`
	}
	if err := json.Unmarshal(data, &members); err != nil {
		return err
	}
	*b = Budget{Capacity: members.Capacity, RetryCost: members.RetryCost, TimeoutCost: members.TimeoutCost,
		SuccessRefund: members.SuccessRefund, RefillPerSecond: members.RefillPerSecond}
	return nil
}

// ServerRetryPolicy is every Core's default: the built-in schedule with a budget sized for a
// server, which makes thousands of outgoing calls where a pupil's tab makes a few. Its numbers
// are the AWS SDKs' standard retry quota: 500 tokens, 5 per retry, 10 per retry after a
// timeout, 1 back per success — so in a long outage at most 100 retries go out before retries
// stop, and they resume as calls succeed again (plus 1 token a second). They are read from the
// core (lms_server_retry_policy), where C++ servers get them too: one rule, kept in one place.
var ServerRetryPolicy = serverRetryPolicy()

func serverRetryPolicy() RetryPolicy {
	instance := C.lms_create()
	if instance == nil {
		panic("lmserrors: out of memory creating an instance")
	}
	core := &Core{instance: instance}
	defer core.Close()
	result, err := core.call(func(instance *C.lms_instance) C.lms_status {
		return C.lms_server_retry_policy(instance)
	})
	var policy RetryPolicy
	if err == nil {
		policy, err = decodeResult[RetryPolicy](result, "server retry policy")
	}
	if err != nil {
		panic(err.Error())
	}
	return policy
}

// RetryContext describes the attempt that failed.
type RetryContext struct {
	Attempt        int    // 1 for the original request
	Method         string // HTTP method; POST and PATCH are retried only with an IdempotencyKey
	IdempotencyKey string
	Elapsed        time.Duration // since the original request was sent
	Now            time.Time     // for the budget's refill; zero: the epoch
	Random         *float64      // the jitter draw in [0, 1); nil: the core draws none (0)
}

func (ctx RetryContext) toJSON() ([]byte, error) {
	members := map[string]any{"attempt": ctx.Attempt}
	if ctx.Method != "" {
		members["method"] = ctx.Method
	}
	if ctx.IdempotencyKey != "" {
		members["idempotencyKey"] = ctx.IdempotencyKey
	}
	if ctx.Elapsed != 0 {
		members["elapsedMs"] = ctx.Elapsed.Milliseconds()
	}
	if !ctx.Now.IsZero() {
		members["now"] = ctx.Now.UnixMilli()
	}
	if ctx.Random != nil {
		members["random"] = *ctx.Random
	}
	return json.Marshal(members)
}

// Decision says whether and when to send a failed request again.
type Decision struct {
	Retry   bool    `json:"retry"`
	DelayMs int64   `json:"delayMs"`
	Action  string  `json:"action"` // what the user can do: retry, fix, signin, …
	Reason  string  `json:"reason"` // transient, server_hint, budget_exhausted, …
	Cost    float64 `json:"cost"`   // budget tokens withdrawn: pass their sum to RetrySucceeded
}

// Delay is DelayMs as a duration.
func (d Decision) Delay() time.Duration { return time.Duration(d.DelayMs) * time.Millisecond }

// SetRetryPolicy makes policy (over the built-in one) the Core's default. RetryPolicy{}
// restores the built-in client policy.
func (c *Core) SetRetryPolicy(policy RetryPolicy) error {
	policyJSON, err := json.Marshal(policy)
	if err != nil {
		return err
	}
	_, err = c.call(func(instance *C.lms_instance) C.lms_status {
		pt := textOf(policyJSON)
		return C.lms_set_retry_policy(instance, pt.data, pt.size)
	})
	return err
}

// Decide is the decision for a server's own outgoing call after it failed with err. policy,
// when not nil, overrides parts of the Core's default for this call; a retry withdraws from
// the Core's budget.
func (c *Core) Decide(err *Error, ctx RetryContext, policy *RetryPolicy) (Decision, error) {
	errorJSON, marshalErr := json.Marshal(err)
	if marshalErr != nil {
		return Decision{}, marshalErr
	}
	contextJSON, marshalErr := ctx.toJSON()
	if marshalErr != nil {
		return Decision{}, marshalErr
	}
	var policyJSON []byte
	if policy != nil {
		if policyJSON, marshalErr = json.Marshal(policy); marshalErr != nil {
			return Decision{}, marshalErr
		}
	}
	return c.decideJSON(errorJSON, contextJSON, policyJSON)
}

func (c *Core) decideJSON(errorJSON, contextJSON, policyJSON []byte) (Decision, error) {
	result, err := c.call(func(instance *C.lms_instance) C.lms_status {
		et, ct, pt := textOf(errorJSON), textOf(contextJSON), textOf(policyJSON)
		return C.lms_decide(instance, et.data, et.size, ct.data, ct.size, pt.data, pt.size)
	})
	if err != nil {
		return Decision{}, err
	}
	return decodeResult[Decision](result, "decision")
}

// RetrySucceeded tells the budget a call succeeded after its decisions withdrew spent tokens
// (the sum of their Cost; 0 for a first-try success).
func (c *Core) RetrySucceeded(spent float64, now time.Time, policy *RetryPolicy) error {
	var policyJSON []byte
	if policy != nil {
		var err error
		if policyJSON, err = json.Marshal(policy); err != nil {
			return err
		}
	}
	_, err := c.call(func(instance *C.lms_instance) C.lms_status {
		pt := textOf(policyJSON)
		return C.lms_retry_succeeded(instance, pt.data, pt.size, C.double(spent), C.double(now.UnixMilli()))
	})
	return err
}
