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

namespace {

// The text of the first <tag …>…</tag> element (tags inside it dropped, white space collapsed,
// the common entities decoded), or "". `tag` is lower case; names match in any case.
std::string element_text(std::string_view markup, std::string_view tag) {
  std::size_t open = 0;
  for (;; ++open) {
    open = text::ifind(markup, std::string("<").append(tag), open);
    if (open == std::string_view::npos) return {};
    const std::size_t after = open + 1 + tag.size();
    if (after < markup.size() && (markup[after] == '>' || text::is_space(markup[after]))) break;  // not <preload>
  }
  const std::size_t start = markup.find('>', open);
  if (start == std::string_view::npos) return {};
  const std::size_t close = text::ifind(markup, std::string("</").append(tag), start);
  const std::string_view raw = markup.substr(start + 1, close == std::string_view::npos ? 0 : close - start - 1);
  std::string title;
  // Collect a little past the limit, so truncate() below cuts at a character boundary.
  for (std::size_t i = 0; i < raw.size() && title.size() <= kMaxTextMessageBytes; ++i) {
    const char c = raw[i];
    if (text::is_space(c)) {
      if (!title.empty() && title.back() != ' ') title.push_back(' ');
      continue;
    }
    if (c == '<') {  // a tag inside the element (<br>, <a>): a word break
      const std::size_t end = raw.find('>', i);
      if (end == std::string_view::npos) break;
      i = end;
      if (!title.empty() && title.back() != ' ') title.push_back(' ');
      continue;
    }
    if (c == '&') {
      static constexpr std::pair<std::string_view, char> kEntities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}, {"&apos;", '\''}, {"&nbsp;", ' '}, {"&#x2F;", '/'}, {"&#47;", '/'}};
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

// A title that names no problem: Express's default error page is <title>Error</title> with the
// message in <pre>.
bool generic_title(std::string_view title) { return title.empty() || text::iequals(title, "error"); }

// Text without any markup: a tagless text/html body ("Forbidden").
bool has_markup(std::string_view body) { return body.find('<') != std::string_view::npos; }

bool is_html(std::string_view media, std::string_view body) {
  return text::iequals(media, "text/html") || text::istarts_with(body, "<!doctype html") || text::istarts_with(body, "<html");
}

bool looks_like_json(std::string_view body) { return !body.empty() && (body.front() == '{' || body.front() == '['); }

bool is_xml(std::string_view media, std::string_view body) {
  return text::iequals(media, "application/xml") || text::iequals(media, "text/xml") ||
         text::istarts_with(body, "<?xml") || text::istarts_with(body, "<error");
}

}  // namespace

std::optional<ConstantLead> constant_lead(std::string_view message) {
  std::size_t end = 0;
  while (end < message.size() && text::is_constant_char(message[end])) ++end;
  const std::string_view code = message.substr(0, end);
  if (code.empty() || code.size() > 128 || code.front() < 'A' || code.front() > 'Z' ||
      code.find('_') == std::string_view::npos)
    return std::nullopt;
  std::string_view rest = text::trim(message.substr(end));
  if (rest.empty()) return ConstantLead{code, {}};
  if (rest.front() != ':') return std::nullopt;
  return ConstantLead{code, text::trim(rest.substr(1))};
}

std::string one_line_text(std::string_view text) {
  std::string line;
  for (char c : text) {
    if (line.size() > kMaxTextMessageBytes) break;
    if (text::is_space(c)) {
      if (!line.empty() && line.back() != ' ') line.push_back(' ');
    } else {
      line.push_back(c);
    }
  }
  return std::string(utf8::truncate(text::trim(line), kMaxTextMessageBytes));
}

TextBodyReading read_text_body(std::string_view media, std::string_view body, std::string_view json_root) {
  TextBodyReading reading;
  if (!json_root.empty()) {  // JSON, but not an object: a string is the message
    if (jscan::is_string(json_root))
      reading.message = std::string(utf8::truncate(text::trim(jscan::decode_string(json_root)), kMaxTextMessageBytes));
    return reading;
  }
  const std::string_view trimmed = text::trim(body);
  if (is_xml(media, trimmed)) {
    reading.message = element_text(trimmed, "message");
    if (reading.message.empty()) reading.message = element_text(trimmed, "faultstring");  // SOAP 1.1
    reading.server_code = element_text(trimmed, "code");
    if (reading.server_code.empty()) reading.server_code = element_text(trimmed, "errorcode");  // Moodle
    reading.request_id = element_text(trimmed, "requestid");
    if (!reading.message.empty() || !reading.server_code.empty()) return reading;
  }
  if (is_html(media, trimmed) && !has_markup(trimmed)) {
    reading.message = one_line_text(trimmed);
  } else if (is_html(media, trimmed)) {
    // The title, unless it is generic; then the page's <pre> (Express), <h1>, <h2>.
    reading.message = element_text(trimmed, "title");
    for (std::string_view tag : {"pre", "h1", "h2"}) {
      if (!generic_title(reading.message)) break;
      std::string text = element_text(trimmed, tag);
      if (!text.empty()) reading.message = std::move(text);
    }
  } else if (text::iequals(media, "text/plain") || (media.empty() && !looks_like_json(trimmed))) {
    // A body sent without a Content-Type (Vert.x's status line) is read as text: it is valid
    // UTF-8 here, a binary body having been refused before; broken JSON is no message.
    reading.message = std::string(utf8::truncate(trimmed, kMaxTextMessageBytes));
    if (const auto lead = constant_lead(reading.message)) {
      reading.server_code = std::string(lead->code);
      reading.message = std::string(lead->text);
    }
  }
  return reading;
}

}  // namespace lms::envelope
