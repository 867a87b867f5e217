// json_util.hpp — private helpers for reading untrusted JSON safely without exceptions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "json_scan.hpp"

namespace lms {

// Deeper documents are refused before parsing: no legitimate envelope or catalogue nests
// this deep, and bounding it keeps every later walk of the tree shallow.
inline constexpr std::size_t kMaxJsonDepth = 64;

// True when no array/object in `text` nests deeper than `max_depth` (strings are skipped).
inline bool json_depth_within(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
      continue;
    }
    switch (c) {
      case '"': in_string = true; break;
      case '{':
      case '[':
        if (++depth > max_depth) return false;
        break;
      case '}':
      case ']':
        if (depth > 0) --depth;
        break;
      default: break;
    }
  }
  return true;
}

// The member `key` of `object`, or nullptr when `object` is not an object or has no such
// member. One compiled look-up for every reader (each find() call site would inline its own).
const nlohmann::json* json_member(const nlohmann::json& object, std::string_view key);

// Serializes without ever throwing, as nlohmann's dump(-1, ' ', false, replace) would, through
// JsonWriter (no nlohmann serializer, nor the printf it pulls in, in the .wasm): invalid UTF-8
// becomes U+FFFD, doubles print in nlohmann's layout (1.0, 1e+23) with the shortest digits that
// read back as the same double (Number#toString's; nlohmann's Grisu2 is sometimes longer, e.g.
// 9.999999999999999e+22 for 1e23). Nesting beyond
// JsonWriter::kMaxDepth, and discarded values, are written as null.
std::string dump_json(const nlohmann::json& value);

// Parses exactly as nlohmann::json::parse(first, last, nullptr, false) does, with jscan's reader
// and json_number_to_double, not nlohmann's parser (see jscan::to_json_as_parsed). Never
// throws: malformed text, invalid UTF-8, a lone surrogate escape, a number that overflows a
// double or nesting deeper than kMaxJsonDepth give a discarded value (check is_discarded()).
// Callers bound size.
nlohmann::json parse_json(std::string_view text);

// Whether parse_json reads `text` as a value, checked in one pass without building it: a
// leading byte order mark skipped (as nlohmann skips it), valid UTF-8, nesting at most
// kMaxJsonDepth, no lone surrogate escape and no number beyond a double (jscan::Forms). `root`
// is the value without the mark and white space; the root's members (or elements) are handed
// to `on_root_item` in the same pass, for a caller that reads them only when this is true.
bool validate_as_parsed(std::string_view text, std::string_view& root, jscan::MemberVisitor on_root_item);

}  // namespace lms
