#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "../../wasm/src/string_table.hpp"  // private: the core's hash tables

using lms::StringTable;
using namespace std::literals;

TEST_CASE("hash_text: whole words and tails count, and the low bits the slots use are spread") {
  CHECK(lms::hash_text("") != lms::hash_text(std::string_view("\0", 1)));
  CHECK(lms::hash_text("a") != lms::hash_text("a\0"sv));
  CHECK(lms::hash_text("abcd") != lms::hash_text("abce"));
  CHECK(lms::hash_text("abcdefgh") != lms::hash_text("abcdefgi"));
  CHECK(lms::hash_text("GB", lms::hash_text("cy-")) == lms::hash_text("GB", lms::hash_text("cy-")));
  // 5000 keys in 16384 slots: a uniform hash leaves ~4300 distinct slot numbers.
  std::set<std::uint32_t> slots;
  for (int i = 0; i < 5000; ++i) slots.insert(lms::hash_text(std::string("en-GB\0common\0key."sv) + std::to_string(i)) & 16383);
  CHECK(slots.size() > 4100);
}

TEST_CASE("StringTable: find, insert_or_assign, insertion order") {
  StringTable<int> table;
  CHECK(table.find("") == nullptr);  // empty table: no slots yet
  CHECK(table.find("missing") == nullptr);

  // Keys as the translation store makes them: "locale\0ns\0key".
  const std::string_view a = "en-GB\0common\0a"sv, b = "en-GB\0common\0b"sv;
  table.insert_or_assign(a, 1);
  table.insert_or_assign(b, 2);
  table.insert_or_assign("", 3);
  REQUIRE(table.find(a) != nullptr);
  CHECK(*table.find(a) == 1);
  REQUIRE(table.find(b) != nullptr);
  CHECK(*table.find(b) == 2);
  CHECK(table.find("en-GB\0common\0"sv) == nullptr);  // a prefix is another key
  CHECK(table.find("en-GB") == nullptr);
  REQUIRE(table.find("") != nullptr);
  CHECK(*table.find("") == 3);

  table.insert_or_assign(a, 10);  // replaces the value, keeps the place
  CHECK(*table.find(a) == 10);
  CHECK(table.size() == 3);
  std::vector<std::string_view> order;
  for (const auto& [key, value] : table) order.push_back(key);
  CHECK(order == std::vector<std::string_view>{a, b, ""});
}

TEST_CASE("StringTable: every key stays findable as the slots double") {
  StringTable<std::size_t> table;
  constexpr std::size_t kCount = 5000;
  for (std::size_t i = 0; i < kCount; ++i) {
    table.insert_or_assign("key." + std::to_string(i), i);
    REQUIRE(*table.find("key." + std::to_string(i)) == i);
  }
  CHECK(table.size() == kCount);
  for (std::size_t i = 0; i < kCount; ++i) {
    const std::size_t* found = table.find("key." + std::to_string(i));
    REQUIRE(found != nullptr);
    CHECK(*found == i);
    CHECK(table.find("key." + std::to_string(i) + "_other") == nullptr);
  }
}

TEST_CASE("hash_slots: items with the same hash are told apart by is_key, across the wrap-around") {
  std::vector<std::uint32_t> slots;
  std::vector<std::string> items;
  // Every item hashes to the last slot of the first table (15 of 16) and then keeps colliding:
  // probing wraps around from the end of the slots to their start.
  const auto same_hash = [](std::size_t) { return std::uint32_t{15}; };
  for (int i = 0; i < 40; ++i) {
    items.push_back("item" + std::to_string(i));
    lms::hash_slots::add(slots, 15, items.size() - 1, same_hash);
    CHECK(slots.size() >= 2 * items.size());
  }
  for (std::size_t i = 0; i < items.size(); ++i)
    CHECK(lms::hash_slots::find(slots, 15, [&](std::size_t p) { return items[p] == items[i]; }) == i);
  CHECK_FALSE(lms::hash_slots::find(slots, 15, [](std::size_t) { return false; }));
  CHECK_FALSE(lms::hash_slots::find({}, 15, [](std::size_t) { return true; }));
}

TEST_CASE("hash_slots: a position left out stays out when the slots double") {
  // The catalogue records only the rows of new codes: row 1 (say, a duplicate) is never added.
  std::vector<std::uint32_t> slots;
  const auto hash_of = [](std::size_t p) { return static_cast<std::uint32_t>(p * 7); };
  for (std::size_t p = 0; p < 40; ++p)
    if (p != 1) lms::hash_slots::add(slots, hash_of(p), p, hash_of);
  CHECK(slots.size() >= 64);  // doubled twice past 16
  for (std::size_t p = 0; p < 40; ++p) {
    const auto found = lms::hash_slots::find(slots, hash_of(p), [p](std::size_t q) { return q == p; });
    if (p == 1) CHECK_FALSE(found);
    else CHECK(found == p);
  }
}
