// utf8.hpp — private: validating and repairing UTF-8 the way browsers do.
//
// Bodies arrive as raw bytes. Invalid sequences are replaced by U+FFFD with the WHATWG
// Encoding Standard's "maximal subpart" rule, which is what TextDecoder does, so a body
// parsed from bytes gives exactly the strings a JS `response.text()` would have seen.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lms::utf8 {

inline constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The sequence starting at text[0]: `valid` and how many bytes it covers. For an invalid
// sequence, `length` is the maximal subpart to replace by one U+FFFD (at least 1).
struct Sequence {
  bool valid;
  std::size_t length;
};
Sequence next_sequence(std::string_view text);

bool is_valid(std::string_view text);

// The number of invalid sequences in `text`, counting no further than `limit` + 1: a binary
// body is recognised after `limit` + 1 of them, without reading the rest.
std::size_t count_invalid(std::string_view text, std::size_t limit);

// nullopt when `text` is already valid UTF-8 (the common case: no copy), otherwise a copy
// with every invalid sequence replaced by U+FFFD.
std::optional<std::string> repaired(std::string_view text);

// Writes the UTF-8 encoding of a code point (U+FFFD for surrogates and values > U+10FFFF) at
// `out` (room for 4 bytes) and returns the position after it.
char* put_code_point(char* out, char32_t code_point);

// The longest prefix of `text` of at most `max_bytes` bytes that does not cut a character.
std::string_view truncate(std::string_view text, std::size_t max_bytes);

}  // namespace lms::utf8
