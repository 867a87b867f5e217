#include <doctest/doctest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lms/catalogue.hpp"
#include "lms/error.hpp"
#include "lms/retry.hpp"
#include "test_support.hpp"

using nlohmann::json;

namespace {

const lms::Catalogue& catalogue() { return lms::test::embedded_catalogue(); }

lms::NormalizedError error(const char* dialect, const char* code, int status) {
  lms::NormalizedError e;
  e.dialect = dialect;
  e.code = code;
  e.status = status;
  return e;
}

lms::RetryContext context(int attempt, std::int64_t now_ms, double random = 0.5, const char* method = "GET") {
  lms::RetryContext ctx;
  ctx.attempt = attempt;
  ctx.method = method;
  ctx.now_ms = now_ms;
  ctx.random = random;
  return ctx;
}

// One vector step through the same JSON entry points the bindings use: the decision, or the
// first error message (err, then ctx, then policy).
json run_step(const json& err_json, const json& ctx_json, const json& policy_json, lms::RetryBudget& budget) {
  auto err = lms::error_from_json(err_json);
  if (!err.ok()) return json{{"error", err.status().message()}};
  auto ctx = lms::context_from_json(ctx_json);
  if (!ctx.ok()) return json{{"error", ctx.status().message()}};
  auto policy = lms::policy_from_json(policy_json, lms::RetryPolicy{});
  if (!policy.ok()) return json{{"error", policy.status().message()}};
  json decision = json::parse(lms::to_json_text(lms::decide(catalogue(), err.value(), ctx.value(), policy.value(), &budget)));
  decision.erase("cost");  // not in the vectors: hosts' accounting (the JS API leaves it out)
  return decision;
}

}  // namespace

TEST_CASE("shared retry vectors (tests/vectors/retry/*.json)") {
  const auto dir = lms::test::source_dir() / "tests" / "vectors" / "retry";
  int files = 0, checked = 0;
  for (const auto& file : std::filesystem::directory_iterator(dir)) {
    if (file.path().extension() != ".json") continue;
    ++files;
    const json doc = json::parse(lms::test::read_file(file.path()));
    for (const json& test : doc["cases"]) {
      const std::string name = file.path().filename().string() + ": " + test["name"].get<std::string>();
      const json policy = test.value("policy", json::object());
      lms::RetryBudget budget;  // fresh per case, shared by its steps
      const json steps = test.contains("steps") ? test["steps"] : json::array({test});
      for (const json& step : steps) {
        const json got = run_step(step["err"], step["ctx"], policy, budget);
        if (test.contains("error")) {
          REQUIRE_MESSAGE(got.contains("error"), name);
          CHECK_MESSAGE(got["error"].get<std::string>().find(test["error"].get<std::string>()) != std::string::npos,
                        name, " -> ", got["error"]);
        } else {
          CHECK_MESSAGE(got == step["expect"], name, "\n  got      ", got.dump(), "\n  expected ", step["expect"].dump());
        }
        ++checked;
      }
    }
  }
  CHECK(files >= 6);
  CHECK(checked >= 90);
}

TEST_CASE("a request's whole life on a fake clock follows seed 002: 1 s, 2 s, 4 s, then stop") {
  const lms::RetryPolicy seed = [] {
    lms::RetryPolicy p;
    p.jitter = lms::Jitter::none;
    p.budget.enabled = false;
    return p;
  }();
  const auto unavailable = error("wrapped", "SERVICE_UNAVAILABLE", 503);
  std::int64_t clock = 1'700'000'000'000;
  const std::int64_t started = clock;
  std::vector<std::int64_t> attempts_at = {clock};
  for (int attempt = 1;; ++attempt) {
    lms::RetryContext ctx = context(attempt, clock);
    ctx.elapsed_ms = clock - started;
    const lms::Decision d = lms::decide(catalogue(), unavailable, ctx, seed);
    if (!d.retry) {
      CHECK(d.reason == "attempts_exhausted");
      CHECK(d.action == lms::Action::retry);
      break;
    }
    clock += d.delay_ms;
    attempts_at.push_back(clock);
  }
  const std::vector<std::int64_t> expected = {started, started + 1000, started + 3000, started + 7000};
  CHECK(attempts_at == expected);
}

TEST_CASE("jitter is drawn from ctx.random only: the same draw gives the same wait") {
  lms::RetryPolicy policy;
  policy.budget.enabled = false;
  const auto e = error("http", "HTTP_502", 502);
  for (double r : {0.0, 0.1, 0.5, 0.999}) {
    const auto a = lms::decide(catalogue(), e, context(3, 0, r), policy);
    const auto b = lms::decide(catalogue(), e, context(3, 0, r), policy);
    CHECK(a.delay_ms == b.delay_ms);
    CHECK(a.delay_ms >= 2000);  // equal jitter keeps at least half the seed's 4 s
    CHECK(a.delay_ms < 4000);
  }
  policy.jitter = lms::Jitter::full;
  CHECK(lms::decide(catalogue(), e, context(3, 0, 0.0), policy).delay_ms == 0);
  CHECK(lms::decide(catalogue(), e, context(3, 0, 0.75), policy).delay_ms == 3000);
  // Out-of-range draws (a native caller's bug) are clamped, never turned into a longer wait.
  CHECK(lms::decide(catalogue(), e, context(3, 0, 7.0), policy).delay_ms < 4000);
  CHECK(lms::decide(catalogue(), e, context(3, 0, -1.0), policy).delay_ms == 0);
}

TEST_CASE("the budget: tokens, refill with the clock, per-request refunds") {
  lms::BudgetPolicy p;  // capacity 5, retry 5, refill 0.1/s, success +1
  lms::RetryBudget budget;
  const std::int64_t t0 = 1'700'000'000'000;
  CHECK(budget.tokens(t0, p) == doctest::Approx(5));
  CHECK(budget.try_acquire(5, t0, p));
  CHECK_FALSE(budget.try_acquire(5, t0 + 1000, p));
  CHECK(budget.tokens(t0 + 1000, p) == doctest::Approx(0.1));

  SUBCASE("the request that spent the tokens succeeds: it gives them all back") {
    budget.on_success(5, t0 + 2000, p);
    CHECK(budget.tokens(t0 + 2000, p) == doctest::Approx(5));  // 0.2 + 5, capped at 5
    CHECK(budget.try_acquire(5, t0 + 2000, p));
  }
  SUBCASE("other requests succeeding first time add one token each") {
    for (int i = 1; i <= 4; ++i) budget.on_success(0, t0 + 1000, p);
    CHECK(budget.tokens(t0 + 1000, p) == doctest::Approx(4.1));
    CHECK_FALSE(budget.try_acquire(5, t0 + 1000, p));
    budget.on_success(0, t0 + 1000, p);
    CHECK(budget.try_acquire(5, t0 + 1000, p));
  }
  SUBCASE("a clock that steps back neither refills nor breaks the bucket") {
    CHECK(budget.tokens(t0 - 60'000, p) == doctest::Approx(0.1));
    CHECK(budget.tokens(t0 + 11'000, p) == doctest::Approx(1.1));
  }
  SUBCASE("an unknown clock (now = 0) never refills") {
    lms::RetryBudget blind;
    CHECK(blind.try_acquire(5, 0, p));
    CHECK_FALSE(blind.try_acquire(5, 0, p));
    blind.on_success(5, 0, p);
    CHECK(blind.try_acquire(5, 0, p));
  }
  SUBCASE("a smaller capacity in a later policy caps the tokens") {
    lms::BudgetPolicy small = p;
    small.capacity = 1;
    budget.on_success(5, t0 + 1000, p);
    CHECK(budget.tokens(t0 + 1000, small) == doctest::Approx(1));
  }
}

TEST_CASE("decide() withdraws from the budget only when it retries, and says how much") {
  lms::RetryPolicy policy;
  lms::RetryBudget budget;
  const std::int64_t t0 = 1'700'000'000'000;
  auto d = lms::decide(catalogue(), error("nestjs", "VALIDATION_FAILED", 400), context(1, t0), policy, &budget);
  CHECK(d.cost == 0);
  d = lms::decide(catalogue(), error("network", "TIMEOUT", 0), context(1, t0), policy, &budget);
  CHECK(d.retry);
  CHECK(d.cost == doctest::Approx(5));
  d = lms::decide(catalogue(), error("network", "TIMEOUT", 0), context(2, t0 + 500), policy, &budget);
  CHECK_FALSE(d.retry);
  CHECK(d.reason == "budget_exhausted");
  CHECK(d.cost == 0);
  // The request that spent 5 tokens succeeds: the next one may retry at once.
  budget.on_success(5, t0 + 1500, policy.budget);
  CHECK(lms::decide(catalogue(), error("http", "HTTP_503", 503), context(1, t0 + 1500), policy, &budget).retry);
  // Without a budget object the policy's numbers are never consulted.
  for (int i = 0; i < 10; ++i)
    CHECK(lms::decide(catalogue(), error("http", "HTTP_503", 503), context(1, t0), policy, nullptr).retry);
}

TEST_CASE("a decision with ctx.charge = false asks the budget and withdraws nothing") {
  lms::RetryPolicy policy;
  lms::RetryBudget budget;
  const std::int64_t t0 = 1'700'000'000'000;
  lms::RetryContext shown = context(1, t0);
  shown.charge = false;
  for (int i = 0; i < 3; ++i) {
    const auto d = lms::decide(catalogue(), error("http", "HTTP_503", 503), shown, policy, &budget);
    CHECK(d.retry);
    CHECK(d.cost == 0);
  }
  CHECK(budget.tokens(t0, policy.budget) == doctest::Approx(5));
  CHECK(lms::decide(catalogue(), error("http", "HTTP_503", 503), context(1, t0), policy, &budget).cost == doctest::Approx(5));
  const auto after = lms::decide(catalogue(), error("http", "HTTP_503", 503), shown, policy, &budget);
  CHECK_FALSE(after.retry);
  CHECK(after.reason == "budget_exhausted");
  CHECK(budget.tokens(t0, policy.budget) == doctest::Approx(0));
}

TEST_CASE("a served catalogue that marks a 5xx code `never` is obeyed; one that marks a 4xx transient is not") {
  auto served = lms::Catalogue::from_json(R"({"version":1,"dialects":[{"dialect":"wrapped","entries":[
    {"code":"LEDGER_CORRUPT","status":500,"message":"ledger corrupt","cause":"","params":[],"retry":"never","action":"contact"},
    {"code":"TRY_AGAIN","status":409,"message":"try again","cause":"","params":[],"retry":"transient","action":"retry"}]}]})");
  REQUIRE_MESSAGE(served.ok(), served.status().message());
  lms::RetryPolicy policy;
  auto d = lms::decide(served.value(), error("wrapped", "LEDGER_CORRUPT", 500), context(1, 0), policy);
  CHECK_FALSE(d.retry);
  CHECK(d.reason == "never_retry");
  CHECK(d.action == lms::Action::contact);
  d = lms::decide(served.value(), error("wrapped", "TRY_AGAIN", 409), context(1, 0), policy);
  CHECK_FALSE(d.retry);
  CHECK(d.reason == "client_error");
  // Codes that catalogue lacks (it has no `http` entries either) fall back to the status class.
  d = lms::decide(served.value(), error("http", "HTTP_502", 502), context(1, 0, 0.0), policy);
  CHECK(d.retry);
  CHECK(d.delay_ms == 500);
}

TEST_CASE("policy JSON: round trip, partial policies over a base, and extreme numbers") {
  lms::RetryPolicy custom;
  custom.max_attempts = 7;
  custom.base_delay_ms = 5;
  custom.multiplier = 1.5;
  custom.max_delay_ms = 50;
  custom.deadline_ms = 2000;
  custom.max_retry_after_ms = 100;
  custom.jitter = lms::Jitter::full;
  custom.budget.capacity = 20;
  auto back = lms::policy_from_json(lms::to_json(custom), lms::RetryPolicy{});
  REQUIRE(back.ok());
  CHECK(lms::to_json(back.value()) == lms::to_json(custom));

  auto partial = lms::policy_from_json(json{{"maxAttempts", 2}}, custom);
  REQUIRE(partial.ok());
  CHECK(partial.value().max_attempts == 2);
  CHECK(partial.value().base_delay_ms == 5);
  CHECK(partial.value().jitter == lms::Jitter::full);

  auto off = lms::policy_from_json(json{{"budget", false}}, custom);
  REQUIRE(off.ok());
  CHECK_FALSE(off.value().budget.enabled);
  CHECK(lms::to_json(off.value())["budget"] == false);

  CHECK_FALSE(lms::policy_from_json(json::array(), custom).ok());
  CHECK_FALSE(lms::policy_from_json(json{{"baseDelayMs", 1e300}}, custom).ok());
  CHECK_FALSE(lms::policy_from_json(json{{"baseDelayMs", true}}, custom).ok());

  // The largest allowed numbers never overflow the backoff.
  lms::RetryPolicy huge;
  huge.base_delay_ms = 86'400'000;
  huge.multiplier = 100;
  huge.max_delay_ms = 86'400'000;
  huge.max_attempts = 100;
  CHECK(lms::backoff_delay_ms(huge, 99) == 86'400'000);
  CHECK(lms::backoff_delay_ms(lms::RetryPolicy{}, 1'000'000) == 4000);
  CHECK(lms::backoff_delay_ms(lms::RetryPolicy{}, 0) == 1000);
  // Native callers are not validated: nonsense numbers still give a bounded, non-negative wait.
  lms::RetryPolicy odd;
  odd.multiplier = 0.5;
  CHECK(lms::backoff_delay_ms(odd, 3) == 1000);
  odd.max_delay_ms = -5;
  CHECK(lms::backoff_delay_ms(odd, 3) == 0);
  odd.max_delay_ms = INT64_MAX;
  odd.multiplier = 1e300;
  CHECK(lms::backoff_delay_ms(odd, 5) == 9'000'000'000'000'000);
}

TEST_CASE("context JSON: defaults, nulls for absent members, and the key turns into a flag") {
  auto ctx = lms::context_from_json(json{{"attempt", 2}});
  REQUIRE(ctx.ok());
  CHECK(ctx.value().method == "GET");
  CHECK_FALSE(ctx.value().has_idempotency_key);
  CHECK(ctx.value().elapsed_ms == 0);
  auto nulls = lms::context_from_json(json::parse(R"({"attempt":1,"method":null,"idempotencyKey":null,"now":null,"random":null})"));
  REQUIRE(nulls.ok());
  CHECK(nulls.value().random == 0.5);
  auto keyed = lms::context_from_json(json{{"attempt", 1}, {"idempotencyKey", "k"}, {"now", 1.7e12}, {"random", 1}});
  REQUIRE(keyed.ok());
  CHECK(keyed.value().has_idempotency_key);
  CHECK(keyed.value().now_ms == 1'700'000'000'000);
  CHECK_FALSE(lms::context_from_json(json{{"attempt", 1}, {"method", std::string(100, 'A')}}).ok());
  CHECK_FALSE(lms::context_from_json(json{{"attempt", 1e9}}).ok());
  CHECK_FALSE(lms::context_from_json(json("attempt")).ok());
}

TEST_CASE("the shipped default: seed 002's schedule, equal jitter, one budgeted retry") {
  // The fleet simulation (checked by tests/node/fleet.test.js) names its default by comparing
  // with RetryPolicy{}; this pins what it was run with, so a change here is deliberate.
  const lms::RetryPolicy d;
  CHECK(d.jitter == lms::Jitter::equal);
  CHECK(d.budget.enabled);
  CHECK(d.budget.capacity == doctest::Approx(d.budget.retry_cost));  // one retry in the bank
  CHECK(d.max_attempts == 4);
  CHECK(lms::backoff_delay_ms(d, 1) == 1000);
  CHECK(lms::backoff_delay_ms(d, 2) == 2000);
  CHECK(lms::backoff_delay_ms(d, 3) == 4000);
}
