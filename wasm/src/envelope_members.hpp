// envelope_members.hpp — private: the member names the envelope readers look for, and the
// look-up that finds them in one pass over an object's text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "json_scan.hpp"

namespace lms::envelope {

using jscan::Slice;

// True when a JSON string (quotes included) holds no escape: its bytes are its text.
LMS_INLINE bool unescaped(const char* data, std::size_t size) {
  for (std::size_t i = 1; i + 1 < size; ++i)
    if (data[i] == '\\') return false;
  return true;
}

// An object's members, read in one pass over its text (the body's root can be megabytes: one
// look-up per name would skip over it again and again). The last duplicate wins, as in JSON.parse.
// A bit per name says which were found, so nothing is cleared for each of 100,000 items.
struct Members {
  enum Name : unsigned {
    code, error, message, status_code, success, ok, data, errors, params, timestamp, path, type, title, detail,
    status, instance, trace_id, invalid_params, field, rule, name, pointer, reason, msg, column, rows,
    allowed_values, property, key, param, request_id, kCount
  };
  static_assert(kCount <= 32);

  Slice slots[kCount];  // meaningful where `found` has the bit
  std::uint32_t found = 0;

  LMS_INLINE std::string_view operator[](Name n) const {
    return (found >> n) & 1u ? std::string_view(slots[n].data, slots[n].size) : std::string_view();
  }

  // The member names, in Name order; slot() compares a key only with the names of its length.
  static constexpr std::string_view kNames[kCount] = {
      "code",   "error",    "message",  "statusCode", "success", "ok",     "data",     "errors",
      "params", "timestamp", "path",    "type",       "title",   "detail", "status",   "instance",
      "traceId", "invalid-params", "field", "rule",   "name",    "pointer", "reason",  "msg",
      "column", "rows",     "allowedValues", "property", "key",  "param",    "requestId"};
  static constexpr std::size_t kLongest = 14;
  struct BySize {
    std::uint8_t names[kCount];         // Name values, shortest names first
    std::uint8_t first[kLongest + 2];   // names[first[n] .. first[n + 1]) are n bytes long
  };
  static constexpr BySize kBySize = [] {
    BySize table{};
    std::uint8_t k = 0;
    for (std::size_t size = 0; size <= kLongest + 1; ++size) {
      table.first[size] = k;
      for (std::uint8_t n = 0; n < kCount; ++n)
        if (kNames[n].size() == size) table.names[k++] = n;
    }
    return table;
  }();

  // The Name of a member key, or nullopt for a member the envelope does not read.
  static std::optional<std::uint8_t> slot(const char* m, std::size_t size) {
    if (size > kLongest) return std::nullopt;
    for (std::size_t k = kBySize.first[size]; k < kBySize.first[size + 1]; ++k) {
      const char* name = kNames[kBySize.names[k]].data();
      std::size_t i = 0;
      while (i < size && name[i] == m[i]) ++i;  // inline: names are short, a memcmp call is not
      if (i == size) return kBySize.names[k];
    }
    return std::nullopt;
  }

  LMS_INLINE void take(Slice json_key, Slice value) {
    std::optional<std::uint8_t> n;
    if (unescaped(json_key.data, json_key.size)) {
      n = slot(json_key.data + 1, json_key.size - 2);
    } else {
      const std::string decoded = jscan::decode_string(json_key);
      n = slot(decoded.data(), decoded.size());
    }
    if (!n) return;
    slots[*n] = value;
    found |= 1u << *n;
  }
};
using M = Members;

inline Members collect(std::string_view object, const jscan::Index* index = nullptr) {
  Members members;
  jscan::for_each_member(object, [&members](Slice key, Slice value) { members.take(key, value); }, index);
  return members;
}

}  // namespace lms::envelope
