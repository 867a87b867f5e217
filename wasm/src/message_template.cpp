// The catalogue's message templates: "module {name} not found" read as literal and
// placeholder parts, matched against a server's text or filled from params.
#include "message_template.hpp"

#include <string>

#include "json_util.hpp"
#include "lms/envelope.hpp"
#include "text_util.hpp"

namespace lms {
namespace {
struct TemplatePart {
  bool placeholder;
  std::string_view text;  // the literal, or the placeholder's name
};

bool is_name_char(char c) {
  return text::is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// The template's parts one at a time, from `pos` (which it advances); false at the end.
// "module {name} not found" -> literal "module ", placeholder "name", literal " not found".
// (Read in place: no list of parts is built, and a literal ends exactly where the text does
// when nothing follows it.)
bool next_template_part(std::string_view tmpl, std::size_t& pos, TemplatePart& part) {
  if (pos >= tmpl.size()) return false;
  for (std::size_t i = pos; i < tmpl.size(); ++i) {
    if (tmpl[i] != '{') continue;
    std::size_t close = i + 1;
    while (close < tmpl.size() && is_name_char(tmpl[close])) ++close;
    if (close == i + 1 || close >= tmpl.size() || tmpl[close] != '}' || text::is_digit(tmpl[i + 1])) continue;
    if (i > pos) {
      part = {false, tmpl.substr(pos, i - pos)};  // the placeholder comes next time
      pos = i;
    } else {
      part = {true, tmpl.substr(i + 1, close - i - 1)};
      pos = close + 1;
    }
    return true;
  }
  part = {false, tmpl.substr(pos)};
  pos = tmpl.size();
  return true;
}

}  // namespace

bool match_template_into(std::string_view tmpl, std::string_view input, Params* params) {
  tmpl = text::trim(tmpl);
  const std::string_view subject = text::trim(input);
  std::size_t pos = 0;
  std::size_t at = 0;  // in the template
  TemplatePart part;
  while (next_template_part(tmpl, at, part)) {
    if (!part.placeholder) {
      if (subject.size() - pos < part.text.size() ||
          !text::iequals(subject.substr(pos, part.text.size()), part.text))
        return false;
      pos += part.text.size();
      continue;
    }
    std::size_t value_end;
    TemplatePart next;
    std::size_t after = at;
    if (!next_template_part(tmpl, after, next)) {
      value_end = subject.size();
    } else if (next.placeholder) {
      value_end = pos;  // two placeholders in a row cannot be told apart: the first gets nothing
    } else if (after == tmpl.size()) {
      // The last literal must end the text: "module a not found not found" -> "a not found".
      if (subject.size() - pos < next.text.size()) return false;
      value_end = subject.size() - next.text.size();
    } else {
      value_end = text::ifind(subject, next.text, pos);
      if (value_end == std::string_view::npos) return false;
    }
    if (params) (*params)[std::string(part.text)] = std::string(subject.substr(pos, value_end - pos));
    pos = value_end;
  }
  return pos == subject.size();
}

std::optional<Params> match_template(std::string_view tmpl, std::string_view input) {
  Params params = Params::object();
  if (!match_template_into(tmpl, input, &params)) return std::nullopt;
  return params;
}

namespace {

// The template with each placeholder's value appended by `append_value(name, out)`, or the
// placeholder left visible, never guessed, when that returns false.
template <class AppendValue>
std::string filled(std::string_view tmpl, AppendValue&& append_value) {
  std::string out;
  std::size_t at = 0;
  TemplatePart part;
  while (next_template_part(tmpl, at, part)) {
    if (!part.placeholder) out.append(part.text);
    else if (!append_value(part.text, out)) out.append("{").append(part.text).append("}");
  }
  return out;
}

}  // namespace

std::string fill_template(std::string_view tmpl, const Params& params) {
  return filled(tmpl, [&](std::string_view name, std::string& out) {
    const auto it = params.is_object() ? params.find(std::string(name)) : params.end();
    if (!params.is_object() || it == params.end()) return false;
    if (it->is_string()) out.append(it->get_ref<const std::string&>());
    else if (it->is_number() || it->is_boolean()) out.append(dump_json(*it));
    else return false;
    return true;
  });
}

std::string fill_template(std::string_view tmpl, std::span<const EmitParam> params) {
  return filled(tmpl, [&](std::string_view name, std::string& out) {
    for (const EmitParam& param : params)
      if (param.name == name) {
        out.append(param.text);
        return true;
      }
    return false;
  });
}

}  // namespace lms
