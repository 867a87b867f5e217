// i18n_internal.hpp — private: compiled templates and the resource store's tables.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lms/i18n.hpp"
#include "lms/plural.hpp"
#include "string_table.hpp"

namespace lms::i18n {

// What ResourceStore::add() takes: keys of at most kMaxKeyBytes, locale and namespace tags of
// at most kMaxTagBytes. So no raw key ("ns:key") longer than kMaxRawKeyBytes has a translation.
inline constexpr std::size_t kMaxKeyBytes = 1024;
inline constexpr std::size_t kMaxTagBytes = 64;
inline constexpr std::size_t kMaxRawKeyBytes = kMaxTagBytes + 1 + kMaxKeyBytes;

// ---- templates ----------------------------------------------------------------------------

// Where a piece's text lies in its template's source.
struct Span {
  std::uint32_t begin = 0, end = 0;
};

// One piece of a compiled template. i18next interpolates in two regex passes over the text:
// first {{- raw}} values, then {{escaped}} values; compile() runs both passes once, on the
// template, and records where each placeholder is. Names are spans of the source too: a piece
// is a plain value, with nothing to allocate or copy.
struct Piece {
  enum class Kind : std::uint8_t {
    literal,    // text as written
    value,      // {{name}}: HTML-escaped value (escapeValue)
    raw_value,  // {{- name}}: the value as it is
  };
  Kind kind = Kind::literal;
  Span written;  // the literal text, or the placeholder as written
  Span name;     // the value's path ("a.b"), format part removed
};

struct Template {
  std::string source;
  std::vector<Piece> pieces;
  // So unusual that compiling could change the result (a {{ left open before a {{- x}}, more
  // than 1000 placeholders, …): run i18next's algorithm on the text at call time instead.
  bool interpret = false;
  std::uint32_t nestings = 0;  // $t(…) in the text, before interpolation (i18next's nestBef)
};

// Compiles `source` into `compiled`, replacing what it held.
void compile(std::string_view source, Template& compiled);
inline Template compile(std::string_view source) {
  Template compiled;
  compile(source, compiled);
  return compiled;
}

// A placeholder as written, for the lint: its value path and its ", format" part, if any.
struct Placeholder {
  std::string name;
  std::string format;
  bool raw = false;
};
std::vector<Placeholder> placeholders(std::string_view source);

// A $t(…) in a template: the key (with "ns:" when given) and whether it has JSON options or
// formats; `dynamic` when the key itself holds a {{placeholder}}.
struct Nesting {
  std::string key;
  bool has_formats = false;
  bool dynamic = false;
};
std::vector<Nesting> nestings(std::string_view source);

// ---- interpolation data -------------------------------------------------------------------

// What {{name}} can see: i18next interpolates from the object t() was called with, which
// holds both the params and the options lng, ns and context.
struct Scope {
  const nlohmann::json* data = nullptr;  // an object, or else
  std::string_view flat;                 // FlatParams::pairs
  std::string_view lng, ns, context;     // "" when not given
  PluralCount count;
};

PluralCount plural_count(const nlohmann::json* data);

// Splits the next pair off FlatParams::pairs ("name\0value\0…", the last value may lack its
// \0); false at the end, or when a name lacks its \0.
bool next_flat_pair(std::string_view& rest, std::string_view& name, std::string_view& value);
// The value of the first pair named `name`.
bool find_flat_value(std::string_view pairs, std::string_view name, std::string_view& value);
// Appends the pair (name, value) to FlatParams pairs, each U+0000 of the value as U+FFFD (a
// name has none: callers check).
void append_flat_pair(std::string& pairs, std::string_view name, std::string_view value);
// Appends `text` with each U+0000 (which would end a pair, or be cut by a UI) as U+FFFD.
void append_without_nul(std::string& out, std::string_view text);

struct RenderFlags {
  bool escape = true;
  bool isolate = false;
  bool nesting_options = false;  // the {…} of $t(key, {…}): values JSON-escaped, always
};

// Appends a compiled template rendered with `scope` (interpolation only, no nesting).
void render(const Template& compiled, const Scope& scope, const RenderFlags& flags, std::string& out);

// i18next's Interpolator#interpolate, run on text at call time (both passes, every quirk).
std::string interpolate_text(std::string text, const Scope& scope, const RenderFlags& flags);

// ---- nesting syntax -----------------------------------------------------------------------

struct NestingMatch {
  std::size_t begin = 0, end = 0;  // the whole "$t(…)"
  std::string_view content;        // between "$t(" and ")"
};
// The next match of i18next's nestingRegexp in text at or after `from`.
bool find_nesting(std::string_view text, std::size_t from, NestingMatch& match);
std::uint32_t count_nestings(std::string_view text);

// ---- the store ----------------------------------------------------------------------------

// A loaded locale. Plain bytes (the tag is at most 64 characters), so the list of them grows
// without string moves.
struct LocaleData {
  PluralRules plural;
  std::uint8_t size = 0;
  char tag[64];  // as added
  std::string_view locale() const { return {tag, size}; }
};

// i18next's LanguageUtil#toResolveHierarchy with fallbackLng ["en-GB"]: "cy-gb" -> cy-GB, cy,
// en-GB. At most four codes (tag, tag without its last subtag, language, en-GB).
// The codes live in the chain's own buffer (no allocation per call), so it is not copyable.
// The locale's direction comes with it: format() asks for both on every line.
struct LocaleChain {
  LocaleChain() = default;
  LocaleChain(const LocaleChain&) = delete;
  LocaleChain& operator=(const LocaleChain&) = delete;
  std::string_view codes[4];
  int size = 0;
  char buffer[3 * 64 + 8];
  std::size_t used = 0;
  bool right_to_left = false;  // is_right_to_left(locale)
};
void locale_chain(std::string_view locale, LocaleChain& chain);

}  // namespace lms::i18n

namespace lms {

struct ResourceStore::Impl {
  std::uint64_t version = 0;  // see ResourceStore::version(): set by the constructor and add()
  // Apps load a handful of locales: a list is as fast to search as a hash table, and smaller.
  std::vector<i18n::LocaleData> locales;
  const i18n::LocaleData* find_locale(std::string_view locale) const;
  // One table for all templates, keyed "locale\0ns\0key": a t() call costs one hash look-up
  // per candidate key instead of three (locale, namespace, key).
  StringTable<i18n::Template> templates;
  // The (locale, namespace) pairs add() loaded, each once, in the order they came.
  struct LoadedNamespace {
    std::string locale;
    std::string ns;
  };
  std::vector<LoadedNamespace> namespaces;

  const i18n::Template* find(std::string_view locale, std::string_view ns, std::string_view key) const;

  // The fallback chain of `locale`, remembered for the last locale each thread asked for: apps
  // ask for one or two locales, and working out a chain (canonical casing, language, en-GB) was
  // a fifth of a t() call. Per thread, so const calls stay safe to share between threads.
  static const i18n::LocaleChain& chain_for(std::string_view locale);

  const i18n::Template* resolve(std::string_view key, std::string_view ns, const i18n::LocaleChain& chain,
                                std::string_view context, const PluralCount& count) const;
  // A t() call with JSON params, or else flat ones, written into `out` as translate() writes it.
  bool start(std::string_view key, const nlohmann::json* params, const FlatParams* flat,
             const TranslateOptions& options, bool key_fallback, std::string& out) const;
  // Writes the translation into `out`, replacing its text (its capacity is reused); false, with
  // `out` untouched, only when the key is missing and !key_fallback. `out` must not hold text
  // the scope reads. The scope's lng, ns and context are the call's locale, namespace and
  // context too.
  bool translate(std::string_view raw_key, const i18n::Scope& scope, const i18n::RenderFlags& flags,
                 const std::string_view* parent_key, int depth, int& budget, bool key_fallback,
                 std::string& out) const;
  std::string nest(const std::string& text, const i18n::Scope& scope, const i18n::RenderFlags& flags,
                   std::string_view own_key, const std::string_view* parent_key, int depth, int& budget) const;
};

}  // namespace lms
