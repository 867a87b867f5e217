// string_table.hpp — private: the core's hash tables, without libc++'s unordered containers.
//
// std::unordered_map brings prime bucket counts (__next_prime and its table), node allocation
// and rehashing into the .wasm for two tables: the catalogue's (dialect, code) index and
// the translation store. Both are built at load time and read on every error shown, so a
// power-of-two array of slots with linear probing over a plain vector of items does the job.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lms {

// Mixes the text in four bytes at a time (a multiply and a shift per word: t() hashes a few
// 30-byte keys per call, where byte-at-a-time FNV took twice as long as libc++'s hash).
// Takes the hash so far, so a key kept in parts ("dialect", "code") is hashed without joining
// them (the same parts always give the same hash; not the hash of the joined text).
inline constexpr std::uint32_t kHashSeed = 2166136261u;
inline std::uint32_t hash_text(std::string_view text, std::uint32_t hash = kHashSeed) {
  const auto mix = [&hash](std::uint32_t word) {
    hash = (hash ^ word) * 0x9E3779B1u;
    hash ^= hash >> 16;
  };
  std::size_t i = 0;
  for (; i + 4 <= text.size(); i += 4) {
    std::uint32_t word;
    std::memcpy(&word, text.data() + i, 4);
    mix(word);
  }
  std::uint32_t tail = 1;  // so that "a" and "a\0" differ
  for (; i < text.size(); ++i) tail = (tail << 8) | static_cast<unsigned char>(text[i]);
  mix(tail);
  return hash;
}

// An open-addressing index over items kept elsewhere, in a vector: each slot holds an item's
// position + 1, or 0 when empty. The slot count is a power of two and at most half the slots
// are used, so a probe soon meets the item or an empty slot.
namespace hash_slots {

// The position of the item stored under `hash` for which is_key(position) holds.
template <class IsKey>
std::optional<std::size_t> find(const std::vector<std::uint32_t>& slots, std::uint32_t hash, IsKey is_key) {
  if (slots.empty()) return std::nullopt;
  const std::size_t mask = slots.size() - 1;
  for (std::size_t i = hash & mask; slots[i] != 0; i = (i + 1) & mask)
    if (is_key(slots[i] - 1)) return slots[i] - 1;
  return std::nullopt;
}

// Puts `position` in the first free slot from `hash` on (there is one: the table is never full).
inline void place(std::vector<std::uint32_t>& slots, std::uint32_t hash, std::size_t position) {
  const std::size_t mask = slots.size() - 1;
  std::size_t i = hash & mask;
  while (slots[i] != 0) i = (i + 1) & mask;
  slots[i] = static_cast<std::uint32_t>(position + 1);
}

// Records the item at `position`, which is above every position recorded so far (items are only
// ever appended; a caller may leave positions out, as the catalogue does for a duplicate code).
// While position + 1 > half the slots they double, and the items recorded so far are placed
// again by hash_of(their position): only those, so a left-out position stays out.
template <class HashOf>
void add(std::vector<std::uint32_t>& slots, std::uint32_t hash, std::size_t position, HashOf hash_of) {
  if ((position + 1) * 2 > slots.size()) {
    std::vector<std::uint32_t> recorded(slots.empty() ? 16 : slots.size() * 2, 0);
    recorded.swap(slots);
    for (const std::uint32_t stored : recorded)
      if (stored != 0) place(slots, hash_of(stored - 1), stored - 1);
  }
  place(slots, hash, position);
}

}  // namespace hash_slots

// A table from strings to values, in insertion order (iterate over (key, value) pairs).
template <class T>
class StringTable {
 public:
  using Item = std::pair<std::string, T>;

  // nullptr when `key` is not in the table.
  const T* find(std::string_view key) const {
    const auto position = position_of(key, hash_text(key));
    return position ? &items_[*position].second : nullptr;
  }

  // The value stored under `key`, a default-constructed one added when there is none (so a
  // value can be built in place, not built and then moved in).
  T& operator[](std::string_view key) {
    const std::uint32_t hash = hash_text(key);
    if (const auto position = position_of(key, hash)) return items_[*position].second;
    items_.emplace_back().first.assign(key.data(), key.size());
    const std::size_t position = items_.size() - 1;
    hash_slots::add(slots_, hash, position, [this](std::size_t p) { return hash_text(items_[p].first); });
    return items_[position].second;
  }

  void insert_or_assign(std::string_view key, T value) { (*this)[key] = std::move(value); }

  std::size_t size() const { return items_.size(); }
  typename std::vector<Item>::const_iterator begin() const { return items_.begin(); }
  typename std::vector<Item>::const_iterator end() const { return items_.end(); }

 private:
  std::optional<std::size_t> position_of(std::string_view key, std::uint32_t hash) const {
    return hash_slots::find(slots_, hash, [&](std::size_t p) { return items_[p].first == key; });
  }

  std::vector<Item> items_;
  std::vector<std::uint32_t> slots_;
};

}  // namespace lms
