#include "lms/retry.hpp"

#include "json_util.hpp"
#include "json_writer.hpp"

#include <fmt/compile.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace lms {
namespace {

using nlohmann::json;

constexpr std::string_view kJitterNames[] = {"none", "full", "equal"};
constexpr double kMaxMs = 86'400'000;  // one day: longer waits are mistakes, not policies

struct Classified {
  RetryClass retry;
  Action action;
  bool own_entry;  // from the error's own (dialect, code) entry, not guessed from the status
};

// The catalogue's word on the error; for codes it does not know, the `http` entry of the
// status, and for statuses it does not know either, the status class.
Classified classify(const Catalogue& catalogue, const NormalizedError& error) {
  if (const Entry* entry = catalogue.find(error.dialect, error.code)) return {entry->retry, entry->action, true};
  const Entry* by_status = error.status > 0 ? catalogue.find("http", "HTTP_" + fmt::format_int(error.status).str()) : nullptr;
  if (by_status != nullptr) return {by_status->retry, by_status->action, false};
  const int status = error.status;
  if (status == 0) return {RetryClass::transient, Action::retry, false};  // no response: a network failure
  if (status == 408) return {RetryClass::transient, Action::retry, false};
  if (status == 429) return {RetryClass::throttle, Action::wait, false};
  if (status == 501) return {RetryClass::never, Action::contact, false};
  if (status >= 500) return {RetryClass::transient, Action::retry, false};
  if (status == 401) return {RetryClass::never, Action::login, false};
  if (status >= 400) return {RetryClass::never, Action::fix, false};
  return {RetryClass::never, Action::none, false};
}

bool is_client_error(int status) { return status >= 400 && status < 500 && status != 408 && status != 429; }

bool is_idempotent(std::string_view method) {
  constexpr std::string_view kIdempotent[] = {"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"};
  if (method.empty()) return true;  // fetch's default is GET
  for (std::string_view known : kIdempotent) {
    if (known.size() != method.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < known.size() && same; ++i) {
      char c = method[i];
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      same = c == known[i];
    }
    if (same) return true;
  }
  return false;  // POST, PATCH and anything unknown: sending twice may do it twice
}

// A timeout may leave the server still working on the first attempt: retrying costs more.
bool is_timeout(const NormalizedError& error) {
  return (error.status == 0 && error.code == "TIMEOUT") || error.status == 408 || error.status == 504;
}

// The server's own word on when to come back: Retry-After first (an explicit instruction),
// else the rate-limit window's reset when the window is spent.
std::optional<std::int64_t> server_hint_ms(const NormalizedError& error, const RetryContext& ctx) {
  if (error.retry_after_ms) return std::max<std::int64_t>(0, *error.retry_after_ms);
  if (error.rate_limit && error.rate_limit->reset_at_ms > 0 && ctx.now_ms > 0 &&
      (error.status == 429 || error.rate_limit->remaining <= 0))
    return std::max<std::int64_t>(0, error.rate_limit->reset_at_ms - ctx.now_ms);
  return std::nullopt;
}

std::int64_t jittered(std::int64_t delay, Jitter jitter, double random) {
  random = std::clamp(random, 0.0, 0.999999999);
  switch (jitter) {
    case Jitter::none: return delay;
    case Jitter::full: return static_cast<std::int64_t>(std::floor(static_cast<double>(delay) * random));
    case Jitter::equal: {
      const std::int64_t half = delay / 2;
      return half + static_cast<std::int64_t>(std::floor(static_cast<double>(delay - half) * random));
    }
  }
  return delay;
}

// Whether the budget pays for a retry costing `cost`: withdrawn when the decision is acted on,
// only asked when it is shown (ctx.charge false), so a display cannot spend a later retry.
bool budget_pays(RetryBudget& budget, double cost, const RetryContext& ctx, const BudgetPolicy& policy) {
  return ctx.charge ? budget.try_acquire(cost, ctx.now_ms, policy) : budget.tokens(ctx.now_ms, policy) >= cost;
}

Decision stop(std::string_view reason, Action action, std::int64_t delay_ms = 0) {
  return {false, delay_ms, action, reason, 0};
}

// ---- JSON readers: every member optional, wrong types and ranges are errors -----------------

class Reader {
 public:
  Reader(const json& object, std::string_view what) : object_(object), what_(what) {}

  bool number(const char* key, double min, double max, double& out) {
    const json* it = json_member(object_, key);
    if (!it || (it->is_null() && nullable_)) return true;
    // NaN for anything but a number, so one comparison refuses it, infinities and out-of-range values.
    const double value = it->is_number() ? it->get<double>() : std::numeric_limits<double>::quiet_NaN();
    if (!(value >= min && value <= max)) {
      // Bounds are whole numbers: written as integers, with no float formatting code in the .wasm.
      fail(fmt::format(FMT_COMPILE("{}.{} must be a number from {} to {}"), what_, key,
                       fmt::format_int(static_cast<std::int64_t>(min)).str(), fmt::format_int(static_cast<std::int64_t>(max)).str()));
      return false;
    }
    out = value;
    return true;
  }
  template <class Int>
  bool integer(const char* key, double min, double max, Int& out) {
    double value = static_cast<double>(out);
    if (!number(key, min, max, value)) return false;
    out = static_cast<Int>(std::floor(value));
    return true;
  }
  bool only(std::initializer_list<std::string_view> keys) {
    // The map itself, not nlohmann's iterators; keys in its (sorted) order.
    for (const auto& [name, member] : object_.get_ref<const json::object_t&>()) {
      if (std::find(keys.begin(), keys.end(), std::string_view(name)) == keys.end()) {
        std::string expected;
        for (std::string_view known : keys) expected.append(expected.empty() ? "" : ", ").append(known);
        fail(fmt::format(FMT_COMPILE("{} has no option '{}' (expected one of: {})"), what_, name, expected));
        return false;
      }
    }
    return true;
  }
  void allow_null() { nullable_ = true; }
  void fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }
  const std::string& error() const { return error_; }

 private:
  const json& object_;
  std::string_view what_;
  bool nullable_ = false;
  std::string error_;
};

}  // namespace

std::string_view to_string(Jitter jitter) { return kJitterNames[static_cast<int>(jitter)]; }

std::optional<Jitter> jitter_from_string(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kJitterNames); ++i)
    if (kJitterNames[i] == text) return static_cast<Jitter>(i);
  return std::nullopt;
}

// ---- the budget ------------------------------------------------------------------------------

void RetryBudget::refill(std::int64_t now_ms, const BudgetPolicy& policy) {
  if (tokens_ && updated_ms_ > 0 && now_ms > updated_ms_ && policy.refill_per_second > 0)
    tokens_ = *tokens_ + static_cast<double>(now_ms - updated_ms_) / 1000.0 * policy.refill_per_second;
  if (tokens_) tokens_ = std::min(*tokens_, policy.capacity);
  if (now_ms > updated_ms_) updated_ms_ = now_ms;  // a clock that steps back must not refill twice
}

bool RetryBudget::try_acquire(double cost, std::int64_t now_ms, const BudgetPolicy& policy) {
  refill(now_ms, policy);
  const double available = tokens_.value_or(policy.capacity);
  if (available < cost) return false;
  tokens_ = available - cost;
  return true;
}

void RetryBudget::on_success(double spent, std::int64_t now_ms, const BudgetPolicy& policy) {
  refill(now_ms, policy);
  const double available = tokens_.value_or(policy.capacity);
  tokens_ = std::min(policy.capacity, available + (spent > 0 ? spent : policy.success_refund));
}

double RetryBudget::tokens(std::int64_t now_ms, const BudgetPolicy& policy) {
  refill(now_ms, policy);
  return tokens_.value_or(policy.capacity);
}

// ---- the decision ------------------------------------------------------------------------------

std::int64_t backoff_delay_ms(const RetryPolicy& policy, int attempt) {
  if (policy.base_delay_ms <= 0 || policy.max_delay_ms <= 0) return 0;
  const double cap = std::min(static_cast<double>(policy.max_delay_ms), 9.0e15);  // keeps the cast defined
  double delay = static_cast<double>(policy.base_delay_ms);
  // A loop, not std::pow (which would add its tables to the .wasm): it stops at the cap, and
  // attempt is at most 1,000,000 from JSON.
  for (int i = 1; i < attempt && delay < cap && policy.multiplier > 1; ++i) delay *= policy.multiplier;
  return static_cast<std::int64_t>(std::min(delay, cap));
}

Decision decide(const Catalogue& catalogue, const NormalizedError& error, const RetryContext& ctx,
                const RetryPolicy& policy, RetryBudget* budget) {
  const Classified kind = classify(catalogue, error);

  if (error.code == "ABORTED" && error.status == 0) return stop("aborted", Action::none);
  if (kind.own_entry && kind.retry == RetryClass::never) return stop("never_retry", kind.action);
  // Whatever a (served) catalogue says: a 4xx other than 408/429 will fail the same way again.
  if (is_client_error(error.status)) return stop("client_error", kind.action);
  if (error.status == 501 || kind.retry == RetryClass::never) return stop("never_retry", kind.action);

  // A throttled request (429) or a 408 was refused before the server acted on it, so sending
  // it again is safe whatever the method; after a 5xx or a lost connection it may have been done.
  const bool refused_unprocessed = kind.retry == RetryClass::throttle || error.status == 408;
  if (!refused_unprocessed && !ctx.has_idempotency_key && !is_idempotent(ctx.method))
    return stop("non_idempotent", kind.action);

  const auto hint = server_hint_ms(error, ctx);
  if (ctx.attempt >= policy.max_attempts)
    return hint ? stop("attempts_exhausted", Action::wait, *hint) : stop("attempts_exhausted", kind.action);

  const bool budgeted = budget != nullptr && policy.budget.enabled;
  const double cost = !budgeted ? 0 : is_timeout(error) ? policy.budget.timeout_cost : policy.budget.retry_cost;
  const double charged = ctx.charge ? cost : 0;

  if (hint) {
    // Honoured exactly, never jittered: the server knows when it will take us again.
    if (*hint > policy.max_retry_after_ms) return stop("hint_too_long", Action::wait, *hint);
    if (ctx.elapsed_ms + *hint > policy.deadline_ms) return stop("deadline", Action::wait, *hint);
    if (budgeted && !budget_pays(*budget, cost, ctx, policy.budget)) return stop("budget_exhausted", Action::wait, *hint);
    return {true, *hint, Action::retry, "server_hint", charged};
  }

  const std::int64_t delay = jittered(backoff_delay_ms(policy, std::max(ctx.attempt, 1)), policy.jitter, ctx.random);
  if (ctx.elapsed_ms + delay > policy.deadline_ms) return stop("deadline", kind.action);
  if (budgeted && !budget_pays(*budget, cost, ctx, policy.budget)) return stop("budget_exhausted", kind.action);
  return {true, delay, Action::retry, kind.retry == RetryClass::throttle ? "throttled" : "transient", charged};
}

// ---- JSON forms --------------------------------------------------------------------------------

StatusOr<RetryPolicy> policy_from_json(const json& value, const RetryPolicy& base) {
  if (!value.is_object()) return invalid_argument("retry policy must be an object");
  RetryPolicy policy = base;
  Reader read(value, "retry policy");
  read.only({"maxAttempts", "baseDelayMs", "multiplier", "maxDelayMs", "deadlineMs", "maxRetryAfterMs",
             "jitter", "budget"});
  read.integer("maxAttempts", 1, 100, policy.max_attempts);
  read.integer("baseDelayMs", 0, kMaxMs, policy.base_delay_ms);
  read.number("multiplier", 1, 100, policy.multiplier);
  read.integer("maxDelayMs", 0, kMaxMs, policy.max_delay_ms);
  read.integer("deadlineMs", 0, kMaxMs, policy.deadline_ms);
  read.integer("maxRetryAfterMs", 0, kMaxMs, policy.max_retry_after_ms);
  if (const json* it = json_member(value, "jitter")) {
    auto jitter = it->is_string() ? jitter_from_string(it->get_ref<const std::string&>()) : std::nullopt;
    if (jitter) policy.jitter = *jitter;
    else read.fail("retry policy.jitter must be \"none\", \"full\" or \"equal\"");
  }
  if (const json* it = json_member(value, "budget")) {
    if (it->is_boolean()) {
      policy.budget.enabled = it->get<bool>();
    } else if (it->is_object()) {
      Reader budget(*it, "retry policy.budget");
      budget.only({"capacity", "retryCost", "timeoutCost", "successRefund", "refillPerSecond"});
      policy.budget.enabled = true;
      budget.number("capacity", 0, 1e6, policy.budget.capacity);
      budget.number("retryCost", 0, 1e6, policy.budget.retry_cost);
      budget.number("timeoutCost", 0, 1e6, policy.budget.timeout_cost);
      budget.number("successRefund", 0, 1e6, policy.budget.success_refund);
      budget.number("refillPerSecond", 0, 1e6, policy.budget.refill_per_second);
      if (!budget.error().empty()) read.fail(budget.error());
    } else {
      read.fail("retry policy.budget must be true, false or an object");
    }
  }
  if (!read.error().empty()) return invalid_argument(read.error());
  return policy;
}

json to_json(const RetryPolicy& policy) {
  json budget = false;
  if (policy.budget.enabled)
    budget = {{"capacity", policy.budget.capacity},
              {"retryCost", policy.budget.retry_cost},
              {"timeoutCost", policy.budget.timeout_cost},
              {"successRefund", policy.budget.success_refund},
              {"refillPerSecond", policy.budget.refill_per_second}};
  return {{"maxAttempts", policy.max_attempts},         {"baseDelayMs", policy.base_delay_ms},
          {"multiplier", policy.multiplier},            {"maxDelayMs", policy.max_delay_ms},
          {"deadlineMs", policy.deadline_ms},           {"maxRetryAfterMs", policy.max_retry_after_ms},
          {"jitter", std::string(to_string(policy.jitter))}, {"budget", std::move(budget)}};
}

StatusOr<RetryContext> context_from_json(const json& value) {
  if (!value.is_object()) return invalid_argument("retry context must be an object");
  RetryContext ctx;
  Reader read(value, "retry context");
  read.allow_null();  // JS callers spread optional members as undefined -> omitted, or null
  read.only({"attempt", "method", "idempotencyKey", "elapsedMs", "now", "random", "charge"});
  const json* attempt = json_member(value, "attempt");
  if (!attempt || !attempt->is_number_integer() || attempt->get<std::int64_t>() < 1 ||
      attempt->get<std::int64_t>() > 1'000'000)
    read.fail("retry context.attempt must be an integer >= 1 (1 = the original request just failed)");
  else
    ctx.attempt = static_cast<int>(attempt->get<std::int64_t>());
  if (const json* it = json_member(value, "method"); it && !it->is_null()) {
    if (it->is_string() && it->get_ref<const std::string&>().size() <= 32) ctx.method = it->get_ref<const std::string&>();
    else read.fail("retry context.method must be an HTTP method name");
  }
  if (const json* it = json_member(value, "idempotencyKey"); it && !it->is_null()) {
    if (it->is_string()) ctx.has_idempotency_key = !it->get_ref<const std::string&>().empty();
    else read.fail("retry context.idempotencyKey must be a string");
  }
  read.integer("elapsedMs", 0, 1e15, ctx.elapsed_ms);
  read.integer("now", 0, 1e15, ctx.now_ms);
  read.number("random", 0, 1, ctx.random);
  if (const json* it = json_member(value, "charge"); it && !it->is_null()) {
    if (it->is_boolean()) ctx.charge = it->get<bool>();
    else read.fail("retry context.charge must be true or false");
  }
  if (!read.error().empty()) return invalid_argument(read.error());
  return ctx;
}

// The decision as every host receives it: members sorted, as they have always been.
std::string to_json_text(const Decision& decision) {
  JsonWriter out(96);
  out.begin_object();
  out.key("action").string(to_string(decision.action));
  out.key("cost").number(decision.cost);
  out.key("delayMs").integer(decision.delay_ms);
  out.key("reason").string(decision.reason);
  out.key("retry").boolean(decision.retry);
  out.end_object();
  return std::move(out).text();
}

}  // namespace lms
