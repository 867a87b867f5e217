// format() and details(): error lines for the UI, from the translations and the catalogue.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <optional>
#include <fmt/format.h>

#include "i18n_details.hpp"
#include "i18n_internal.hpp"
#include "js_text.hpp"
#include "json_number.hpp"
#include "json_util.hpp"
#include "text_body.hpp"
#include "text_util.hpp"

namespace lms {
namespace {

using nlohmann::json;

// ui.error.unknown's English text, for a line when no locale is loaded at all.
constexpr std::string_view kUnknownErrorFallback = "Something went wrong";
constexpr std::string_view kIsolateOpen = "\xE2\x81\xA8";   // U+2068 FIRST STRONG ISOLATE
constexpr std::string_view kIsolateClose = "\xE2\x81\xA9";  // U+2069 POP DIRECTIONAL ISOLATE

void append_isolated(std::string& out, std::string_view text, bool isolate) {
  if (isolate) out += kIsolateOpen;
  out += text;
  if (isolate) out += kIsolateClose;
}

// translate_if_exists() into `out`, whose buffer it reuses; false, `out` untouched, when no
// locale has the key. Params: FlatParams or a JSON object, as translate_if_exists() takes them.
template <class Params = FlatParams>  // {} for no params
bool translate_into(const ResourceStore& store, std::string_view key, const Params& params,
                    const TranslateOptions& options, std::string& out) {
  return store.translate_if_exists(key, params, options, out);
}

// An error's params as format() receives them: a JSON object (from NormalizedError) or the
// flat "name\0value\0…" pairs of the JS fast path. replace() copies them only then, the JSON
// object into its own copy, flat pairs into the caller's buffer.
class LineParams {
 public:
  explicit LineParams(const json& params) : json_(params.is_object() ? &params : &empty_object()) {}
  LineParams(const FlatParams& params, std::string& flat_buffer)
      : flat_(params.pairs), count_(params.count), flat_buffer_(&flat_buffer) {}

  // Appends a param as JS would print it; false when there is none.
  bool append(std::string_view name, std::string& out) const {
    if (!json_) {
      std::string_view value;
      if (!i18n::find_flat_value(flat_, name, value)) return false;
      out += value;
      return true;
    }
    const json* value = json_member(*json_, name);
    if (!value) return false;
    js::append_string(out, *value);
    return true;
  }

  // A param's text when it is a string (flat params all are), else nullopt.
  std::optional<std::string_view> string_param(std::string_view name) const {
    std::string_view value;
    if (!json_) return i18n::find_flat_value(flat_, name, value) ? std::optional(value) : std::nullopt;
    const json* member = json_member(*json_, name);
    if (!member || !member->is_string()) return std::nullopt;
    return member->get_ref<const std::string&>();
  }

  // Gives the param `name`, whose text string_param() gave as `current`, the text `value`
  // (which must not lie in the flat buffer).
  void replace(std::string_view name, std::string_view current, std::string_view value) {
    if (json_) {
      if (json_ != &replaced_json_) replaced_json_ = *json_;
      replaced_json_[std::string(name)] = std::string(value);
      json_ = &replaced_json_;
      return;
    }
    // The pairs before the value, the new value (U+0000 as U+FFFD, as append_flat_pair writes
    // it), the pairs after it; in a second buffer when they already lie in the first (the
    // second replace() of a line).
    std::string& rebuilt = flat_.data() == flat_buffer_->data() ? spare_flat_ : *flat_buffer_;
    const std::size_t at = static_cast<std::size_t>(current.data() - flat_.data());
    rebuilt.assign(flat_.data(), at);
    i18n::append_without_nul(rebuilt, value);
    rebuilt.append(flat_.data() + at + current.size(), flat_.size() - at - current.size());
    flat_ = rebuilt;
  }

  bool translate(const ResourceStore& store, std::string_view key, const TranslateOptions& options, std::string& out) const {
    if (!json_) return translate_into(store, key, FlatParams{flat_, count_}, options, out);
    return translate_into(store, key, *json_, options, out);
  }

 private:
  static const json& empty_object() {
    static const json empty = json::object();
    return empty;
  }

  const json* json_ = nullptr;  // the JSON object, or null for flat pairs
  json replaced_json_;
  std::string_view flat_;
  PluralCount count_;
  std::string* flat_buffer_ = nullptr;
  std::string spare_flat_;
};

// The catalogue's own message with its {param} placeholders filled from the error's params.
std::string catalogue_message(const std::string& message, const LineParams& params) {
  std::string out;
  for (std::size_t at = 0; at < message.size();) {
    const std::size_t open = message.find('{', at);
    const std::size_t close = open == std::string::npos ? open : message.find('}', open);
    if (close == std::string::npos) {
      out.append(message, at);
      break;
    }
    out.append(message, at, open - at);
    if (!params.append(std::string_view(message).substr(open + 1, close - open - 1), out))
      out.append(message, open, close - open + 1);
    at = close + 1;
  }
  return out;
}

// A resource key made of parts ("entity." + value), on the stack; nullopt when it is too long to
// have a translation.
using KeyBuffer = char[i18n::kMaxRawKeyBytes];
std::optional<std::string_view> joined_key(KeyBuffer& buffer, std::initializer_list<std::string_view> parts) {
  std::size_t size = 0;
  for (const std::string_view part : parts) {
    if (part.size() > sizeof(buffer) - size) return std::nullopt;
    std::memcpy(buffer + size, part.data(), part.size());
    size += part.size();
  }
  return std::string_view(buffer, size);
}

// Replaces a string param with its translation under `prefix`.<value> in common, if there is
// one. `last` is this param's last look-up: the same key in the same locale of the same store
// version has the same translation (one key, no params, no context).
void translate_param(const ResourceStore& store, LineParams& params, std::string_view name, std::string_view prefix,
                     std::string_view locale, FormatBuffers::ParamTranslation& last) {
  const std::optional<std::string_view> value = params.string_param(name);
  if (!value) return;
  KeyBuffer buffer;
  const std::optional<std::string_view> key = joined_key(buffer, {prefix, ".", *value});
  if (!key) return;
  if (last.store_version != store.version() || last.key != *key || last.locale != locale) {
    last.found = translate_into(store, *key, {}, {locale, kDefaultNamespace, {}, false, false}, last.text);
    last.store_version = store.version();
    last.key.assign(key->data(), key->size());
    last.locale.assign(locale.data(), locale.size());
  }
  if (last.found) params.replace(name, *value, last.text);
}

// A JS Number(text) for class-validator's string constraints ("100"): plain decimals only.
std::optional<double> number_param(const json& value) {
  if (value.is_number()) return js::to_number(value);
  if (!value.is_string()) return std::nullopt;
  std::string_view text = text::trim(value.get_ref<const std::string&>());
  if (text.empty() || text.size() > 32) return std::nullopt;
  const bool negative = text[0] == '-';
  if (negative || text[0] == '+') text.remove_prefix(1);
  bool digits = false;
  bool point = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits = true;
    else if (c == '.' && !point) point = true;
    else return std::nullopt;
  }
  if (!digits) return std::nullopt;
  const double number = json_number_to_double(text);  // correctly rounded, as Number() is
  return negative ? -number : number;
}

// Whether the space-separated |list| (lower case) holds |id|, ignoring ASCII case. One pass
// over the list, with no call per word: format() asks this for every line.
bool listed(std::string_view list, std::string_view id) {
  std::size_t matched = 0;  // how much of id the current word has matched so far
  bool matching = true;
  for (std::size_t at = 0; at <= list.size(); ++at) {
    if (at == list.size() || list[at] == ' ') {
      if (matching && matched == id.size()) return true;
      matched = 0;
      matching = true;
    } else if (matching) {
      matching = matched < id.size() && text::lower(id[matched]) == list[at];
      ++matched;
    }
  }
  return false;
}

}  // namespace

bool is_right_to_left(std::string_view locale) {
  // One string each rather than arrays of string_views: fewer bytes in the .wasm.
  constexpr std::string_view kLanguages = "ar arc azb ckb dv fa he iw ji khw ks lrc mzn nqo pnb ps sd syr ug ur yi";
  constexpr std::string_view kScripts = "adlm arab hebr mand mend nkoo rohg samr syrc thaa yezi";
  std::string_view language = locale.substr(0, locale.find_first_of("-_"));
  // A script subtag decides on its own: uz-Arab is right to left, ks-Deva is not.
  for (std::size_t start = language.size(); start < locale.size();) {
    const std::size_t end = std::min(locale.find_first_of("-_", start + 1), locale.size());
    const std::string_view part = locale.substr(start + 1, end - start - 1);
    if (part.size() == 4 && !(part[0] >= '0' && part[0] <= '9')) {
      return listed(kScripts, part);
    }
    start = end;
  }
  return listed(kLanguages, language);
}

namespace {

// A foreign server's machine code is shown and looked up only when it is a plain token
// ("card_declined", "INVALID_ARGUMENT", "PGRST116"): anything longer or with other characters is
// server text, not a code to quote.
bool is_code_token(std::string_view code) {
  constexpr std::size_t kMaxCodeToken = 64;
  if (code.empty() || code.size() > kMaxCodeToken) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return text::is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-' || c == '.' || c == ':';
  });
}

// Writes the line into `line`, replacing its text.
void format_line(const ResourceStore& store, const Catalogue& catalogue, std::string_view dialect, std::string_view code,
                 int status, std::string_view server_text, std::string_view server_code, LineParams& params,
                 const FormatOptions& options, FormatBuffers& buffers, std::string& line) {
  const std::string_view locale = options.locale.empty() ? kFallbackLocale : options.locale;
  const bool rtl = store.impl().chain_for(locale).right_to_left;
  const bool pupil = options.audience == Audience::pupil;
  const TranslateOptions text{locale, dialect, pupil ? "pupil" : "", false, rtl};

  translate_param(store, params, "entity", "entity", locale, buffers.entity);
  translate_param(store, params, "reason", code, locale, buffers.reason);

  auto translated = [&](std::string_view key, std::string_view ns, const LineParams& values, std::string& out) {
    TranslateOptions in_ns = text;
    in_ns.ns = ns;
    return values.translate(store, key, in_ns, out);
  };
  // The catalogue's entry is looked up only when a line needs it: format() runs for every
  // error shown, and nearly every code has a line.
  const Entry* entry = nullptr;
  bool entry_found = false;
  const auto catalogue_entry = [&] {
    if (!entry_found) entry = catalogue.find(dialect, code);
    entry_found = true;
    return entry;
  };

  // The message, from the first source that has one. Server text is shown as one line and
  // never to pupils (it is foreign, often English, sometimes technical); a line always has
  // words, so when no locale has any of the keys the English fallback stands in.
  line.clear();
  if (!is_code_token(server_code)) server_code = {};
  bool found = translated(code, dialect, params, line);
  // An app's own words for a foreign code it meets (addResources: http `server.<serverCode>`).
  KeyBuffer key_buffer;  // for server.<code token> and HTTP_<status>, which always fit
  if (!found && !server_code.empty()) found = translated(*joined_key(key_buffer, {"server.", server_code}), "http", params, line);
  if (!found && !pupil) {
    const std::string server_line = envelope::one_line_text(server_text);
    if (!server_line.empty()) {
      append_isolated(line, server_line, rtl);
      found = true;
    }
  }
  if (!found && status > 0) {
    const fmt::format_int digits(status);
    found = translated(*joined_key(key_buffer, {"HTTP_", {digits.data(), digits.size()}}), "http", params, line);
  }
  if (!found) found = translated("ui.error.unknown", kDefaultNamespace, LineParams(FlatParams{}, buffers.params), line);
  if (!found && catalogue_entry() && !entry->message.empty()) {
    append_isolated(line, catalogue_message(entry->message, params), rtl);
    found = true;
  }
  if (!found) line = kUnknownErrorFallback;

  if (options.audience == Audience::admin && catalogue_entry() && !entry->cause.empty()) {
    if (!line.empty()) line += " \xE2\x80\x94 ";  // em dash
    append_isolated(line, entry->cause, rtl);
  }
  if (!options.with_code && !line.empty()) return;
  if (!line.empty()) line += ' ';
  if (rtl) line += kIsolateOpen;
  line += '[';
  // A code is shown as the server sent it, but for U+0000, which a UI drops or cuts at: U+FFFD.
  i18n::append_without_nul(line, code);
  // Teachers quote both: ours, and the foreign server's own (pupils get ours only).
  if (!pupil && !server_code.empty() && server_code != code) line.append(" ").append(server_code);
  line += ']';
  if (rtl) line += kIsolateClose;
}

}  // namespace

std::string format(const ResourceStore& store, const Catalogue& catalogue, const NormalizedError& error,
                   const FormatOptions& options) {
  LineParams params(error.params);
  FormatBuffers buffers;
  std::string line;
  format_line(store, catalogue, error.dialect, error.code, error.status, error.message,
              error.server_code ? std::string_view(*error.server_code) : std::string_view(), params, options, buffers,
              line);
  return line;
}

std::string format(const ResourceStore& store, const Catalogue& catalogue, const FormatInput& error,
                   const FormatOptions& options) {
  FormatBuffers buffers;
  std::string line;
  format(store, catalogue, error, options, buffers, line);
  return line;
}

void format(const ResourceStore& store, const Catalogue& catalogue, const FormatInput& error,
            const FormatOptions& options, FormatBuffers& buffers, std::string& line) {
  LineParams params(error.params, buffers.params);
  format_line(store, catalogue, error.dialect, error.code, error.status, error.message, error.server_code, params,
              options, buffers, line);
}

DetailLines::DetailLines(const ResourceStore& store, std::string_view locale)
    : store_(store), text_{locale.empty() ? kFallbackLocale : locale, kDefaultNamespace, {}, false, false} {
  // The separators: parameter-less common strings (never isolated), with these defaults when
  // no locale has them.
  translate("details.listSeparator", {}, list_separator_);
  translate("details.rangeSeparator", {}, range_separator_);
  rtl_ = text_.isolate = store.impl().chain_for(text_.locale).right_to_left;
}

bool DetailLines::translate(std::string_view key, const FlatParams& params, std::string& out) const {
  return translate_into(store_, key, params, text_, out);
}

void DetailLines::field_line(std::string_view field, std::string_view rule, std::string_view message, json& params,
                             std::string& line) {
  std::string& text = message_;
  text.clear();
  bool found = false;
  if (!rule.empty()) {
    // maxLength / minLength: the plural forms are chosen by count = Number(max / min).
    const char* bound = rule == "maxLength" ? "max" : rule == "minLength" ? "min" : nullptr;
    if (const json* limit = bound ? json_member(params, bound) : nullptr)
      if (auto number = number_param(*limit)) params["count"] = *number;
    key_ = "validation.";
    key_ += rule;
    found = translate_into(store_, key_, params, text_, text);
  }
  if (!found && !message.empty()) {
    append_isolated(text, message, rtl_);
    found = true;
  }
  if (!found && !translate("validation.invalid", {}, text)) text = rule.data() ? rule : "invalid";

  values_.clear();
  i18n::append_flat_pair(values_, "field", field);
  i18n::append_flat_pair(values_, "message", text);
  if (!translate("details.field", {values_, {}}, line)) {
    append_isolated(line, field, rtl_);
    line += ": ";
    line += text;
  }
}

void DetailLines::add_row(std::int64_t start, std::int64_t end) {
  ranges_.push_back({std::min(start, end), std::max(start, end)});
}

std::string& DetailLines::next_name() {
  if (name_count_++) names_ += list_separator_;
  return names_;
}

std::string& DetailLines::next_allowed() {
  if (allowed_count_++) allowed_ += list_separator_;
  return allowed_;
}

void DetailLines::import_line(std::string_view code, std::string_view column, std::string& line) {
  // "2-5, 8": the rows by start, overlapping and adjacent ones joined (2–5 and 6 give 2–6).
  // The standard heapsort (std::sort's introsort compiles to several times its code, and the
  // page's .wasm is downloaded). The order of equal starts does not matter: a run keeps the
  // largest end.
  const auto by_start = [](const RowRange& a, const RowRange& b) { return a.start < b.start; };
  std::make_heap(ranges_.begin(), ranges_.end(), by_start);
  std::sort_heap(ranges_.begin(), ranges_.end(), by_start);
  double row_count = 0;
  ranges_text_.clear();
  for (std::size_t k = 0; k < ranges_.size();) {
    RowRange range = ranges_[k];
    while (++k < ranges_.size() &&
           (ranges_[k].start <= range.end ||
            (range.end < std::numeric_limits<std::int64_t>::max() && ranges_[k].start == range.end + 1)))
      range.end = std::max(range.end, ranges_[k].end);
    row_count += static_cast<double>(range.end) - static_cast<double>(range.start) + 1;
    if (!ranges_text_.empty()) ranges_text_ += list_separator_;
    const fmt::format_int start(range.start);
    ranges_text_.append(start.data(), start.size());
    if (range.end != range.start) {
      ranges_text_ += range_separator_;
      const fmt::format_int end(range.end);
      ranges_text_.append(end.data(), end.size());
    }
  }
  std::string& text = message_;
  text.clear();
  js::append_number(text, row_count);
  values_.clear();
  i18n::append_flat_pair(values_, "count", text);
  i18n::append_flat_pair(values_, "ranges", ranges_text_);
  if (!translate("details.rows", {values_, {true, row_count, row_count == 0}}, rows_)) rows_ = ranges_text_;

  values_.clear();
  i18n::append_flat_pair(values_, "allowedValues", allowed_);
  i18n::append_flat_pair(values_, "missing", names_);
  i18n::append_flat_pair(values_, "column", column);
  key_ = "import.";
  key_ += code;
  const bool known = !code.empty() && translate(key_, {values_, {}}, text);
  if (!known && !translate("import.unknown", {values_, {}}, text)) text = code;

  values_.clear();
  i18n::append_flat_pair(values_, "column", column);
  i18n::append_flat_pair(values_, "rows", rows_);
  i18n::append_flat_pair(values_, "message", text);
  if (!translate("details.import", {values_, {}}, line)) {
    if (column.data()) {
      append_isolated(line, column, rtl_);
      line += ", ";
    }
    line += rows_;
    line += ": ";
    line += text;
  }
  ranges_.clear();
  names_.clear();
  allowed_.clear();
  name_count_ = allowed_count_ = 0;
}

std::vector<std::string> details(const ResourceStore& store, const NormalizedError& error, std::string_view locale) {
  DetailLines details(store, locale);
  std::vector<std::string> lines(error.field_errors.size() + error.import_errors.size());
  std::string* line = lines.data();
  auto view = [](const std::optional<std::string>& text) {
    return text ? std::string_view(*text) : std::string_view();  // null when absent
  };
  for (const FieldError& field : error.field_errors) {
    json params = field.params;
    details.field_line(field.field, view(field.rule), view(field.message), params, *line++);
  }
  for (const ImportError& import : error.import_errors) {
    for (const RowRange& row : import.rows) details.add_row(row.start, row.end);
    if (import.params && import.params->is_array())
      for (const json& name : import.params->get_ref<const json::array_t&>())
        js::append_string(details.next_name(), name);
    for (const std::string& value : import.allowed_values) details.next_allowed() += value;
    details.import_line(import.code, view(import.column), *line++);
  }
  return lines;
}

}  // namespace lms
