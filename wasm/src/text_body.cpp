#include "text_body.hpp"

#include <utility>

#include "json_scan.hpp"
#include "lms/envelope.hpp"
#include "text_util.hpp"
#include "utf8.hpp"

namespace lms::envelope {

std::string_view media_type(std::optional<std::string_view> content_type) {
  if (!content_type) return {};
  return text::trim(content_type->substr(0, content_type->find(';')));
}

std::string html_title(std::string_view html) {
  const std::size_t open = text::ifind(html, "<title");
  if (open == std::string_view::npos) return {};
  const std::size_t start = html.find('>', open);
  if (start == std::string_view::npos) return {};
  const std::size_t close = text::ifind(html, "</title", start);
  const std::string_view raw = html.substr(start + 1, close == std::string_view::npos ? 0 : close - start - 1);
  std::string title;
  // Collect a little past the limit, so truncate() below cuts at a character boundary.
  for (std::size_t i = 0; i < raw.size() && title.size() <= kMaxTextMessageBytes; ++i) {
    const char c = raw[i];
    if (text::is_space(c)) {
      if (!title.empty() && title.back() != ' ') title.push_back(' ');
      continue;
    }
    if (c == '&') {
      static constexpr std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}};
      bool replaced = false;
      for (const auto& [entity, character] : kEntities) {
        if (raw.substr(i, entity.size()) == entity) {
          title.push_back(character);
          i += entity.size() - 1;
          replaced = true;
          break;
        }
      }
      if (replaced) continue;
    }
    title.push_back(c);
  }
  return std::string(utf8::truncate(text::trim(title), kMaxTextMessageBytes));
}

std::string message_of_text(std::string_view media, std::string_view body, std::string_view json_root) {
  if (!json_root.empty()) {
    if (jscan::is_string(json_root))
      return std::string(utf8::truncate(text::trim(jscan::decode_string(json_root)), kMaxTextMessageBytes));
    return {};
  }
  const std::string_view trimmed = text::trim(body);
  if (text::iequals(media, "text/html") || text::istarts_with(trimmed, "<!doctype html") ||
      text::istarts_with(trimmed, "<html"))
    return html_title(trimmed);
  if (text::iequals(media, "text/plain")) return std::string(utf8::truncate(trimmed, kMaxTextMessageBytes));
  return {};
}

}  // namespace lms::envelope
