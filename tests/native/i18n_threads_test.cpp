#include <doctest/doctest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "lms/i18n.hpp"

using nlohmann::json;

// A server loads its locales once and formats from many threads: translate() on one shared
// store gives each thread its own locale's text, however the calls interleave.
TEST_CASE("one ResourceStore translated from several threads in different locales") {
  lms::ResourceStore store;
  const char* locales[] = {"en-GB", "cy", "pl", "ar"};
  for (const char* locale : locales)
    REQUIRE(store.add(locale, "common", json{{"hello", std::string("hello from ") + locale + " {{name}}"}}).ok());

  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      const char* locale = locales[t % 4];
      const std::string expected = std::string("hello from ") + locale + " Ada";
      for (int i = 0; i < 2000; ++i) {
        lms::TranslateOptions options;
        // Alternate with a regional tag of another locale so each thread's chain keeps changing.
        options.locale = i % 2 ? std::string_view(locale) : std::string_view(t % 2 ? "cy-GB" : "pl-PL");
        const std::string line = store.translate("hello", json{{"name", "Ada"}}, options);
        const std::string want = i % 2 ? expected : std::string("hello from ") + (t % 2 ? "cy" : "pl") + " Ada";
        if (line != want) ++wrong;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(wrong == 0);
}
