// json_scan.hpp — private: a strict, allocation-light JSON validator and an on-demand reader.
//
// Why not nlohmann here: building its DOM runs at ~14 MB/s in the -Oz WASM build, and a
// 450 KB validation envelope must parse at >= 100 MB/s. So a body is validated once (RFC 8259,
// depth-bounded, no recursion) and then read in place: a value is the exact text slice of one
// valid JSON value, and members are found by skipping over the text. Only small sub-trees
// (params) and small documents (catalogues, resources: lms::parse_json) are turned into
// nlohmann::json, by this reader too, so nlohmann's own parser is not in the .wasm.
//
// Speed notes for the -Oz/LTO WASM build, where the inliner inlines next to nothing: the
// per-byte helpers are forced inline (LMS_INLINE), loops make no calls, strings are skipped
// eight bytes at a time, and validate() can record where the large containers near the root
// end (an Index), so reading the root never scans a megabyte-long member again to skip it.
//
// Every reading function requires a slice obtained from validate() (or from another reading
// function on such a slice); they still never read outside the slice.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "function_ref.hpp"

#define LMS_INLINE [[gnu::always_inline]] inline

namespace lms::jscan {

enum class Kind : std::uint8_t { null, boolean, number, string, array, object, invalid };

// A slice of the text in a trivial type: std::string_view's constructors are out-of-line
// calls in the -Oz build, and the member loops below make millions of slices.
struct Slice {
  const char* data;
  std::size_t size;
  LMS_INLINE operator std::string_view() const { return {data, size}; }  // NOLINT: a view
};

class Index;

// What validate() saw besides validity: the two forms that nlohmann's reader (lms::parse_json,
// the DOM) refuses and this reader reads, so a reader of a text in place can refuse exactly
// what the DOM refuses.
struct Forms {
  bool lone_surrogate = false;      // a \uD800–\uDFFF escape, in a string or key, not half of a pair
  bool overflowing_number = false;  // a number beyond a double's range (1e400)
};

// Iterates the members of an object: on_member(key, value), both Slices (the key with its
// quotes). Duplicate keys are all visited: callers that keep the last one match JSON.parse.
using MemberVisitor = FunctionRef<void(Slice key, Slice value)>;

namespace detail {
// validate(), and the root's members or elements handed to `on_root_item` when it is not null.
bool validate_text(std::string_view text, std::size_t max_depth, std::string_view& root, Index* index,
                   const MemberVisitor* on_root_item, Forms* forms);
}  // namespace detail

// Where containers end, for the containers validate() was asked to record.
class Index {
 public:
  // The position after the container opening at `open`, or nullptr when it was not recorded.
  const char* end_of(const char* open) const;

 private:
  friend bool detail::validate_text(std::string_view, std::size_t, std::string_view&, Index*, const MemberVisitor*,
                                    Forms*);
  const char* base_ = nullptr;
  std::vector<std::uint32_t> starts_;  // offsets of the recorded openings, ascending
  std::vector<std::uint32_t> ends_;
};

// True when `text` is exactly one JSON value, optionally surrounded by white space, nested at
// most `max_depth` arrays/objects deep. `text` must be valid UTF-8 (see utf8::repaired);
// lone surrogate escapes (\ud800) are accepted and read as U+FFFD, as JSON.parse accepts them.
// On success `root` is the value without the surrounding white space. With an `index`, the
// ends of containers nested at most kIndexDepth deep are recorded (at most one per 32 bytes
// of text, so a hostile body cannot make the index large). With `forms`, what the text holds
// of Forms is set there (on success; a text that proves invalid may leave it partly set).
inline constexpr std::size_t kIndexDepth = 3;
bool validate(std::string_view text, std::size_t max_depth, std::string_view& root, Index* index = nullptr,
              Forms* forms = nullptr);
// validate(), handing the root's members (an object's: the key with its quotes, the value) or
// elements (an array's: an empty key) to `on_root_item` as they are validated: one pass where
// validate() and then for_each_member() or for_each_element() would take two. A caller uses
// what it was handed only when this returns true (the text may prove invalid later).
bool validate(std::string_view text, std::size_t max_depth, std::string_view& root, MemberVisitor on_root_item,
              Index* index = nullptr, Forms* forms = nullptr);

LMS_INLINE Kind kind(std::string_view value) {
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
LMS_INLINE bool is_object(std::string_view v) { return !v.empty() && v.front() == '{'; }
LMS_INLINE bool is_array(std::string_view v) { return !v.empty() && v.front() == '['; }
LMS_INLINE bool is_string(std::string_view v) { return !v.empty() && v.front() == '"'; }
LMS_INLINE bool is_number(std::string_view v) { return kind(v) == Kind::number; }
LMS_INLINE bool is_true(std::string_view v) { return v.size() == 4 && v.front() == 't'; }
LMS_INLINE bool is_false(std::string_view v) { return v.size() == 5 && v.front() == 'f'; }

// An object or array with no members.
bool is_empty_container(std::string_view value);

// The string's text with escapes decoded (a string slice, quotes included).
std::string decode_string(std::string_view value);
// The text between the quotes when the string has no escapes (the common case): no copy.
std::optional<std::string_view> plain_string(std::string_view value);

// Numbers: an integer that fits, else nullopt (fractions and exponents are not integers).
std::optional<std::int64_t> to_int64(std::string_view number);

// The value as nlohmann::json (for params and other small pass-through values). Integers that
// fit are number_integer; numbers that overflow a double become null, as
// JSON.stringify(Infinity) would; lone surrogate escapes read as U+FFFD.
nlohmann::json to_json(std::string_view value);
// The value exactly as nlohmann::json::parse reads it (lms::parse_json): non-negative integers
// that fit a uint64 are number_unsigned, negative ones that fit an int64 number_integer (so -0
// is the integer 0), all other numbers the correctly rounded double; a discarded value when a
// number overflows a double or a string holds a lone surrogate escape, which nlohmann refuses.
// Duplicate keys: the last one wins, as in both nlohmann and JSON.parse.
nlohmann::json to_json_as_parsed(std::string_view value);
// True when JSON.parse(value) gives exactly what JSON.parse of to_json(value)'s text gives, so
// the slice may be copied to the output as it is: no escapes (a lone surrogate escape reads as
// U+FFFD here but not in JSON.parse), no exponents (overflow), no integer -0.
bool copies_verbatim(std::string_view value);

// Validates and converts in one step: nullopt when `text` is not valid JSON within the depth.
std::optional<nlohmann::json> parse(std::string_view text, std::size_t max_depth);

// ---- iteration ---------------------------------------------------------------------------------

namespace detail {

constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighs = 0x8080808080808080ull;
LMS_INLINE std::uint64_t has_byte(std::uint64_t word, unsigned char byte) {
  const std::uint64_t x = word ^ (kOnes * byte);
  return (x - kOnes) & ~x & kHighs;
}

LMS_INLINE bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
LMS_INLINE const char* skip_space(const char* p, const char* end) {
  while (p < end && is_space(*p)) ++p;
  return p;
}

// From an opening quote to just after the closing one; `escaped` tells whether a backslash
// was seen. Eight bytes at a time until a quote or backslash shows up.
LMS_INLINE const char* skip_string(const char* p, const char* end, bool& escaped) {
  ++p;
  for (;;) {
    while (end - p >= 8) {
      std::uint64_t word;
      std::memcpy(&word, p, 8);
      if (has_byte(word, '"') | has_byte(word, '\\')) break;
      p += 8;
    }
    while (p < end && *p != '"' && *p != '\\') ++p;
    if (p >= end) return end;
    if (*p == '"') return p + 1;
    escaped = true;
    p += 2;
  }
}

const char* skip_container(const char* p, const char* end);

LMS_INLINE const char* skip_value(const char* p, const char* end, const Index* index) {
  if (p >= end) return end;
  const char first = *p;
  if (first == '"') {
    bool escaped = false;
    return skip_string(p, end, escaped);
  }
  if (first == '{' || first == '[') {
    if (index)
      if (const char* known = index->end_of(p)) return known;
    return skip_container(p, end);
  }
  while (p < end && !is_space(*p) && *p != ',' && *p != '}' && *p != ']') ++p;
  return p;
}

}  // namespace detail

void for_each_member(std::string_view object, MemberVisitor on_member, const Index* index = nullptr);
// From the object starting at `p`; returns the position after it (one pass to read and skip).
const char* for_each_member_at(const char* p, const char* end, MemberVisitor on_member, const Index* index = nullptr);

// Iterates an array's elements in order. on_element(p, end) is given the element's first
// byte and must return the position after the element (so an object element is read in one
// pass); skip_element(p, end) does that for elements a caller does not read.
template <class F>
void for_each_element_at(std::string_view array, F&& on_element) {
  using namespace detail;
  if (!is_array(array)) return;
  const char* end = array.data() + array.size();
  const char* p = skip_space(array.data() + 1, end);
  while (p < end && *p != ']') {
    const char* element_end = on_element(p, end);
    if (element_end <= p) return;  // not reachable for validated text; never loop forever
    p = skip_space(element_end, end);
    if (p >= end || *p != ',') return;
    p = skip_space(p + 1, end);
  }
}

// The position after the value starting at `p`: for elements a caller of for_each_element_at()
// does not read (one compiled copy rather than an inlined skip_value() in each caller).
const char* skip_element(const char* p, const char* end);

// The simple form: on_element(value) with the element's slice.
void for_each_element(std::string_view array, FunctionRef<void(std::string_view element)> on_element,
                      const Index* index = nullptr);

}  // namespace lms::jscan
