#include "envelope_text.hpp"

#include "lms/envelope.hpp"
#include "text_util.hpp"
#include "utf8.hpp"

namespace lms::envelope {

std::string_view cut(std::string_view text) { return utf8::truncate(text, kMaxTextMessageBytes); }

void read_string_into(std::optional<std::string>& out, std::string_view value) {
  if (!jscan::is_string(value)) return;
  if (auto plain = jscan::plain_string(value)) out = std::string(cut(*plain));  // no escapes: no decoded copy
  else out = std::string(cut(jscan::decode_string(value)));
}

void set_trimmed_text(std::string& out, std::string_view value) {
  if (!jscan::is_string(value)) return out.clear();
  if (auto plain = jscan::plain_string(value)) return void(out.assign(text::trim(cut(text::trim(*plain)))));
  const std::string decoded = jscan::decode_string(value);
  out.assign(text::trim(cut(text::trim(decoded))));
}

std::string Text::str() const {
  if (computed) return std::string(json);
  std::string decoded = jscan::decode_string(json);
  return trim ? std::string(text::trim(decoded)) : decoded;
}

void Text::write(JsonWriter& out) const {
  if (computed) return out.string(json);
  // Without escapes, the only white space a JSON string can hold raw is ' '.
  const char* data = json.data;
  const std::size_t size = json.size;
  if (unescaped(data, size) && (!trim || size == 2 || (data[1] != ' ' && data[size - 2] != ' ')))
    out.verbatim(json);
  else
    out.string(str());
}

void write_value(JsonWriter& out, std::string_view value) {
  if (jscan::copies_verbatim(value)) out.verbatim(value);
  else out.value(jscan::to_json(value));
}

}  // namespace lms::envelope
