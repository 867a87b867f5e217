// header_values.hpp — private: the response headers the envelope reads, found in one pass.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lms/envelope.hpp"
#include "text_util.hpp"

namespace lms {

// The first value of each header parse() reads, trimmed; names match in any letter case.
struct HeaderValues {
  std::optional<std::string_view> content_type, retry_after, request_id, correlation_id;
  std::optional<std::string_view> ratelimit, ratelimit_policy;                            // IETF
  std::optional<std::string_view> ratelimit_limit, ratelimit_remaining, ratelimit_reset;  // IETF draft
  std::optional<std::string_view> x_limit, x_remaining, x_reset;                         // X-RateLimit-*

  explicit HeaderValues(const std::vector<Header>& headers) {
    for (const Header& header : headers) take(header.name, header.value);
  }
  // From "name\0value\0...": used in place. An odd field at the end is ignored.
  explicit HeaderValues(std::string_view block) {
    while (!block.empty()) {
      const std::size_t name_end = block.find('\0');
      if (name_end == std::string_view::npos) return;
      const std::size_t value_end = block.find('\0', name_end + 1);
      if (value_end == std::string_view::npos) return;
      take(block.substr(0, name_end), block.substr(name_end + 1, value_end - name_end - 1));
      block.remove_prefix(value_end + 1);
    }
  }

 private:
  void take(std::string_view name, std::string_view value) {
    if (std::optional<std::string_view>* slot = find(name))
      if (!*slot) *slot = text::trim(value);
  }

  std::optional<std::string_view>* find(std::string_view name) {
    using text::iequals;
    switch (name.size()) {
      case 9: return iequals(name, "ratelimit") ? &ratelimit : nullptr;
      case 11: return iequals(name, "retry-after") ? &retry_after : nullptr;
      case 12:
        if (iequals(name, "content-type")) return &content_type;
        return iequals(name, "x-request-id") ? &request_id : nullptr;
      case 15:
        if (iequals(name, "ratelimit-limit")) return &ratelimit_limit;
        return iequals(name, "ratelimit-reset") ? &ratelimit_reset : nullptr;
      case 16:
        if (iequals(name, "ratelimit-policy")) return &ratelimit_policy;
        return iequals(name, "x-correlation-id") ? &correlation_id : nullptr;
      case 17:
        if (iequals(name, "x-ratelimit-limit")) return &x_limit;
        return iequals(name, "x-ratelimit-reset") ? &x_reset : nullptr;
      case 19: return iequals(name, "ratelimit-remaining") ? &ratelimit_remaining : nullptr;
      case 21: return iequals(name, "x-ratelimit-remaining") ? &x_remaining : nullptr;
      default: return nullptr;
    }
  }
};

std::optional<RateLimit> rate_limit_from(const HeaderValues& headers, std::int64_t now_ms);

}  // namespace lms
