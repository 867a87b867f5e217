// json_scan.hpp — private: a strict, allocation-free JSON validator and an on-demand reader.
//
// Why not nlohmann here: building its DOM runs at ~14 MB/s in the -Oz WASM build, and a
// 450 KB validation envelope must parse at >= 100 MB/s. So a body is validated once (RFC 8259,
// depth-bounded, no recursion) and then read in place: a value is the exact text slice of one
// valid JSON value, and members are found by skipping over the text. Only small sub-trees
// (params) are turned into nlohmann::json.
//
// Every reading function requires a slice obtained from validate() (or from another reading
// function on such a slice); they still never read outside the slice.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace lms::jscan {

enum class Kind : std::uint8_t { null, boolean, number, string, array, object, invalid };

// True when `text` is exactly one JSON value, optionally surrounded by white space, nested at
// most `max_depth` arrays/objects deep. `text` must be valid UTF-8 (see utf8::repaired);
// lone surrogate escapes (\ud800) are accepted and read as U+FFFD, as JSON.parse accepts them.
// On success `root` is the value without the surrounding white space.
bool validate(std::string_view text, std::size_t max_depth, std::string_view& root);

inline Kind kind(std::string_view value) {
  if (value.empty()) return Kind::invalid;
  switch (value.front()) {
    case '{': return Kind::object;
    case '[': return Kind::array;
    case '"': return Kind::string;
    case 't':
    case 'f': return Kind::boolean;
    case 'n': return Kind::null;
    default: return Kind::number;
  }
}
inline bool is_object(std::string_view v) { return kind(v) == Kind::object; }
inline bool is_array(std::string_view v) { return kind(v) == Kind::array; }
inline bool is_string(std::string_view v) { return kind(v) == Kind::string; }
inline bool is_number(std::string_view v) { return kind(v) == Kind::number; }
inline bool is_true(std::string_view v) { return v == "true"; }
inline bool is_false(std::string_view v) { return v == "false"; }

// Iterates an object's members in order: on_member(key, value), both slices (the key with its
// quotes). Duplicate keys are all visited: callers that keep the last one match JSON.parse.
template <class F>
void for_each_member(std::string_view object, F&& on_member);
// Iterates an array's elements in order: on_element(value).
template <class F>
void for_each_element(std::string_view array, F&& on_element);

// The string's text with escapes decoded (a string slice, quotes included).
std::string decode_string(std::string_view value);
// Compares a string slice (quotes included) with plain text, decoding escapes if there are any.
bool string_equals(std::string_view value, std::string_view plain);
// The text between the quotes when the string has no escapes (the common case): no copy.
std::optional<std::string_view> plain_string(std::string_view value);

// Numbers: an integer that fits, else nullopt (fractions and exponents are not integers).
std::optional<std::int64_t> to_int64(std::string_view number);
// Any number as a double; nullopt when it overflows to infinity.
std::optional<double> to_double(std::string_view number);

// The value as nlohmann::json (for params and other small pass-through values). Numbers that
// overflow a double become null, as JSON.stringify(Infinity) would.
nlohmann::json to_json(std::string_view value);

// Validates and converts in one step: nullopt when `text` is not valid JSON within the depth.
std::optional<nlohmann::json> parse(std::string_view text, std::size_t max_depth);

// ---- implementation of the iteration templates ---------------------------------------------

namespace detail {
inline bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
inline const char* skip_space(const char* p, const char* end) {
  while (p < end && is_space(*p)) ++p;
  return p;
}
const char* skip_string(const char* p, const char* end);  // p at the opening quote
const char* skip_value(const char* p, const char* end);
}  // namespace detail

template <class F>
void for_each_member(std::string_view object, F&& on_member) {
  if (!is_object(object)) return;
  const char* end = object.data() + object.size();
  const char* p = detail::skip_space(object.data() + 1, end);
  while (p < end && *p == '"') {
    const char* key_end = detail::skip_string(p, end);
    const std::string_view key(p, static_cast<std::size_t>(key_end - p));
    p = detail::skip_space(key_end, end);
    if (p >= end || *p != ':') return;
    p = detail::skip_space(p + 1, end);
    const char* value_end = detail::skip_value(p, end);
    on_member(key, std::string_view(p, static_cast<std::size_t>(value_end - p)));
    p = detail::skip_space(value_end, end);
    if (p >= end || *p != ',') return;
    p = detail::skip_space(p + 1, end);
  }
}

template <class F>
void for_each_element(std::string_view array, F&& on_element) {
  if (!is_array(array)) return;
  const char* end = array.data() + array.size();
  const char* p = detail::skip_space(array.data() + 1, end);
  while (p < end && *p != ']') {
    const char* value_end = detail::skip_value(p, end);
    if (value_end == p) return;  // not reachable for validated text; never loop forever
    on_element(std::string_view(p, static_cast<std::size_t>(value_end - p)));
    p = detail::skip_space(value_end, end);
    if (p >= end || *p != ',') return;
    p = detail::skip_space(p + 1, end);
  }
}

}  // namespace lms::jscan
