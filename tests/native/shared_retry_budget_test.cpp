#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "lms/catalogue.hpp"
#include "lms/error.hpp"
#include "lms/shared_retry_budget.hpp"
#include "test_support.hpp"

namespace {

const lms::Catalogue& catalogue() { return lms::test::embedded_catalogue(); }

}  // namespace

TEST_CASE("a server's shared budget: 100 retries from 8 threads in an outage, then none") {
  lms::SharedRetryBudget budget;
  lms::NormalizedError unavailable;
  unavailable.dialect = "http";
  unavailable.code = "HTTP_503";
  unavailable.status = 503;
  catalogue();  // loaded before the threads start

  std::atomic<int> retries{0}, refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        lms::RetryContext ctx;
        ctx.now_ms = 1'000;  // a frozen clock: no refill
        const lms::Decision decision = budget.decide(catalogue(), unavailable, ctx);
        (decision.retry ? retries : refused)++;
      }
    });
  }
  for (auto& thread : threads) thread.join();

  // 500 tokens at 5 a retry: exactly 100 of the 400 failures retry, whatever the interleaving.
  CHECK(retries == 100);
  CHECK(refused == 300);
  CHECK(budget.tokens(1'000) == doctest::Approx(0));
  budget.on_success(0, 1'000);
  CHECK(budget.tokens(1'000) == doctest::Approx(1));
}

TEST_CASE("the server policy is the client schedule with a 500-token budget") {
  const lms::RetryPolicy server = lms::server_retry_policy();
  const lms::RetryPolicy client;
  CHECK(server.max_attempts == client.max_attempts);
  CHECK(server.base_delay_ms == client.base_delay_ms);
  CHECK(server.budget.capacity == 500);
  CHECK(server.budget.retry_cost == 5);
  CHECK(server.budget.timeout_cost == 10);
  CHECK(client.budget.capacity == 5);
}
