// lms/shared_retry_budget.hpp — retries for a server's own outgoing calls: a budget that the
// server's threads share, and the policy sized for a server.
//
// A pupil's tab makes a few calls and its budget (5 tokens) allows one retry in a row; a server
// makes thousands, so its default budget is the AWS SDKs' standard retry quota. One
// SharedRetryBudget per downstream service: when that service is down, at most capacity /
// retry_cost retries go out in total, from all threads, and retries resume as calls succeed.
// Header-only and native-only (the browser builds never include it).
#pragma once

#include <cstdint>
#include <mutex>
#include <utility>

#include "lms/catalogue.hpp"
#include "lms/error.hpp"
#include "lms/retry.hpp"

namespace lms {

// The built-in schedule (4 attempts, 1 s doubling, equal jitter) with a server-sized budget:
// 500 tokens, 5 per retry, 10 per retry after a timeout, 1 back per success, 1 a second.
// The Go package's ServerRetryPolicy reads these through the C API (lms_server_retry_policy);
// go/retry_test.go and tests/native/shared_retry_budget_test.cpp count the 100 retries an
// outage gets.
inline RetryPolicy server_retry_policy() {
  RetryPolicy policy;
  policy.budget.capacity = 500;
  policy.budget.retry_cost = 5;
  policy.budget.timeout_cost = 10;
  policy.budget.success_refund = 1;
  policy.budget.refill_per_second = 1;
  return policy;
}

// A RetryBudget with its policy, safe to share among threads: every call holds one mutex, so
// decisions from several threads withdraw from one bucket without a race. (RetryBudget itself
// is unlocked: one thread, or the caller's own lock.)
class SharedRetryBudget {
 public:
  explicit SharedRetryBudget(RetryPolicy policy = server_retry_policy()) : policy_(std::move(policy)) {}

  // decide() for a failed outgoing call, withdrawing from the shared budget.
  Decision decide(const Catalogue& catalogue, const NormalizedError& error, const RetryContext& ctx) {
    std::lock_guard<std::mutex> lock(mutex_);
    return lms::decide(catalogue, error, ctx, policy_, &budget_);
  }

  // A call succeeded after its decisions withdrew `spent` tokens (the sum of Decision::cost).
  void on_success(double spent, std::int64_t now_ms) {
    std::lock_guard<std::mutex> lock(mutex_);
    budget_.on_success(spent, now_ms, policy_.budget);
  }

  double tokens(std::int64_t now_ms) {
    std::lock_guard<std::mutex> lock(mutex_);
    return budget_.tokens(now_ms, policy_.budget);
  }

  const RetryPolicy& policy() const { return policy_; }

 private:
  std::mutex mutex_;
  const RetryPolicy policy_;
  RetryBudget budget_;
};

}  // namespace lms
