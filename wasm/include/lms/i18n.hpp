// lms/i18n.hpp — translations: i18next-compatible resources and t(), error lines for the UI.
//
// The locale files (i18n/<locale>/<namespace>.json) are flat i18next resources. The same files
// give the same text here and in real i18next (v27, `keySeparator: false`, default options
// otherwise): {{var}} and {{a.b}} HTML-escaped as i18next escapes them, {{- var}} raw, a missing
// value leaves its placeholder, $t(key) and $t(key, {"json": "options"}) nesting, plural
// suffixes _zero/_one/_two/_few/_many/_other by `count` (CLDR rules, lms/plural.hpp), context
// suffixes (_pupil), and the fallback chain locale -> its language -> en-GB.
//
// {{lng}} and {{ns}} are the call's locale and namespace, {{context}} its context, as i18next
// reads them from the options object.
//
// Where this differs from i18next, on purpose: built-in formats ({{n, number}}) are not applied
// (the value is printed as it is; check_locales() reports them); an unknown language has only
// the plural form "other" (CLDR root) where i18next asks Intl for the runtime's default locale;
// nesting stops after kMaxNestingDepth levels where i18next recurses until the stack overflows;
// language tags are re-cased (cy-gb -> cy-GB) but not alias-mapped (iw-IL stays iw-IL); counts
// of 10^18 and more keep CLDR's operands where ICU keeps only their last 18 digits.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lms/catalogue.hpp"
#include "lms/error.hpp"
#include "lms/status.hpp"

namespace lms {

inline constexpr std::string_view kFallbackLocale = "en-GB";
inline constexpr std::string_view kDefaultNamespace = "common";
inline constexpr int kMaxNestingDepth = 8;

struct TranslateOptions {
  std::string_view locale;   // "" means en-GB
  std::string_view ns;       // "" means common
  std::string_view context;  // "" means none; e.g. "pupil" tries key_pupil first
  bool escape = true;        // i18next's escapeValue: HTML-escape {{values}} (& < > " ')
  bool isolate = false;      // wrap every value in U+2068 … U+2069 (right-to-left text)
};

// `count` as i18next's plural resolver sees it: present unless absent or a string; its number
// is JS Number(count); `zero` when count === 0 (the key_zero look-up).
struct PluralCount {
  bool present = false;
  double value = 0;
  bool zero = false;
};

// Interpolation data in the form JS hands it over cheaply (lms.translate's fast path): flat
// params as "name\0value\0…" with every value already text as JS String() makes it (null and
// undefined as ""), and the count computed in JS.
struct FlatParams {
  std::string_view pairs;
  PluralCount count;
};

// Translations by locale, then namespace, then key. Every template is compiled once, when it
// is added; translate() walks the compiled pieces. (Two exceptions, both as i18next behaves:
// a template with $t(…) resolves its nesting on the interpolated text, since a value can move
// where a $t(…) ends; and the rare template whose meaning compilation could change — a "{{"
// left open before a {{- raw}} value — is interpolated by a port of i18next's algorithm.)
// Threads: the const calls (translate, has, …) may run on any number of threads at once; add()
// changes the tables, so a server loads its locales first, or holds its own lock around add().
class ResourceStore {
 public:
  ResourceStore();
  ~ResourceStore();
  ResourceStore(ResourceStore&&) noexcept;
  ResourceStore& operator=(ResourceStore&&) noexcept;

  // Merges a flat object {key: template} into (locale, ns), replacing existing keys, like
  // i18next's addResources. "$meta" is ignored. Nothing is added unless every other value is a
  // string; keys of at most 1 KiB, templates of at most 64 KiB.
  Status add(std::string_view locale, std::string_view ns, const nlohmann::json& resources);

  // i18next's t(key, {...params, lng, ns, context}). `params` is the interpolation data (a JSON
  // object; anything else counts as {}); its `count` selects the plural form. A key that no
  // locale of the chain has comes back as the key itself (interpolated, as i18next does).
  std::string translate(std::string_view key, const nlohmann::json& params, const TranslateOptions& options) const;
  std::string translate(std::string_view key, const FlatParams& params, const TranslateOptions& options) const;
  // The same, written into `out` (its text replaced, its capacity reused: no allocation per
  // call for a caller that keeps one buffer). `out` must not hold the params' text.
  void translate(std::string_view key, const FlatParams& params, const TranslateOptions& options,
                 std::string& out) const;

  // translate(), or nullopt when no locale of the chain has the key (no fallback to the key).
  std::optional<std::string> translate_if_exists(std::string_view key, const nlohmann::json& params,
                                                 const TranslateOptions& options) const;
  std::optional<std::string> translate_if_exists(std::string_view key, const FlatParams& params,
                                                 const TranslateOptions& options) const;
  // The same, written into `out` as translate() above writes it; false, `out` untouched, when
  // no locale of the chain has the key.
  bool translate_if_exists(std::string_view key, const nlohmann::json& params, const TranslateOptions& options,
                           std::string& out) const;
  bool translate_if_exists(std::string_view key, const FlatParams& params, const TranslateOptions& options,
                           std::string& out) const;

  // Whether translate() would find a resource (rather than fall back to the key).
  bool has(std::string_view key, const nlohmann::json& params, const TranslateOptions& options) const;

  // Names what the store holds: a number no other store, and no other state of this one, has
  // (each add() gives a new one). So a caller may keep a translation for as long as it stays.
  std::uint64_t version() const;

  // Loaded locales (sorted) and the namespaces / keys of one of them, for tooling.
  std::vector<std::string> locales() const;
  std::vector<std::string> namespaces(std::string_view locale) const;
  std::vector<std::string> keys(std::string_view locale, std::string_view ns) const;

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// The languages written right to left (ar, he, fa, ur, ps, …, or any tag with an RTL script
// subtag such as -Arab), where format() and details() isolate their placeables.
bool is_right_to_left(std::string_view locale);

enum class Audience : std::uint8_t { pupil, teacher, admin };

struct FormatOptions {
  std::string_view locale;  // "" means en-GB
  Audience audience = Audience::teacher;
  // false: the line ends at the message, for UIs that show the code on its own (<lms-error>'s
  // chip), so that it is read once.
  bool with_code = true;
};

// One line for the UI: the localized message + " [CODE]" (without it when !with_code). Plain text (values are not
// HTML-escaped: render it as text, never as HTML). The message is, in order:
//   1. the translation of err.code in namespace err.dialect (pupils: context "pupil" first),
//      with err.params, `entity` replaced by common `entity.<value>` and `reason` by
//      `SETUP_VALIDATION_FAILED.<value>` when those keys exist;
//   2. when a foreign server sent a machine code (err.serverCode, a plain token), the http
//      namespace's `server.<serverCode>`: an app's own words for the codes it meets;
//   3. teachers/admins: the server's own message, as one line, when it sent one (never pupils);
//   4. the http namespace's HTTP_<status> (pupils: _pupil first);
//   5. common `ui.error.unknown`;
//   6. the catalogue's message with its {params}; 7. "Something went wrong": always words.
// The code in brackets is err.code; teachers and admins also get the serverCode after it
// ("[HTTP_402 card_declined]"), to quote to the foreign service's support.
// Admins also get the catalogue's cause (developer text, English) after an em dash.
// In right-to-left locales the code and every interpolated value are wrapped in Unicode
// isolates (U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE).
std::string format(const ResourceStore& store, const Catalogue& catalogue, const NormalizedError& error,
                   const FormatOptions& options);

// The same from the fields format() reads, with flat params (lms.format's fast path: no JSON).
struct FormatInput {
  std::string_view dialect;
  std::string_view code;
  int status = 0;
  std::string_view message;
  FlatParams params;
  std::string_view server_code;
};
std::string format(const ResourceStore& store, const Catalogue& catalogue, const FormatInput& error,
                   const FormatOptions& options);

// What format() keeps between lines, for a caller that formats line after line (the C API's
// instance): passed back each time, its buffers stop allocating once they have grown, and the
// last translation of each replaced param is looked up again only when its key, the locale or
// the store (ResourceStore::version()) changed. format()'s own: a caller only keeps it.
struct FormatBuffers {
  struct ParamTranslation {
    std::uint64_t store_version = 0;  // 0: nothing looked up yet
    std::string locale, key;
    bool found = false;
    std::string text;  // when found
  };
  ParamTranslation entity, reason;  // common entity.<entity>, <code>.<reason>
  std::string params;               // the flat params with those translations in place
};
// The same, written into `line` (its text replaced, its capacity reused). `line` and `buffers`
// must not hold text that `error` or `options` view.
void format(const ResourceStore& store, const Catalogue& catalogue, const FormatInput& error,
            const FormatOptions& options, FormatBuffers& buffers, std::string& line);

// One localized line per field error ("anagraphic.firstName: Must be at most 100 characters")
// and per import error ("gender, rows 2–5, 8: The value must be one of: MALE, FEMALE"), in the
// order the server sent them. Plain text, isolated in right-to-left locales like format().
std::vector<std::string> details(const ResourceStore& store, const NormalizedError& error, std::string_view locale);

// Catalogue/locale consistency (`lms-errors lint`): for every loaded locale, every catalogue
// entry in its dialect namespace, every common key of i18n/README.md, pupil wording where a
// pupil can meet the error, every plural form of the locale's CLDR categories, placeholders
// exactly the catalogue's params, no unknown keys or namespaces, no unsupported formats, nested
// $t() keys that exist. One "<locale>/<ns>.json: <key>: <problem>" line per problem, sorted;
// empty when consistent.
std::vector<std::string> check_locales(const ResourceStore& store, const Catalogue& catalogue);

}  // namespace lms
