// Templates: compiling i18next's interpolation once, rendering it, and i18next's own algorithm
// for the rare text that has to be interpolated at call time.
#include <algorithm>
#include <cstring>

#include "i18n_internal.hpp"
#include "js_text.hpp"
#include "json_util.hpp"
#include "text_util.hpp"

namespace lms::i18n {
namespace {

using nlohmann::json;

constexpr std::string_view kIsolateOpen = "\xE2\x81\xA8";   // U+2068 FIRST STRONG ISOLATE
constexpr std::string_view kIsolateClose = "\xE2\x81\xA9";  // U+2069 POP DIRECTIONAL ISOLATE
constexpr int kMaxReplaces = 1000;  // i18next's interpolation.maxReplaces, per pass

// ---- the two placeholder regexes: /{{(.+?)}}/g and /{{-(.+?)}}/g ------------------------

// End of a placeholder match starting at `at` (text[at..] starts with the prefix), or npos:
// at least one character, no line terminator, up to the first "}}".
std::size_t placeholder_end(std::string_view text, std::size_t at, std::size_t prefix) {
  const std::size_t content = at + prefix;
  for (std::size_t k = content; k < text.size();) {
    if (text::line_terminator_at(text, k)) return std::string_view::npos;
    if (k > content && text[k] == '}' && k + 1 < text.size() && text[k + 1] == '}') return k + 2;
    ++k;
  }
  return std::string_view::npos;
}

struct Match {
  std::size_t begin = 0, end = 0;
};

// The next match at or after `from`; `raw` selects the {{- …}} pass.
bool find_placeholder(std::string_view text, std::size_t from, bool raw, Match& match) {
  const std::string_view prefix = raw ? "{{-" : "{{";
  for (std::size_t at = text.find(prefix, from); at != std::string_view::npos; at = text.find(prefix, at + 1)) {
    const std::size_t end = placeholder_end(text, at, prefix.size());
    if (end != std::string_view::npos) {
      match = {at, end};
      return true;
    }
  }
  return false;
}

// The name i18next looks up for a matched placeholder: trimmed, and before a ", format".
std::string_view value_name(std::string_view matched) {
  const std::string_view trimmed = text::trim(matched);
  const std::size_t comma = trimmed.find(',');
  return comma == std::string_view::npos ? trimmed : text::trim(trimmed.substr(0, comma));
}

// ---- value look-up: i18next's deepFindWithDefaults with keySeparator false ----------------

// A value the placeholder resolved to: a JSON node, an option's text, or an array's length.
struct Value {
  enum class Kind : std::uint8_t { missing, node, text, number } kind = Kind::missing;
  const json* node = nullptr;
  std::string_view text;
  double number = 0;
};

// The element `key` names in an array of `size` elements: a canonical index ("0", "12"; not
// "012"), as JS reads `array[key]`.
std::optional<std::size_t> array_index(std::string_view key, std::size_t size) {
  if (key.size() > 1 && key[0] == '0') return std::nullopt;
  const auto index = text::parse_digits(key);
  if (!index || *index >= size) return std::nullopt;
  return static_cast<std::size_t>(*index);
}

// JS `object[key]` for an own property of a JSON object or array (inherited ones are functions
// or __proto__, which i18next skips).
Value own(const json& holder, std::string_view key) {
  Value value;
  if (holder.is_object()) {
    if (const json* member = json_member(holder, key)) {
      value.kind = Value::Kind::node;
      value.node = member;
    }
  } else if (holder.is_array()) {
    if (key == "length") {
      value.kind = Value::Kind::number;
      value.number = static_cast<double>(holder.size());
    } else if (const auto index = array_index(key, holder.size())) {
      value.kind = Value::Kind::node;
      value.node = &holder[*index];
    }
  }
  return value;
}

bool is_falsy(const json& node) {
  switch (node.type()) {
    case json::value_t::null: return true;
    case json::value_t::boolean: return !node.get<bool>();
    case json::value_t::string: return node.get_ref<const std::string&>().empty();
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: {
      const double number = js::to_number(node);
      return number == 0 || number != number;
    }
    default: return false;
  }
}

// getPath: split on ".", own properties only, "###" in a segment stands for ".".
Value get_path(const json& data, std::string_view path) {
  const json* holder = &data;
  for (;;) {
    const std::size_t dot = path.find('.');
    std::string_view segment = path.substr(0, dot);
    std::string cleaned;
    if (segment.find("###") != std::string_view::npos) {
      for (std::size_t k = 0; k < segment.size(); ++k) {
        if (segment.substr(k, 3) == "###") {
          cleaned += '.';
          k += 2;
        } else {
          cleaned += segment[k];
        }
      }
      segment = cleaned;
    }
    // canNotTraverseDeeper: falsy values and strings end the walk; other primitives have no
    // own properties, so the walk ends there too.
    if (is_falsy(*holder) || !(holder->is_object() || holder->is_array())) return {};
    Value next = own(*holder, segment);
    if (dot == std::string_view::npos) return next;
    if (next.kind != Value::Kind::node) return {};
    holder = next.node;
    path.remove_prefix(dot + 1);
  }
}

// deepFind(data, path, false): with keySeparator false, i18next 27 reads only the own
// property named exactly `path` (26 split the path on the text "false").
Value deep_find(const json& data, std::string_view path) { return own(data, path); }

Value lookup(const Scope& scope, std::string_view name) {
  Value value;
  // The options share the object with the params in i18next; they win (they are set last).
  if (name.size() >= 2 && name.size() <= 7 && (name[0] == 'l' || name[0] == 'n' || name[0] == 'c')) {
    const std::string_view option = name == "lng" ? scope.lng : name == "ns" ? scope.ns : name == "context" ? scope.context : "";
    if (!option.empty()) {
      value.kind = Value::Kind::text;
      value.text = option;
      return value;
    }
  }
  if (scope.data == nullptr) {
    // Flat params hold only primitives: i18next's path walk cannot descend into them, so it
    // ends at the own property with exactly this name.
    if (find_flat_value(scope.flat, name, value.text)) value.kind = Value::Kind::text;
    return value;
  }
  if (!scope.data->is_object()) return value;
  value = get_path(*scope.data, name);
  if (value.kind == Value::Kind::missing || (value.kind == Value::Kind::node && value.node->is_null()))
    value = deep_find(*scope.data, name);
  return value;
}

void append_value(std::string& out, const Value& value) {
  switch (value.kind) {
    case Value::Kind::text: out.append(value.text.data(), value.text.size()); break;
    case Value::Kind::number: js::append_number(out, value.number); break;
    case Value::Kind::node: js::append_string(out, *value.node); break;
    case Value::Kind::missing: break;
  }
}

// i18next's escape(): & < > " ' as entities (27 leaves "/" as it is); runs without them are
// copied whole.
void append_escaped(std::string& out, std::string_view text) {
  const char* data = text.data();
  std::size_t from = 0;
  for (std::size_t at = 0; at < text.size(); ++at) {
    const char* entity = nullptr;
    switch (data[at]) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      case '\'': entity = "&#39;"; break;
      default: continue;
    }
    out.append(data + from, at - from);
    out += entity;
    from = at + 1;
  }
  out.append(data + from, text.size() - from);
}

// i18next 27's escapeNestingOptionsValue: a value inside $t(key, {…}) options becomes JSON
// text that cannot end its string or add members: " ' \ & < > and C0 controls as \uXXXX.
void append_options_escaped(std::string& out, std::string_view text) {
  constexpr char kHex[] = "0123456789abcdef";
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || c == '"' || c == '\'' || c == '\\' || c == '&' || c == '<' || c == '>') {
      out += "\\u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    } else {
      out += c;
    }
  }
}

void append_safe(std::string& out, const Value& value, bool escape, const RenderFlags& flags) {
  if (escape && flags.nesting_options) {
    std::string text;
    append_value(text, value);
    append_options_escaped(out, text);
    return;
  }
  if (flags.isolate) out += kIsolateOpen;
  if (!escape) {
    append_value(out, value);
  } else if (value.kind == Value::Kind::text) {
    append_escaped(out, value.text);
  } else if (value.kind == Value::Kind::node && value.node->is_string()) {
    append_escaped(out, value.node->get_ref<const std::string&>());
  } else {
    std::string text;
    append_value(text, value);
    append_escaped(out, text);
  }
  if (flags.isolate) out += kIsolateClose;
}

}  // namespace

bool next_flat_pair(std::string_view& rest, std::string_view& name, std::string_view& value) {
  // memchr directly: every {{value}} of a translation walks the pairs, and string_view's find
  // and substr are calls of calls in the size-optimised .wasm.
  if (rest.empty()) return false;  // (its data() may be null, which memchr must not get)
  const char* const begin = rest.data();
  const char* const end = begin + rest.size();
  const auto* name_end = static_cast<const char*>(std::memchr(begin, '\0', rest.size()));
  if (name_end == nullptr) return false;
  const char* const value_begin = name_end + 1;
  const auto* value_end = static_cast<const char*>(std::memchr(value_begin, '\0', end - value_begin));
  if (value_end == nullptr) value_end = end;
  name = std::string_view(begin, name_end - begin);
  value = std::string_view(value_begin, value_end - value_begin);
  rest = value_end == end ? std::string_view() : std::string_view(value_end + 1, end - value_end - 1);
  return true;
}

bool find_flat_value(std::string_view pairs, std::string_view name, std::string_view& value) {
  std::string_view pair_name;
  while (next_flat_pair(pairs, pair_name, value))
    if (pair_name == name) return true;
  return false;
}

void append_without_nul(std::string& out, std::string_view text) {
  // The runs between U+0000s in one append each (memchr and append(data, size) directly: every
  // line's code comes through here, and string_view's find is calls of calls at -Oz).
  const char* rest = text.data();
  const char* const end = rest + text.size();
  for (const char* nul; rest != end && (nul = static_cast<const char*>(std::memchr(rest, '\0', end - rest)));
       rest = nul + 1) {
    out.append(rest, nul - rest);
    out.append("\xEF\xBF\xBD", 3);
  }
  out.append(rest, end - rest);
}

void append_flat_pair(std::string& pairs, std::string_view name, std::string_view value) {
  if (value.find('\0') != std::string_view::npos) {
    pairs += name;
    pairs += '\0';
    append_without_nul(pairs, value);
    pairs += '\0';
    return;
  }
  // One resize and two copies: details() adds seven pairs per import error, and each string
  // append is several calls in the size-optimised .wasm.
  const std::size_t at = pairs.size();
  pairs.resize(at + name.size() + value.size() + 2);
  char* out = pairs.data() + at;
  out += name.copy(out, name.size());
  *out++ = '\0';
  out += value.copy(out, value.size());
  *out = '\0';
}

// ---- nesting: /\$t\(((?:[^()"']|"[^"]*"|'[^']*'|\((?:[^()"']|"[^"]*"|'[^']*')*\))*?)\)/g --

bool find_nesting(std::string_view text, std::size_t from, NestingMatch& match) {
  for (std::size_t at = text.find("$t(", from); at != std::string_view::npos; at = text.find("$t(", at + 1)) {
    std::size_t k = at + 3;
    bool in_group = false;
    bool failed = false;
    while (!failed) {
      if (k >= text.size()) {
        failed = true;
        break;
      }
      const char c = text[k];
      if (c == ')') {
        if (!in_group) break;
        in_group = false;
        ++k;
      } else if (c == '"' || c == '\'') {
        const std::size_t close = text.find(c, k + 1);
        if (close == std::string_view::npos) failed = true;
        else k = close + 1;
      } else if (c == '(') {
        if (in_group) failed = true;  // one level of parentheses only
        else {
          in_group = true;
          ++k;
        }
      } else {
        ++k;
      }
    }
    if (!failed) {
      match.begin = at;
      match.end = k + 1;
      match.content = text.substr(at + 3, k - at - 3);
      return true;
    }
  }
  return false;
}

std::uint32_t count_nestings(std::string_view text) {
  std::uint32_t count = 0;
  NestingMatch match;
  for (std::size_t from = 0; find_nesting(text, from, match); from = match.end) ++count;
  return count;
}

namespace {

struct Region {
  std::size_t begin, end;
};

// i18next 27 leaves the "{…}" options of each $t(key, {…}) to the nesting step (which fills
// them with JSON-escaped values): where they are, in match order.
std::vector<Region> nesting_options_regions(std::string_view text) {
  std::vector<Region> regions;
  NestingMatch match;
  for (std::size_t from = 0; find_nesting(text, from, match); from = match.end) {
    const std::string_view content = match.content;
    // /,[ ]*{/ in the content: its "{" starts the options; they end at the content's last "}".
    std::size_t open = std::string_view::npos;
    for (std::size_t comma = content.find(','); comma != std::string_view::npos; comma = content.find(',', comma + 1)) {
      std::size_t k = comma + 1;
      while (k < content.size() && content[k] == ' ') ++k;
      if (k < content.size() && content[k] == '{') {
        open = k;
        break;
      }
    }
    const std::size_t close = content.rfind('}');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) continue;
    const std::size_t begin = match.begin + 3 + open;
    if (text.substr(begin, 2) == "{{") continue;  // a placeholder, not options
    regions.push_back({begin, match.begin + 3 + close + 1});
  }
  return regions;
}

}  // namespace

// ---- compile ------------------------------------------------------------------------------

namespace {

// Fills compiled.pieces from compiled.source; false when the template has to be interpreted
// at call time instead.
bool compile_pieces(Template& compiled) {
  const std::string_view text = compiled.source;

  // Pass 1 ({{- raw}}) as i18next runs it: its matches never overlap and the scan resumes
  // after each one whether or not the value exists. Pass 2 ({{escaped}}) runs on the text
  // between raw placeholders: inserted values are skipped by i18next, so only the template's
  // own text can form placeholders — unless a "{{" is left open right before a raw value,
  // which a value containing "}}" could close. Both passes are walked together (each raw
  // match found when the run before it is done): no list of raw matches to keep.
  std::size_t placeholders_seen = 0;  // both passes: more than kMaxReplaces changes the result
  auto span = [text](std::string_view part) {
    const auto begin = static_cast<std::uint32_t>(part.data() - text.data());
    return Span{begin, begin + static_cast<std::uint32_t>(part.size())};
  };
  auto add = [&compiled, span, text](Piece::Kind kind, std::size_t begin, std::size_t end, std::size_t prefix) {
    const std::string_view written = text.substr(begin, end - begin);
    Piece piece{kind, span(written), {}};
    if (kind != Piece::Kind::literal)
      piece.name = span(value_name(written.substr(prefix, written.size() - prefix - 2)));
    compiled.pieces.push_back(piece);
  };
  auto add_literal = [&add](std::size_t begin, std::size_t end) {
    if (begin < end) add(Piece::Kind::literal, begin, end, 0);
  };
  for (std::size_t run_begin = 0;;) {
    Match raw;
    const bool has_raw = find_placeholder(text, run_begin, true, raw);
    if (has_raw) {
      const std::string_view content = text.substr(raw.begin + 3, raw.end - raw.begin - 5);
      // A "}" first, or a "{{" inside, lets pass 2 cut the same text differently when the
      // value is missing.
      if (content.front() == '}' || content.find("{{") != std::string_view::npos) return false;
      if (++placeholders_seen >= kMaxReplaces) return false;
    }
    const std::size_t run_end = has_raw ? raw.begin : text.size();
    std::size_t from = run_begin;
    for (std::size_t at = text.find("{{", from); at != std::string_view::npos && at < run_end;
         at = text.find("{{", at + 1)) {
      if (at < from) continue;
      const std::size_t end = placeholder_end(text, at, 2);
      if (end == std::string_view::npos) continue;
      if (end > run_end) return false;
      add_literal(from, at);
      add(Piece::Kind::value, at, end, 2);
      if (++placeholders_seen >= kMaxReplaces) return false;
      from = end;
      at = end - 1;
    }
    add_literal(from, run_end);
    if (!has_raw) return true;
    add(Piece::Kind::raw_value, raw.begin, raw.end, 3);
    run_begin = raw.end;
  }
}

}  // namespace

void compile(std::string_view source, Template& compiled) {
  compiled.source.assign(source.data(), source.size());
  compiled.pieces.clear();
  compiled.nestings = count_nestings(source);
  // Nesting options are interpolated later, by the nesting step: such (rare) templates are
  // interpreted at call time, cut where i18next cuts them.
  compiled.interpret = (compiled.nestings > 0 && !nesting_options_regions(source).empty()) || !compile_pieces(compiled);
  if (compiled.interpret) compiled.pieces.clear();
}

void render(const Template& compiled, const Scope& scope, const RenderFlags& flags, std::string& out) {
  if (compiled.interpret) {
    out += interpolate_text(compiled.source, scope, flags);
    return;
  }
  const std::string_view text = compiled.source;
  auto part = [text](Span span) { return text.substr(span.begin, span.end - span.begin); };
  for (const Piece& piece : compiled.pieces) {
    const std::string_view written = part(piece.written);
    if (piece.kind == Piece::Kind::literal) {
      out.append(written.data(), written.size());  // (+= a string_view is one call more at -Oz)
      continue;
    }
    Value value = lookup(scope, part(piece.name));
    bool escape = flags.escape && piece.kind == Piece::Kind::value;
    if (value.kind == Value::Kind::missing && piece.kind == Piece::Kind::raw_value) {
      // A missing raw value leaves "{{- name}}", which i18next's second pass then reads as the
      // escaped placeholder "- name" (from the "-" on).
      value = lookup(scope, value_name(written.substr(2, written.size() - 4)));
      escape = flags.escape;
    }
    if (value.kind == Value::Kind::missing) out += written;  // i18next leaves the placeholder
    else append_safe(out, value, escape, flags);
  }
}

namespace {

// One interpolate() call of i18next on text without nesting options: both passes.
std::string interpolate_segment(std::string text, const Scope& scope, const RenderFlags& flags) {
  std::vector<Region> raw_values;  // where pass 1 wrote values, in pass-1 positions
  std::ptrdiff_t shift = 0;        // how much pass 2 has grown the text so far
  for (const bool raw : {true, false}) {
    int replaces = 0;
    Match match;
    std::size_t from = 0;
    while (find_placeholder(text, from, raw, match)) {
      const auto at = static_cast<std::ptrdiff_t>(match.begin) - shift;
      auto written = std::find_if(raw_values.begin(), raw_values.end(), [at](const Region& region) {
        return at >= static_cast<std::ptrdiff_t>(region.begin) && at < static_cast<std::ptrdiff_t>(region.end);
      });
      if (written != raw_values.end()) {
        from = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(written->end) + shift);
        continue;
      }
      const std::size_t prefix = raw ? 3 : 2;
      const std::string_view name =
          value_name(std::string_view(text).substr(match.begin + prefix, match.end - match.begin - prefix - 2));
      const Value value = lookup(scope, name);
      if (value.kind == Value::Kind::missing) {  // skipOnVariables: leave it, go on after it
        from = match.end;
        continue;
      }
      // text[begin, end) becomes the value (rebuilt with appends: std::string::replace would be
      // in the .wasm for this alone).
      std::string replaced(text, 0, match.begin);
      append_safe(replaced, value, flags.escape && !raw, flags);
      const std::size_t value_end = replaced.size();
      replaced.append(text, match.end);
      text.swap(replaced);
      if (raw) raw_values.push_back({match.begin, value_end});
      else shift += static_cast<std::ptrdiff_t>(value_end) - static_cast<std::ptrdiff_t>(match.end);
      from = value_end;
      if (++replaces >= kMaxReplaces) break;
    }
  }
  return text;
}

}  // namespace

std::string interpolate_text(std::string text, const Scope& scope, const RenderFlags& flags) {
  if (flags.nesting_options || text.find("$t(") == std::string::npos) return interpolate_segment(std::move(text), scope, flags);
  const std::vector<Region> regions = nesting_options_regions(text);
  if (regions.empty()) return interpolate_segment(std::move(text), scope, flags);
  std::string out;
  std::size_t last = 0;
  for (const Region& region : regions) {
    out += interpolate_segment(text.substr(last, region.begin - last), scope, flags);
    out.append(text, region.begin, region.end - region.begin);
    last = region.end;
  }
  out += interpolate_segment(text.substr(last), scope, flags);
  return out;
}

// ---- for the lint --------------------------------------------------------------------------

std::vector<Placeholder> placeholders(std::string_view source) {
  std::vector<Placeholder> result;
  auto add = [&result](std::string_view matched, bool raw) {
    const std::string_view trimmed = text::trim(matched);
    const std::size_t comma = trimmed.find(',');
    Placeholder placeholder;
    placeholder.raw = raw;
    placeholder.name = std::string(comma == std::string_view::npos ? trimmed : text::trim(trimmed.substr(0, comma)));
    if (comma != std::string_view::npos) placeholder.format = std::string(text::trim(trimmed.substr(comma + 1)));
    result.push_back(std::move(placeholder));
  };
  std::string rest(source);
  Match match;
  for (std::size_t from = 0; find_placeholder(rest, from, true, match);) {
    add(std::string_view(rest).substr(match.begin + 3, match.end - match.begin - 5), true);
    rest.replace(match.begin, match.end - match.begin, " ");  // a raw value is opaque to pass 2
    from = match.begin + 1;
  }
  for (std::size_t from = 0; find_placeholder(rest, from, false, match); from = match.end)
    add(std::string_view(rest).substr(match.begin + 2, match.end - match.begin - 4), false);
  return result;
}

std::vector<Nesting> nestings(std::string_view source) {
  std::vector<Nesting> result;
  NestingMatch match;
  for (std::size_t from = 0; find_nesting(source, from, match); from = match.end) {
    const std::string_view content = match.content;
    const std::size_t open = content.find('{');
    const bool has_options = open != std::string_view::npos && content.find('}', open) != std::string_view::npos;
    const std::size_t comma = content.find(',');
    Nesting nesting;
    nesting.has_formats = !has_options && comma != std::string_view::npos;
    nesting.key = std::string(text::trim(content.substr(0, comma)));
    nesting.dynamic = nesting.key.find("{{") != std::string::npos;
    result.push_back(std::move(nesting));
  }
  return result;
}

}  // namespace lms::i18n
