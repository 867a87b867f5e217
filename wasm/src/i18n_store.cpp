// The resource store and t(): i18next's Translator (key look-up, plurals, context, fallback
// languages, nesting) over compiled templates.
#include <algorithm>
#include <atomic>
#include <cstring>

#include "i18n_internal.hpp"
#include "js_text.hpp"
#include "json_util.hpp"
#include "text_util.hpp"

namespace lms {
namespace {

using nlohmann::json;
using i18n::LocaleChain;
using i18n::Scope;
using i18n::Template;

using i18n::kMaxKeyBytes;
using i18n::kMaxTagBytes;
constexpr std::size_t kMaxTemplateBytes = 64 * 1024;
// Nested translations one t() call may make in all (templates could otherwise fan out
// exponentially), and the output size after which nesting stops.
constexpr int kNestingBudget = 100;
constexpr std::size_t kMaxNestedOutput = 1 << 20;

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
char upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// Intl.getCanonicalLocales for a well-formed tag, limited to casing (language lower, Script
// title, REGION upper, the rest lower), written to `out`; i18next keeps a tag Intl rejects as it
// is. `tag` has at most 64 characters, `out` room for them. (Plain loops: this runs on every
// t() call, and the size-optimized WASM build does not inline small helpers.)
std::size_t canonical_tag(const char* tag, std::size_t size, char* out) {
  enum Stage { language, script, region, variant, extension };
  Stage stage = language;
  bool needs_subtag = false;  // a singleton must be followed by a subtag
  std::size_t start = 0;
  bool well_formed = true;
  while (well_formed) {
    std::size_t end = start;
    bool alpha = true;
    bool digits = true;
    while (end < size && tag[end] != '-') {
      const char c = tag[end];
      const bool is_letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      const bool is_number = c >= '0' && c <= '9';
      if (!is_letter && !is_number) well_formed = false;
      alpha = alpha && is_letter;
      digits = digits && is_number;
      ++end;
    }
    const std::size_t length = end - start;
    if (!well_formed || length == 0 || length > 8) {
      well_formed = false;
      break;
    }
    bool title = false;
    bool all_upper = false;
    if (start == 0) {
      well_formed = alpha && length != 1 && length != 4;
    } else if (stage == extension) {
      needs_subtag = false;
    } else if (length == 1) {
      stage = extension;
      needs_subtag = true;
    } else if (stage == language && length == 4 && alpha) {
      title = true;
      stage = script;
    } else if (stage <= script && ((length == 2 && alpha) || (length == 3 && digits))) {
      all_upper = true;
      stage = region;
    } else if (length >= 5 || (length == 4 && tag[start] >= '0' && tag[start] <= '9')) {
      stage = variant;
    } else {
      well_formed = false;
    }
    for (std::size_t k = start; k < end; ++k)
      out[k] = all_upper || (title && k == start) ? upper(tag[k]) : lower(tag[k]);
    if (end == size) break;
    out[end] = '-';
    start = end + 1;
  }
  if (well_formed && !needs_subtag) return size;
  for (std::size_t k = 0; k < size; ++k) out[k] = tag[k];
  return size;
}

// i18next's extractFromKey with keySeparator false: "ns:key" names its namespace unless the
// key reads like a sentence (has a space , ? ! or ;) or holds a $t(…). Further colons stay
// in the key (i18next 27 joins the parts back with the namespace separator).
void extract_namespace(std::string_view raw_key, std::string_view& key, std::string_view& ns) {
  const std::size_t colon = raw_key.find(':');
  if (colon == std::string_view::npos || raw_key.find_first_of(" ,?!;") != std::string_view::npos) return;
  i18n::NestingMatch match;
  if (i18n::find_nesting(raw_key, 0, match)) return;
  ns = raw_key.substr(0, colon);
  key = raw_key.substr(colon + 1);
}

// JS Number(count) for the JSON forms a count can take.
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
    js::append_number(holder, js::to_number(value));  // `holder` is empty
    return holder;
  }
  return {};
}

}  // namespace

namespace i18n {

PluralCount plural_count(const json* data) {
  PluralCount count;
  const json* value = data ? json_member(*data, "count") : nullptr;
  if (!value || value->is_string()) return count;
  count.present = true;
  count.value = count_number(*value);
  count.zero = value->is_number() && count.value == 0;
  return count;
}

void locale_chain(std::string_view locale, LocaleChain& chain) {
  chain.size = 0;
  chain.used = 0;
  chain.right_to_left = is_right_to_left(locale);
  const std::size_t size = std::min(locale.size(), kMaxTagBytes);
  const char* tag = locale.data();
  // formatLanguageCode (i18next 27): the canonical casing of every well-formed tag, a bare
  // language too ("CY" -> "cy"); others as they are.
  auto add = [&chain](const char* code, std::size_t length) {
    if (length == 0) return;
    char* out = chain.buffer + chain.used;
    canonical_tag(code, length, out);
    chain.codes[chain.size++] = std::string_view(out, length);
    chain.used += length;
  };
  std::size_t separators = 0;
  std::size_t first_separator = size;
  std::size_t last_separator = size;
  std::size_t previous_separator = size;
  for (std::size_t k = 0; k < size; ++k) {
    if (tag[k] != '-' && tag[k] != '_') continue;
    if (separators++ == 0) first_separator = k;
    previous_separator = last_separator;
    last_separator = k;
  }
  add(tag, size);
  if (separators > 0) {
    // getScriptPartFromCode / getLanguagePartFromCode read "_" as "-".
    char clean[kMaxTagBytes];
    for (std::size_t k = 0; k < size; ++k) clean[k] = tag[k] == '_' ? '-' : tag[k];
    if (separators >= 2) {  // three or more subtags: the tag without its last one, unless "…-x"
      const std::size_t tail = previous_separator + 1;
      if (!(last_separator - tail == 1 && lower(clean[tail]) == 'x')) add(clean, last_separator);
    }
    add(clean, first_separator);
  }
  for (int k = 0; k < chain.size; ++k)
    if (chain.codes[k] == kFallbackLocale) return;
  chain.codes[chain.size++] = kFallbackLocale;
}

}  // namespace i18n

// ---- ResourceStore ---------------------------------------------------------------------------

namespace {

// ResourceStore::version()'s numbers, unique across stores (the first is 1).
std::uint64_t next_store_version() {
  static std::atomic<std::uint64_t> last{0};
  return ++last;
}

}  // namespace

ResourceStore::ResourceStore() : impl_(std::make_unique<Impl>()) { impl_->version = next_store_version(); }
ResourceStore::~ResourceStore() = default;
ResourceStore::ResourceStore(ResourceStore&&) noexcept = default;
ResourceStore& ResourceStore::operator=(ResourceStore&&) noexcept = default;

Status ResourceStore::add(std::string_view locale, std::string_view ns, const json& resources) {
  if (locale.empty() || locale.size() > kMaxTagBytes || locale.find('\0') != std::string_view::npos)
    return invalid_argument("locale must be a non-empty string of at most 64 characters");
  if (ns.empty() || ns.size() > kMaxTagBytes || ns.find('\0') != std::string_view::npos)
    return invalid_argument("namespace must be a non-empty string of at most 64 characters");
  if (!resources.is_object()) return invalid_argument("resources must be an object of {key: template} strings");
  // The object's own map, walked directly (in the same key order as its json iterators).
  const json::object_t& entries = resources.get_ref<const json::object_t&>();
  for (const auto& [key, value] : entries) {
    if (key == "$meta") continue;
    if (key.empty() || key.size() > kMaxKeyBytes)
      return invalid_argument("resources: keys must be non-empty and at most 1024 bytes");
    std::string problem;
    if (!value.is_string()) {
      problem = "] must be a string, not ";
      problem += value.type_name();
    } else if (value.get_ref<const std::string&>().size() > kMaxTemplateBytes) {
      problem = "] is longer than 64 KiB";
    }
    if (!problem.empty()) return invalid_argument("resources[" + dump_json(key) + problem);
  }
  if (impl_->find_locale(locale) == nullptr) {
    i18n::LocaleData data{PluralRules::for_locale(locale), static_cast<std::uint8_t>(locale.size()), {}};
    std::memcpy(data.tag, locale.data(), locale.size());
    impl_->locales.push_back(data);
  }
  const bool loaded = std::any_of(impl_->namespaces.begin(), impl_->namespaces.end(),
                                  [&](const Impl::LoadedNamespace& n) { return n.locale == locale && n.ns == ns; });
  if (!loaded) impl_->namespaces.push_back({std::string(locale), std::string(ns)});
  std::string full_key(locale);
  full_key += '\0';
  full_key += ns;
  full_key += '\0';
  const std::size_t prefix = full_key.size();
  for (const auto& [key, value] : entries) {
    if (key == "$meta") continue;
    full_key.resize(prefix);
    full_key += key;
    i18n::compile(value.get_ref<const std::string&>(), impl_->templates[full_key]);
  }
  impl_->version = next_store_version();
  return {};
}

std::uint64_t ResourceStore::version() const { return impl_->version; }

bool ResourceStore::Impl::start(std::string_view key, const json* params, const FlatParams* flat,
                                const TranslateOptions& options, bool key_fallback, std::string& out) const {
  // {{lng}} and {{ns}} are the call's locale and namespace, as in t(key, {lng, ns, …}).
  Scope scope{nullptr, {}, options.locale.empty() ? kFallbackLocale : options.locale,
              options.ns.empty() ? kDefaultNamespace : options.ns, options.context, {}};
  if (flat) {
    scope.flat = flat->pairs;
    scope.count = flat->count;
  } else {
    scope.data = params->is_object() ? params : nullptr;
    scope.count = i18n::plural_count(scope.data);
  }
  int budget = kNestingBudget;
  return translate(key, scope, {options.escape, options.isolate}, nullptr, 0, budget, key_fallback, out);
}

std::string ResourceStore::translate(std::string_view key, const json& params, const TranslateOptions& options) const {
  std::string out;
  impl_->start(key, &params, nullptr, options, true, out);
  return out;
}

std::string ResourceStore::translate(std::string_view key, const FlatParams& params, const TranslateOptions& options) const {
  std::string out;
  impl_->start(key, nullptr, &params, options, true, out);
  return out;
}

void ResourceStore::translate(std::string_view key, const FlatParams& params, const TranslateOptions& options,
                              std::string& out) const {
  impl_->start(key, nullptr, &params, options, true, out);
}

std::optional<std::string> ResourceStore::translate_if_exists(std::string_view key, const json& params,
                                                              const TranslateOptions& options) const {
  std::string out;
  if (!impl_->start(key, &params, nullptr, options, false, out)) return std::nullopt;
  return out;
}

std::optional<std::string> ResourceStore::translate_if_exists(std::string_view key, const FlatParams& params,
                                                              const TranslateOptions& options) const {
  std::string out;
  if (!impl_->start(key, nullptr, &params, options, false, out)) return std::nullopt;
  return out;
}

bool ResourceStore::translate_if_exists(std::string_view key, const json& params, const TranslateOptions& options,
                                        std::string& out) const {
  return impl_->start(key, &params, nullptr, options, false, out);
}

bool ResourceStore::translate_if_exists(std::string_view key, const FlatParams& params,
                                        const TranslateOptions& options, std::string& out) const {
  return impl_->start(key, nullptr, &params, options, false, out);
}

bool ResourceStore::has(std::string_view raw_key, const json& params, const TranslateOptions& options) const {
  std::string_view key = raw_key;
  std::string_view ns = options.ns.empty() ? kDefaultNamespace : options.ns;
  extract_namespace(raw_key, key, ns);
  const LocaleChain& chain = impl_->chain_for(options.locale.empty() ? kFallbackLocale : options.locale);
  return impl_->resolve(key, ns, chain, options.context, i18n::plural_count(&params)) != nullptr;
}

std::vector<std::string> ResourceStore::locales() const {
  std::vector<std::string> result;
  for (const i18n::LocaleData& data : impl_->locales) result.push_back(std::string(data.locale()));
  std::sort(result.begin(), result.end());
  return result;
}

std::vector<std::string> ResourceStore::namespaces(std::string_view locale) const {
  std::vector<std::string> result;
  for (const Impl::LoadedNamespace& loaded : impl_->namespaces)
    if (loaded.locale == locale) result.push_back(loaded.ns);
  std::sort(result.begin(), result.end());
  return result;
}

std::vector<std::string> ResourceStore::keys(std::string_view locale, std::string_view ns) const {
  std::string prefix(locale);
  prefix += '\0';
  prefix += ns;
  prefix += '\0';
  std::vector<std::string> result;
  for (const auto& [full_key, compiled] : impl_->templates)
    if (full_key.compare(0, prefix.size(), prefix) == 0) result.push_back(full_key.substr(prefix.size()));
  std::sort(result.begin(), result.end());
  return result;
}

const i18n::LocaleData* ResourceStore::Impl::find_locale(std::string_view locale) const {
  for (const i18n::LocaleData& data : locales)
    if (data.locale() == locale) return &data;
  return nullptr;
}

const Template* ResourceStore::Impl::find(std::string_view locale, std::string_view ns, std::string_view key) const {
  std::string full_key(locale);
  full_key += '\0';
  full_key += ns;
  full_key += '\0';
  full_key += key;
  return templates.find(full_key);
}

// ---- Translator ------------------------------------------------------------------------------

const Template* ResourceStore::Impl::resolve(std::string_view key, std::string_view ns, const LocaleChain& chain,
                                             std::string_view context, const PluralCount& count) const {
  // Longer parts cannot have been added (see add()).
  if (key.size() > kMaxKeyBytes || ns.size() > kMaxTagBytes) return nullptr;
  if (context.size() > kMaxKeyBytes) context = {};
  const PluralOperands operands = count.present ? plural_operands(count.value) : PluralOperands{};
  // "locale\0ns\0key[_context][_category]", built in place: no allocation per candidate.
  char buffer[kMaxTagBytes + 1 + kMaxTagBytes + 1 + kMaxKeyBytes + 1 + kMaxKeyBytes + 8];
  for (int c = 0; c < chain.size; ++c) {
    const std::string_view code = chain.codes[c];
    if (code.size() > kMaxTagBytes) continue;
    std::string_view suffix;
    if (count.present) {  // the plural form by this locale's own rules, as i18next does
      const i18n::LocaleData* data = find_locale(code);
      if (data == nullptr) continue;
      suffix = to_string(data->plural.select(operands));
    }
    std::size_t length = 0;
    auto put = [&buffer, &length](std::string_view part) {
      std::memcpy(buffer + length, part.data(), part.size());  // (a byte loop is slower at -Oz)
      length += part.size();
    };
    put(code);
    buffer[length++] = '\0';
    put(ns);
    buffer[length++] = '\0';
    put(key);
    const std::size_t key_end = length;
    // An empty value is no translation (i18next 27: returnEmptyString false): the search goes on.
    auto find = [this, &buffer](std::size_t size) -> const Template* {
      const Template* found = templates.find(std::string_view(buffer, size));
      return found != nullptr && !found->source.empty() ? found : nullptr;
    };
    // i18next tries, last pushed first: context+_zero, context+plural, context, key_zero,
    // key+plural, key, then (27) context+_other, key_other.
    for (int with_context = context.empty() ? 0 : 1; with_context >= 0; --with_context) {
      length = key_end;
      if (with_context) {
        buffer[length++] = '_';
        put(context);
      }
      const std::size_t base = length;
      if (count.zero) {
        put("_zero");
        if (const Template* found = find(length)) return found;
        length = base;
      }
      if (count.present) {
        buffer[length++] = '_';
        put(suffix);
        if (const Template* found = find(length)) return found;
        length = base;
      }
      if (const Template* found = find(length)) return found;
    }
    // i18next 27: a count whose form this locale lacks takes the locale's _other form (the
    // context's first) before the search moves on to the next locale.
    if (count.present && suffix != "other") {
      for (int with_context = context.empty() ? 0 : 1; with_context >= 0; --with_context) {
        length = key_end;
        if (with_context) {
          buffer[length++] = '_';
          put(context);
        }
        put("_other");
        if (const Template* found = find(length)) return found;
      }
    }
  }
  return nullptr;
}

const LocaleChain& ResourceStore::Impl::chain_for(std::string_view locale) {
  struct LastChain {
    std::string locale;
    LocaleChain chain;
    bool valid = false;
  };
  // One per thread. WebAssembly without the atomics feature has one thread and no thread-local
  // storage.
#if defined(__wasm__) && !defined(__wasm_atomics__)
  static LastChain last;
#else
  thread_local LastChain last;
#endif
  if (!last.valid || last.locale != locale) {
    i18n::locale_chain(locale, last.chain);
    last.locale.assign(locale.data(), locale.size());
    last.valid = true;
  }
  return last.chain;
}

bool ResourceStore::Impl::translate(std::string_view raw_key, const Scope& scope, const i18n::RenderFlags& flags,
                                   const std::string_view* parent_key, int depth, int& budget, bool key_fallback,
                                   std::string& out) const {
  std::string_view key = raw_key;
  std::string_view ns = scope.ns;
  extract_namespace(raw_key, key, ns);
  const Template* found = resolve(key, ns, chain_for(scope.lng), scope.context, scope.count);
  if (!found && !key_fallback) return false;

  std::uint32_t nestings_before = 0;
  if (found) {
    out.clear();
    out.reserve(found->source.size() + 32);  // usually the only allocation, and only while `out` grows
    i18n::render(*found, scope, flags, out);
    nestings_before = found->nestings;
  } else {  // a missing key is its own translation, interpolated and nested like any other
    out = i18n::interpolate_text(std::string(key), scope, flags);
    nestings_before = i18n::count_nestings(key);
  }
  // i18next (skipOnVariables) skips nesting when the values brought in more $t(…) than the
  // template had; otherwise it resolves $t(…) on the interpolated text.
  if (nestings_before > 0 && i18n::count_nestings(out) <= nestings_before)
    out = nest(out, scope, flags, raw_key, parent_key, depth, budget);
  return true;
}

std::string ResourceStore::Impl::nest(const std::string& text, const Scope& scope, const i18n::RenderFlags& flags,
                                      std::string_view own_key, const std::string_view* parent_key, int depth,
                                      int& budget) const {
  std::string out;
  std::size_t last_end = 0;
  i18n::NestingMatch match;
  for (std::size_t from = 0; i18n::find_nesting(text, from, match); from = match.end) {
    std::string_view content = match.content;
    // keyEndIndex: after the last "}" when there is a {…}, else at the first ",".
    const std::size_t open = content.find('{');
    const bool has_braces = open != std::string_view::npos && content.find('}', open + 1) != std::string_view::npos;
    std::size_t key_end = content.find(',');
    if (has_braces)  // a "}" is there; a loop, as nothing else needs std::string_view::rfind
      for (key_end = content.size(); content[key_end - 1] != '}';) --key_end;
    bool has_formats = false;
    if (key_end != std::string_view::npos) {
      for (std::string_view rest = content.substr(key_end);;) {
        const std::size_t comma = rest.find(',');
        has_formats = has_formats || !text::trim(rest.substr(0, comma)).empty();
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
      content = content.substr(0, key_end);
    }
    std::string key(text::trim(content));

    // handleHasOptions: "key, {json}" -> the options are interpolated, parsed and laid over
    // the inherited ones.
    Scope nested_scope = scope;
    json options_object;  // the options laid over the inherited data, when they parse
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
      std::string head(key, 0, first);
      std::string options = "{";
      if (first == std::string::npos) {
        options += "undefined";  // JS: "{" + c[1] with c[1] undefined
      } else {
        std::size_t ignored = 0;
        const std::size_t second = separator_at(after, ignored);
        options.append(key, after, second == std::string::npos ? second : second - after);
      }
      // JSON-escaped whatever escapeValue says: a value must never end the options' string.
      options = i18n::interpolate_text(std::move(options), scope, {true, false, true});
      std::size_t single = 0, dbl = 0;
      for (char c : options) {
        single += c == '\'';
        dbl += c == '"';
      }
      if ((single % 2 == 0 && dbl == 0) || dbl % 2 != 0)
        for (char& c : options)
          if (c == '\'') c = '"';
      options_object = parse_json(options);  // discarded beyond kMaxJsonDepth too
      if (!options_object.is_object()) {
        head += ',';
        head += options;
      } else {
        // The options the JSON sets (read before the data joins them; their values stay).
        if (json_member(options_object, "count")) nested_scope.count = i18n::plural_count(&options_object);
        if (const json* lng = json_member(options_object, "lng"); lng && lng->is_string())
          nested_scope.lng = lng->get_ref<const std::string&>();
        if (const json* ns = json_member(options_object, "ns"); ns && ns->is_string())
          nested_scope.ns = ns->get_ref<const std::string&>();
        if (const json* context = json_member(options_object, "context"))
          nested_scope.context = context_text(*context, context_holder);
        // {...data, ...options}: the inherited data fills in the names the options do not set.
        if (scope.data) {
          for (const auto& [name, value] : scope.data->get_ref<const json::object_t&>())
            if (!json_member(options_object, name)) options_object[name] = value;
        } else {  // flat params as strings (the first pair of a name, as lookup() reads them)
          std::string_view name, value;
          for (std::string_view rest = scope.flat; i18n::next_flat_pair(rest, name, value);)
            if (!json_member(options_object, name)) options_object[std::string(name)] = std::string(value);
        }
        nested_scope.data = &options_object;
        nested_scope.flat = {};
      }
      key = std::move(head);
    }

    std::string value;
    // i18next refuses to nest the key that nested this one (unless a context is set); deeper
    // cycles overflow its stack, here they stop at kMaxNestingDepth.
    const bool refused = parent_key != nullptr && *parent_key == key && scope.context.empty();
    if (!refused && depth < kMaxNestingDepth && budget > 0 && out.size() < kMaxNestedOutput) {
      --budget;
      translate(key, nested_scope, flags, &own_key, depth + 1, budget, true, value);
    }
    if (has_formats) value = std::string(text::trim(value));
    out.append(text, last_end, match.begin - last_end);
    out += value;
    last_end = match.end;
  }
  if (last_end == 0) return text;
  out.append(text, last_end);
  return out;
}

}  // namespace lms
