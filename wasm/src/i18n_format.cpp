// format() and details(): error lines for the UI, from the translations and the catalogue.
#include <algorithm>
#include <cstdint>
#include <limits>

#include "i18n_internal.hpp"
#include "js_text.hpp"

namespace lms {
namespace {

using nlohmann::json;

constexpr std::string_view kIsolateOpen = "\xE2\x81\xA8";   // U+2068 FIRST STRONG ISOLATE
constexpr std::string_view kIsolateClose = "\xE2\x81\xA9";  // U+2069 POP DIRECTIONAL ISOLATE

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == lower(y); });
}

void append_isolated(std::string& out, std::string_view text, bool isolate) {
  if (isolate) out += kIsolateOpen;
  out += text;
  if (isolate) out += kIsolateClose;
}

// The catalogue's own message with its {param} placeholders filled from the error's params.
std::string catalogue_message(const std::string& message, const json& params) {
  std::string out;
  for (std::size_t at = 0; at < message.size();) {
    const std::size_t open = message.find('{', at);
    const std::size_t close = open == std::string::npos ? open : message.find('}', open);
    if (close == std::string::npos) {
      out.append(message, at);
      break;
    }
    out.append(message, at, open - at);
    const std::string name = message.substr(open + 1, close - open - 1);
    auto it = params.find(name);
    if (it != params.end()) js::append_string(out, *it);
    else out.append(message, open, close - open + 1);
    at = close + 1;
  }
  return out;
}

// Replaces a string param with its translation under `prefix`+value in common, if there is one.
void translate_param(const ResourceStore& store, json& params, const char* name, const std::string& prefix,
                     std::string_view locale) {
  auto it = params.find(name);
  if (it == params.end() || !it->is_string()) return;
  const json none = json::object();
  if (auto text = store.translate_if_exists(prefix + it->get<std::string>(), none, {locale, kDefaultNamespace, {}, false, false}))
    *it = std::move(*text);
}

// A parameter-less common string (a separator), or `fallback` when no locale has it.
std::string common_text(const ResourceStore& store, std::string_view key, std::string_view locale,
                        std::string_view fallback) {
  const json none = json::object();
  auto text = store.translate_if_exists(key, none, {locale, kDefaultNamespace, {}, false, false});
  return text ? std::move(*text) : std::string(fallback);
}

// A JS Number(text) for class-validator's string constraints ("100"): plain decimals only.
std::optional<double> number_param(const json& value) {
  if (value.is_number()) return js::to_number(value);
  if (!value.is_string()) return std::nullopt;
  const std::string_view text = js::trim(value.get_ref<const std::string&>());
  if (text.empty() || text.size() > 32) return std::nullopt;
  double number = 0;
  double scale = 0;
  bool digits = false;
  std::size_t at = text[0] == '-' || text[0] == '+' ? 1 : 0;
  for (; at < text.size(); ++at) {
    const char c = text[at];
    if (c >= '0' && c <= '9') {
      digits = true;
      if (scale == 0) number = number * 10 + (c - '0');
      else {
        number += (c - '0') * scale;
        scale /= 10;
      }
    } else if (c == '.' && scale == 0) {
      scale = 0.1;
    } else {
      return std::nullopt;
    }
  }
  if (!digits) return std::nullopt;
  return text[0] == '-' ? -number : number;
}

struct Range {
  std::int64_t start, end;
};

// "2-5, 8" as sorted, merged ranges (overlapping and adjacent rows join: 2–5 and 6 give 2–6).
std::vector<Range> compact(const std::vector<RowRange>& rows) {
  std::vector<Range> ranges;
  for (const RowRange& row : rows) ranges.push_back({std::min(row.start, row.end), std::max(row.start, row.end)});
  std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) { return a.start < b.start; });
  std::vector<Range> merged;
  for (const Range& range : ranges) {
    if (!merged.empty() && (range.start <= merged.back().end ||
                            (merged.back().end < std::numeric_limits<std::int64_t>::max() &&
                             range.start == merged.back().end + 1))) {
      merged.back().end = std::max(merged.back().end, range.end);
    } else {
      merged.push_back(range);
    }
  }
  return merged;
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (k) out += separator;
    out += items[k];
  }
  return out;
}

}  // namespace

bool is_right_to_left(std::string_view locale) {
  static constexpr std::string_view kLanguages[] = {"ar", "arc", "azb", "ckb", "dv",  "fa",  "he",  "iw", "ji",
                                                    "khw", "ks", "lrc", "mzn", "nqo", "pnb", "ps", "sd", "syr",
                                                    "ug",  "ur", "yi"};
  static constexpr std::string_view kScripts[] = {"adlm", "arab", "hebr", "mand", "mend", "nkoo", "rohg",
                                                  "samr", "syrc", "thaa", "yezi"};
  std::string_view language = locale.substr(0, locale.find_first_of("-_"));
  // A script subtag decides on its own: uz-Arab is right to left, ks-Deva is not.
  for (std::size_t start = language.size(); start < locale.size();) {
    const std::size_t end = std::min(locale.find_first_of("-_", start + 1), locale.size());
    const std::string_view part = locale.substr(start + 1, end - start - 1);
    if (part.size() == 4 && !(part[0] >= '0' && part[0] <= '9')) {
      for (std::string_view script : kScripts)
        if (equals_ignoring_case(part, script)) return true;
      return false;
    }
    start = end;
  }
  for (std::string_view rtl : kLanguages)
    if (equals_ignoring_case(language, rtl)) return true;
  return false;
}

std::string format(const ResourceStore& store, const Catalogue& catalogue, const NormalizedError& error,
                   const FormatOptions& options) {
  const std::string_view locale = options.locale.empty() ? kFallbackLocale : options.locale;
  const bool rtl = is_right_to_left(locale);
  const bool pupil = options.audience == Audience::pupil;
  const TranslateOptions text{locale, error.dialect, pupil ? "pupil" : "", false, rtl};

  json params = error.params.is_object() ? error.params : json::object();
  translate_param(store, params, "entity", "entity.", locale);
  translate_param(store, params, "reason", error.code + ".", locale);

  auto translated = [&](std::string_view key, std::string_view ns, const json& values) {
    TranslateOptions in_ns = text;
    in_ns.ns = ns;
    return store.translate_if_exists(key, values, in_ns);
  };
  std::string server_message;
  if (!error.message.empty()) append_isolated(server_message, error.message, rtl);
  const Entry* entry = catalogue.find(error.dialect, error.code);

  std::optional<std::string> message = translated(error.code, error.dialect, params);
  if (!message && !pupil && !server_message.empty()) message = server_message;
  if (!message && error.status > 0) message = translated("HTTP_" + std::to_string(error.status), "http", params);
  if (!message) message = translated("ui.error.unknown", kDefaultNamespace, json::object());
  if (!message && !server_message.empty()) message = server_message;
  if (!message && entry && !entry->message.empty()) {
    message.emplace();
    append_isolated(*message, catalogue_message(entry->message, params), rtl);
  }

  std::string line = message.value_or("");
  if (options.audience == Audience::admin && entry && !entry->cause.empty()) {
    if (!line.empty()) line += " \xE2\x80\x94 ";  // em dash
    append_isolated(line, entry->cause, rtl);
  }
  if (!line.empty()) line += ' ';
  if (rtl) line += kIsolateOpen;
  line += '[';
  line += error.code;
  line += ']';
  if (rtl) line += kIsolateClose;
  return line;
}

std::vector<std::string> details(const ResourceStore& store, const NormalizedError& error, std::string_view locale) {
  if (locale.empty()) locale = kFallbackLocale;
  const bool rtl = is_right_to_left(locale);
  const TranslateOptions text{locale, kDefaultNamespace, {}, false, rtl};
  const std::string list_separator = common_text(store, "details.listSeparator", locale, ", ");
  const std::string range_separator = common_text(store, "details.rangeSeparator", locale, "\xE2\x80\x93");
  std::vector<std::string> lines;
  lines.reserve(error.field_errors.size() + error.import_errors.size());

  for (const FieldError& field : error.field_errors) {
    std::optional<std::string> message;
    if (field.rule && !field.rule->empty()) {
      json params = field.params.is_object() ? field.params : json::object();
      // maxLength / minLength: the plural forms are chosen by count = Number(max / min).
      const char* bound = *field.rule == "maxLength" ? "max" : *field.rule == "minLength" ? "min" : nullptr;
      if (bound) {
        auto it = params.find(bound);
        if (it != params.end())
          if (auto number = number_param(*it)) params["count"] = *number;
      }
      message = store.translate_if_exists("validation." + *field.rule, params, text);
    }
    if (!message && field.message && !field.message->empty()) {
      message.emplace();
      append_isolated(*message, *field.message, rtl);
    }
    if (!message) message = store.translate_if_exists("validation.invalid", json::object(), text);
    if (!message) message = field.rule.value_or("invalid");

    const json values = {{"field", field.field}, {"message", *message}};
    auto line = store.translate_if_exists("details.field", values, text);
    if (!line) {
      line.emplace();
      append_isolated(*line, field.field, rtl);
      *line += ": ";
      *line += *message;
    }
    lines.push_back(std::move(*line));
  }

  for (const ImportError& import : error.import_errors) {
    const std::vector<Range> ranges = compact(import.rows);
    double row_count = 0;
    std::vector<std::string> range_texts;
    for (const Range& range : ranges) {
      row_count += static_cast<double>(range.end) - static_cast<double>(range.start) + 1;
      std::string item = std::to_string(range.start);
      if (range.end != range.start) {
        item += range_separator;
        item += std::to_string(range.end);
      }
      range_texts.push_back(std::move(item));
    }
    const std::string ranges_text = joined(range_texts, list_separator);
    const json row_values = {{"count", row_count}, {"ranges", ranges_text}};
    std::string rows = store.translate_if_exists("details.rows", row_values, text).value_or(ranges_text);

    std::vector<std::string> missing;
    if (import.params && import.params->is_array())
      for (const json& name : *import.params) {
        std::string item;
        js::append_string(item, name);
        missing.push_back(std::move(item));
      }
    const json values = {{"allowedValues", joined(import.allowed_values, list_separator)},
                         {"missing", joined(missing, list_separator)},
                         {"column", import.column.value_or("")}};
    std::optional<std::string> message;
    if (!import.code.empty()) message = store.translate_if_exists("import." + import.code, values, text);
    if (!message) message = store.translate_if_exists("import.unknown", values, text);
    if (!message) message = import.code;

    const json line_values = {{"column", import.column.value_or("")}, {"rows", rows}, {"message", *message}};
    auto line = store.translate_if_exists("details.import", line_values, text);
    if (!line) {
      line.emplace();
      if (import.column) {
        append_isolated(*line, *import.column, rtl);
        *line += ", ";
      }
      *line += rows;
      *line += ": ";
      *line += *message;
    }
    lines.push_back(std::move(*line));
  }
  return lines;
}

}  // namespace lms
