// The resource store and t(): i18next's Translator (key look-up, plurals, context, fallback
// languages, nesting) over compiled templates.
#include <algorithm>

#include "i18n_internal.hpp"
#include "js_text.hpp"
#include "json_util.hpp"

namespace lms {
namespace {

using nlohmann::json;
using i18n::LocaleChain;
using i18n::Scope;
using i18n::Template;

constexpr std::size_t kMaxKeyBytes = 1024;
constexpr std::size_t kMaxTemplateBytes = 64 * 1024;
constexpr std::size_t kMaxTagBytes = 64;
// Nested translations one t() call may make in all (templates could otherwise fan out
// exponentially), and the output size after which nesting stops.
constexpr int kNestingBudget = 100;
constexpr std::size_t kMaxNestedOutput = 1 << 20;

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

bool all_of(std::string_view text, bool (*predicate)(char)) {
  return std::all_of(text.begin(), text.end(), predicate);
}

// Intl.getCanonicalLocales for a well-formed tag, limited to casing (language lower, Script
// title, REGION upper, the rest lower); i18next keeps a tag Intl rejects as it is.
std::string canonical_tag(std::string_view tag) {
  enum Stage { language, script, region, variant, extension };
  std::string out;
  out.reserve(tag.size());
  Stage stage = language;
  bool needs_subtag = false;  // a singleton must be followed by a subtag
  for (std::size_t start = 0;;) {
    const std::size_t dash = tag.find('-', start);
    const std::string_view part = tag.substr(start, dash == std::string_view::npos ? tag.npos : dash - start);
    if (part.empty() || part.size() > 8 || !all_of(part, is_alnum)) return std::string(tag);
    std::string piece(part);
    for (char& c : piece) c = lower(c);
    const bool alpha = all_of(part, is_alpha);
    if (out.empty()) {
      if (!alpha || part.size() == 1 || part.size() == 4) return std::string(tag);
    } else if (stage == extension) {
      needs_subtag = false;
    } else if (part.size() == 1) {
      stage = extension;
      needs_subtag = true;
    } else if (stage == language && part.size() == 4 && alpha) {
      piece[0] = upper(piece[0]);
      stage = script;
    } else if (stage <= script && ((part.size() == 2 && alpha) || (part.size() == 3 && all_of(part, is_digit)))) {
      for (char& c : piece) c = upper(c);
      stage = region;
    } else if (part.size() >= 5 || (part.size() == 4 && is_digit(part[0]))) {
      stage = variant;
    } else {
      return std::string(tag);
    }
    if (!out.empty()) out += '-';
    out += piece;
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  return needs_subtag ? std::string(tag) : out;
}

std::string format_language_code(std::string_view code) {
  return code.find('-') == std::string_view::npos ? std::string(code) : canonical_tag(code);
}

std::string cleaned(std::string_view code) {
  std::string out(code);
  std::replace(out.begin(), out.end(), '_', '-');
  return out;
}

// i18next's extractFromKey with keySeparator false: "ns:key" names its namespace unless the
// key reads like a sentence (has a space , ? ! or ;) or holds a $t(…). Further colons are
// joined back with the key separator — which is `false`, so with the text "false".
void extract_namespace(std::string_view raw_key, std::string_view& key, std::string_view& ns, std::string& joined) {
  if (raw_key.find(':') == std::string_view::npos) return;
  if (raw_key.find_first_of(" ,?!;") != std::string_view::npos) return;
  i18n::NestingMatch match;
  if (i18n::find_nesting(raw_key, 0, match)) return;
  const std::size_t colon = raw_key.find(':');
  ns = raw_key.substr(0, colon);
  std::string_view rest = raw_key.substr(colon + 1);
  if (rest.find(':') == std::string_view::npos) {
    key = rest;
    return;
  }
  joined.clear();
  for (std::size_t at = rest.find(':'); at != std::string_view::npos; at = rest.find(':')) {
    joined += rest.substr(0, at);
    joined += "false";
    rest.remove_prefix(at + 1);
  }
  joined += rest;
  key = joined;
}

// `count` as i18next's plural resolver sees it (Intl.PluralRules#select(Number(count))).
double count_number(const json& count) {
  switch (count.type()) {
    case json::value_t::boolean: return count.get<bool>() ? 1 : 0;
    case json::value_t::null: return 0;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return js::to_number(count);
    case json::value_t::array:
      if (count.empty()) return 0;
      if (count.size() == 1 && count[0].is_number()) return js::to_number(count[0]);
      return std::nan("");
    default: return std::nan("");
  }
}

std::string_view context_text(const json& value, std::string& holder) {
  if (value.is_string()) return value.get_ref<const std::string&>();
  if (value.is_number()) {
    holder = js::number_to_string(js::to_number(value));
    return holder;
  }
  return {};
}

}  // namespace

namespace i18n {

LocaleChain locale_chain(std::string_view locale) {
  LocaleChain chain;
  auto add = [&chain](std::string code) {
    if (!code.empty() && chain.size < 4) chain.codes[chain.size++] = std::move(code);
  };
  if (locale.find_first_of("-_") != std::string_view::npos) {
    add(format_language_code(locale));
    // getScriptPartFromCode: the tag without its last subtag, for tags of three or more
    std::string clean = cleaned(locale);
    std::size_t parts = static_cast<std::size_t>(std::count(clean.begin(), clean.end(), '-')) + 1;
    if (parts > 2) {
      const std::size_t last = clean.rfind('-');
      std::string shorter = clean.substr(0, last);
      const std::size_t previous = shorter.rfind('-');
      const std::string_view tail = std::string_view(shorter).substr(previous + 1);
      if (!(tail.size() == 1 && lower(tail[0]) == 'x')) add(format_language_code(shorter));
    }
    add(clean.substr(0, clean.find('-')));
  } else {
    add(std::string(locale));
  }
  bool has_fallback = false;
  for (int k = 0; k < chain.size; ++k) has_fallback = has_fallback || chain.codes[k] == kFallbackLocale;
  if (!has_fallback) add(std::string(kFallbackLocale));
  return chain;
}

}  // namespace i18n

// ---- ResourceStore ---------------------------------------------------------------------------

ResourceStore::ResourceStore() : impl_(std::make_unique<Impl>()) {}
ResourceStore::~ResourceStore() = default;
ResourceStore::ResourceStore(ResourceStore&&) noexcept = default;
ResourceStore& ResourceStore::operator=(ResourceStore&&) noexcept = default;

Status ResourceStore::add(std::string_view locale, std::string_view ns, const json& resources) {
  if (locale.empty() || locale.size() > kMaxTagBytes)
    return invalid_argument("locale must be a non-empty string of at most 64 characters");
  if (ns.empty() || ns.size() > kMaxTagBytes)
    return invalid_argument("namespace must be a non-empty string of at most 64 characters");
  if (!resources.is_object()) return invalid_argument("resources must be an object of {key: template} strings");
  for (auto it = resources.begin(); it != resources.end(); ++it) {
    if (it.key() == "$meta") continue;
    if (it.key().empty() || it.key().size() > kMaxKeyBytes)
      return invalid_argument("resources: keys must be non-empty and at most 1024 bytes");
    if (!it.value().is_string())
      return invalid_argument("resources[" + dump_json(it.key()) + "] must be a string, not " + it.value().type_name());
    if (it.value().get_ref<const std::string&>().size() > kMaxTemplateBytes)
      return invalid_argument("resources[" + dump_json(it.key()) + "] is longer than 64 KiB");
  }
  auto locale_it = impl_->locales.find(locale);
  if (locale_it == impl_->locales.end()) {
    locale_it = impl_->locales.emplace(std::string(locale), i18n::LocaleData{}).first;
    locale_it->second.plural = PluralRules::for_locale(locale);
  }
  auto& namespaces = locale_it->second.namespaces;
  auto ns_it = namespaces.find(ns);
  if (ns_it == namespaces.end()) ns_it = namespaces.emplace(std::string(ns), i18n::Namespace{}).first;
  for (auto it = resources.begin(); it != resources.end(); ++it) {
    if (it.key() == "$meta") continue;
    ns_it->second.insert_or_assign(it.key(), i18n::compile(it.value().get<std::string>()));
  }
  return {};
}

std::optional<std::string> ResourceStore::Impl::start(std::string_view key, const json& params,
                                                      const TranslateOptions& options, bool key_fallback) const {
  // {{lng}} and {{ns}} are the call's locale and namespace, as in t(key, {lng, ns, …}).
  const Call call{options.locale.empty() ? kFallbackLocale : options.locale,
                  options.ns.empty() ? kDefaultNamespace : options.ns, options.context,
                  {options.escape, options.isolate}};
  const Scope scope{params.is_object() ? &params : nullptr, call.locale, call.ns, call.context};
  int budget = kNestingBudget;
  return translate(key, scope, call, nullptr, 0, budget, key_fallback);
}

std::string ResourceStore::translate(std::string_view key, const json& params, const TranslateOptions& options) const {
  return *impl_->start(key, params, options, true);
}

std::optional<std::string> ResourceStore::translate_if_exists(std::string_view key, const json& params,
                                                              const TranslateOptions& options) const {
  return impl_->start(key, params, options, false);
}

bool ResourceStore::has(std::string_view raw_key, const json& params, const TranslateOptions& options) const {
  std::string_view key = raw_key;
  std::string_view ns = options.ns.empty() ? kDefaultNamespace : options.ns;
  std::string joined;
  extract_namespace(raw_key, key, ns, joined);
  const LocaleChain chain = i18n::locale_chain(options.locale.empty() ? kFallbackLocale : options.locale);
  return impl_->resolve(key, ns, chain, options.context, params.is_object() ? &params : nullptr) != nullptr;
}

std::vector<std::string> ResourceStore::locales() const {
  std::vector<std::string> result;
  for (const auto& [locale, data] : impl_->locales) result.push_back(locale);
  std::sort(result.begin(), result.end());
  return result;
}

std::vector<std::string> ResourceStore::namespaces(std::string_view locale) const {
  std::vector<std::string> result;
  auto it = impl_->locales.find(locale);
  if (it != impl_->locales.end())
    for (const auto& [ns, bundle] : it->second.namespaces) result.push_back(ns);
  std::sort(result.begin(), result.end());
  return result;
}

std::vector<std::string> ResourceStore::keys(std::string_view locale, std::string_view ns) const {
  std::vector<std::string> result;
  auto it = impl_->locales.find(locale);
  if (it == impl_->locales.end()) return result;
  auto ns_it = it->second.namespaces.find(ns);
  if (ns_it == it->second.namespaces.end()) return result;
  for (const auto& [key, compiled] : ns_it->second) result.push_back(key);
  std::sort(result.begin(), result.end());
  return result;
}

// ---- Translator ------------------------------------------------------------------------------

const Template* ResourceStore::Impl::resolve(std::string_view key, std::string_view ns, const LocaleChain& chain,
                                             std::string_view context, const json* data) const {
  const json* count = nullptr;
  if (data != nullptr && data->is_object()) {
    auto it = data->find("count");
    if (it != data->end() && !it->is_string()) count = &*it;
  }
  const bool zero = count != nullptr && count->is_number() && js::to_number(*count) == 0;
  PluralOperands operands;
  if (count) operands = plural_operands(count_number(*count));

  std::string candidate;
  for (int c = 0; c < chain.size; ++c) {
    auto locale_it = locales.find(chain.codes[c]);
    if (locale_it == locales.end()) continue;
    auto ns_it = locale_it->second.namespaces.find(ns);
    if (ns_it == locale_it->second.namespaces.end()) continue;
    const i18n::Namespace& bundle = ns_it->second;
    auto find = [&bundle](std::string_view name) -> const Template* {
      auto it = bundle.find(name);
      return it == bundle.end() ? nullptr : &it->second;
    };
    const std::string_view suffix = count ? to_string(locale_it->second.plural.select(operands)) : std::string_view();
    // i18next tries, last pushed first: context+_zero, context+plural, context, key_zero,
    // key+plural, key.
    for (int with_context = context.empty() ? 0 : 1; with_context >= 0; --with_context) {
      candidate.assign(key);
      if (with_context) {
        candidate += '_';
        candidate += context;
      }
      const std::size_t base = candidate.size();
      if (zero) {
        candidate += "_zero";
        if (const Template* found = find(candidate)) return found;
        candidate.resize(base);
      }
      if (count) {
        candidate += '_';
        candidate += suffix;
        if (const Template* found = find(candidate)) return found;
        candidate.resize(base);
      }
      if (const Template* found = find(candidate)) return found;
    }
  }
  return nullptr;
}

std::optional<std::string> ResourceStore::Impl::translate(std::string_view raw_key, const Scope& scope,
                                                          const Call& call, const std::string* parent_key, int depth,
                                                          int& budget, bool key_fallback) const {
  std::string_view key = raw_key;
  std::string_view ns = call.ns;
  std::string joined;
  extract_namespace(raw_key, key, ns, joined);
  const LocaleChain chain = i18n::locale_chain(call.locale);
  const Template* found = resolve(key, ns, chain, call.context, scope.data);
  if (!found && !key_fallback) return std::nullopt;

  std::string out;
  std::uint32_t nestings_before = 0;
  if (found) {
    i18n::render(*found, scope, call.flags, out);
    nestings_before = found->nestings;
  } else {  // a missing key is its own translation, interpolated and nested like any other
    out = i18n::interpolate_text(std::string(key), scope, call.flags);
    nestings_before = i18n::count_nestings(key);
  }
  // i18next (skipOnVariables) skips nesting when the values brought in more $t(…) than the
  // template had; otherwise it resolves $t(…) on the interpolated text.
  if (nestings_before > 0 && i18n::count_nestings(out) <= nestings_before)
    out = nest(out, scope, call, raw_key, parent_key, depth, budget);
  return out;
}

std::string ResourceStore::Impl::nest(const std::string& text, const Scope& scope, const Call& call,
                                      std::string_view own_key, const std::string* parent_key, int depth,
                                      int& budget) const {
  const std::string own(own_key);
  std::string out;
  std::size_t last_end = 0;
  i18n::NestingMatch match;
  for (std::size_t from = 0; i18n::find_nesting(text, from, match); from = match.end) {
    std::string_view content = match.content;
    // keyEndIndex: after the last "}" when there is a {…}, else at the first ",".
    const std::size_t open = content.find('{');
    const bool has_braces = open != std::string_view::npos && content.find('}', open + 1) != std::string_view::npos;
    const std::size_t key_end = has_braces ? content.rfind('}') + 1 : content.find(',');
    bool has_formats = false;
    if (key_end != std::string_view::npos) {
      for (std::string_view rest = content.substr(key_end);;) {
        const std::size_t comma = rest.find(',');
        has_formats = has_formats || !js::trim(rest.substr(0, comma)).empty();
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
      content = content.substr(0, key_end);
    }
    std::string key(js::trim(content));

    // handleHasOptions: "key, {json}" -> the options are interpolated, parsed and laid over
    // the inherited ones.
    Scope nested_scope = scope;
    Call nested_call = call;
    json merged;
    std::string context_holder;
    if (key.find(',') != std::string::npos) {
      auto separator_at = [&key](std::size_t from_at, std::size_t& after) {
        for (std::size_t at = key.find(',', from_at); at != std::string::npos; at = key.find(',', at + 1)) {
          std::size_t k = at + 1;
          while (k < key.size() && key[k] == ' ') ++k;
          if (k < key.size() && key[k] == '{') {
            after = k + 1;
            return at;
          }
        }
        return std::string::npos;
      };
      std::size_t after = 0;
      const std::size_t first = separator_at(0, after);
      std::string head = first == std::string::npos ? key : key.substr(0, first);
      std::string options = "{";
      if (first == std::string::npos) {
        options += "undefined";  // JS: "{" + c[1] with c[1] undefined
      } else {
        std::size_t ignored = 0;
        const std::size_t second = separator_at(after, ignored);
        options += key.substr(after, second == std::string::npos ? std::string::npos : second - after);
      }
      options = i18n::interpolate_text(std::move(options), scope, {call.flags.escape, false});
      const auto single = std::count(options.begin(), options.end(), '\'');
      const auto dbl = std::count(options.begin(), options.end(), '"');
      if ((single % 2 == 0 && dbl == 0) || dbl % 2 != 0) std::replace(options.begin(), options.end(), '\'', '"');
      json parsed = json_depth_within(options, kMaxJsonDepth) ? json::parse(options, nullptr, false)
                                                               : json(json::value_t::discarded);
      if (parsed.is_discarded() || !parsed.is_object()) {
        key = head + "," + options;
      } else {
        merged = scope.data ? *scope.data : json::object();
        for (auto it = parsed.begin(); it != parsed.end(); ++it) merged[it.key()] = it.value();
        nested_scope.data = &merged;
        if (auto it = merged.find("lng"); it != merged.end() && it->is_string() && parsed.contains("lng"))
          nested_call.locale = nested_scope.lng = it->get_ref<const std::string&>();
        if (auto it = merged.find("ns"); it != merged.end() && it->is_string() && parsed.contains("ns"))
          nested_call.ns = nested_scope.ns = it->get_ref<const std::string&>();
        if (auto it = merged.find("context"); it != merged.end() && parsed.contains("context"))
          nested_call.context = nested_scope.context = context_text(*it, context_holder);
        key = std::move(head);
      }
    }

    std::string value;
    // i18next refuses to nest the key that nested this one (unless a context is set); deeper
    // cycles overflow its stack, here they stop at kMaxNestingDepth.
    const bool refused = parent_key != nullptr && *parent_key == key && call.context.empty();
    if (!refused && depth < kMaxNestingDepth && budget > 0 && out.size() < kMaxNestedOutput) {
      --budget;
      value = *translate(key, nested_scope, nested_call, &own, depth + 1, budget, true);
    }
    if (has_formats) value = std::string(js::trim(value));
    out.append(text, last_end, match.begin - last_end);
    out += value;
    last_end = match.end;
  }
  if (last_end == 0) return text;
  out.append(text, last_end);
  return out;
}

}  // namespace lms
