// check_locales(): the loaded translations against the catalogue and i18n/README.md.
#include <algorithm>
#include <map>
#include <set>

#include "i18n_internal.hpp"

namespace lms {
namespace {

enum class Pupil : std::uint8_t { none, allowed, required };

// One key the locale files must (or may) have, as i18n/README.md and the catalogue define it.
struct KeySpec {
  std::string key;
  std::vector<std::string> params;    // the placeholders it may use
  std::vector<std::string> required;  // those it must use
  bool plural = false;                // key_<category> for the locale's categories (count implied)
  Pupil pupil = Pupil::none;          // key_pupil (and key_pupil_<category>)
};

// The keys of common that i18n/README.md lists (besides those the catalogue implies): params
// are space-separated; plural keys take `count` implicitly.
struct CommonKey {
  std::string_view key;
  std::string_view params;
  bool plural;
  Pupil pupil;
};
constexpr CommonKey kCommonKeys[] = {
    {"validation.maxLength", "", true, Pupil::none},
    {"validation.minLength", "", true, Pupil::none},
    {"validation.min", "min", false, Pupil::none},
    {"validation.max", "max", false, Pupil::none},
    {"validation.isEmail", "", false, Pupil::none},
    {"validation.isNotEmpty", "", false, Pupil::none},
    {"validation.isString", "", false, Pupil::none},
    {"validation.isInt", "", false, Pupil::none},
    {"validation.isNumber", "", false, Pupil::none},
    {"validation.isBoolean", "", false, Pupil::none},
    {"validation.isUUID", "", false, Pupil::none},
    {"validation.isDateString", "", false, Pupil::none},
    {"validation.isEnum", "", false, Pupil::none},
    {"validation.isUrl", "", false, Pupil::none},
    {"validation.invalid", "", false, Pupil::none},
    {"import.unknown", "", false, Pupil::none},
    {"details.field", "field message", false, Pupil::none},
    {"details.import", "column rows message", false, Pupil::none},
    {"details.rows", "ranges", true, Pupil::none},
    {"details.listSeparator", "", false, Pupil::none},
    {"details.rangeSeparator", "", false, Pupil::none},
    {"ui.retryIn", "", true, Pupil::required},
    {"ui.waitFor", "", true, Pupil::required},
    {"ui.action.retry", "", false, Pupil::allowed},
    {"ui.action.wait", "", false, Pupil::allowed},
    {"ui.action.refresh", "", false, Pupil::allowed},
    {"ui.action.login", "", false, Pupil::allowed},
    {"ui.action.reload", "", false, Pupil::allowed},
    {"ui.action.fix", "", false, Pupil::allowed},
    {"ui.action.contact", "", false, Pupil::allowed},
    {"ui.action.none", "", false, Pupil::allowed},
    {"ui.copyCode", "", false, Pupil::none},
    {"ui.codeCopied", "", false, Pupil::none},
    {"ui.contact", "", false, Pupil::allowed},
    {"ui.error.title", "", false, Pupil::required},
    {"ui.error.unknown", "", false, Pupil::required},
    {"ui.outbox.saved", "", false, Pupil::required},
    {"ui.outbox.sending", "", false, Pupil::none},
    {"ui.outbox.sent", "", true, Pupil::none},
    // The outbox's states a pupil must hear about (web/outbox.js): storage, sign-in, not accepted.
    {"ui.outbox.memory", "", false, Pupil::required},
    {"ui.outbox.signIn", "", false, Pupil::required},
    {"ui.outbox.notAccepted", "", false, Pupil::required},
    {"ui.outbox.export", "", false, Pupil::none},
    {"ui.outbox.signOutWaiting", "", true, Pupil::none},
    {"ui.language", "", false, Pupil::none},
};
constexpr std::string_view kEntities[] = {"student", "teacher", "pupil", "user", "school", "classroom", "class",
                                          "role", "membership", "assessment", "question", "session", "department",
                                          "grade", "period", "academicYear", "customField", "tenant", "center", "record"};
// Import codes whose message names a value (i18n/README.md).
constexpr std::pair<std::string_view, std::string_view> kImportParams[] = {{"HEADERS_MISSING", "missing"},
                                                                           {"FIELD_INVALID", "allowedValues"}};

KeySpec spec_of(std::string key, std::string_view params, bool is_plural = false, Pupil pupil = Pupil::none) {
  KeySpec spec;
  spec.key = std::move(key);
  for (std::size_t start = 0; start < params.size();) {
    const std::size_t end = std::min(params.find(' ', start), params.size());
    spec.params.emplace_back(params.substr(start, end - start));
    start = end + 1;
  }
  spec.required = spec.params;
  spec.plural = is_plural;
  if (is_plural) spec.params.emplace_back("count");  // may be left out ("one second")
  spec.pupil = pupil;
  return spec;
}

// The errors a pupil can meet (i18n/README.md): they need _pupil wording.
bool pupil_can_meet(const Entry& entry) {
  const std::string_view code = entry.code;
  const std::string_view group = entry.group;
  if (entry.dialect == "lms")
    return code.rfind("LMS-AUTH-", 0) == 0 || code.rfind("LMS-SES-", 0) == 0 || code.rfind("LMS-ASM-", 0) == 0 ||
           code.rfind("LMS-MTC-", 0) == 0 || code == "LMS-SCH-001";
  if (entry.dialect == "network" || entry.dialect == "http") return true;
  if (entry.dialect == "wrapped" || entry.dialect == "nestjs")
    return group.find("Authentication") != std::string_view::npos || group.find("Rate Limit") != std::string_view::npos ||
           group.find("System") != std::string_view::npos || group.find("Generic") != std::string_view::npos;
  if (entry.dialect == "okflag") return entry.status == 401 || entry.status == 429;
  return false;
}

std::map<std::string, std::vector<KeySpec>> expected_keys(const Catalogue& catalogue) {
  std::map<std::string, std::vector<KeySpec>> expected;
  for (const Entry& entry : catalogue.entries()) {
    KeySpec spec;
    spec.key = entry.code;
    spec.params = entry.params;
    for (const std::string& param : entry.params)
      if (std::find(entry.optional_params.begin(), entry.optional_params.end(), param) == entry.optional_params.end())
        spec.required.push_back(param);
    spec.pupil = pupil_can_meet(entry) ? Pupil::required : Pupil::allowed;
    expected[entry.dialect].push_back(std::move(spec));
  }

  std::vector<KeySpec>& common = expected[std::string(kDefaultNamespace)];
  std::set<std::string> listed;
  auto add = [&](KeySpec spec) {
    if (listed.insert(spec.key).second) common.push_back(std::move(spec));
  };
  for (std::string_view entity : kEntities) add(spec_of("entity." + std::string(entity), ""));
  for (const CommonKey& key : kCommonKeys) add(spec_of(std::string(key.key), key.params, key.plural, key.pupil));
  for (const ValidationRule& rule : catalogue.validation_rules()) {
    KeySpec spec = spec_of("validation." + rule.rule, "");
    spec.params = spec.required = rule.params;
    add(std::move(spec));
  }
  for (const ImportCode& code : catalogue.import_codes()) {
    std::string_view params;
    for (const auto& [name, param] : kImportParams)
      if (name == code.code) params = param;
    add(spec_of("import." + code.code, params));
  }
  for (const SetupReason& reason : catalogue.setup_reasons()) add(spec_of("SETUP_VALIDATION_FAILED." + reason.reason, ""));
  return expected;
}

void check_template(const ResourceStore& store, const std::string& locale, std::string_view ns,
                    const i18n::Template& compiled, const KeySpec& spec, const std::string& prefix,
                    std::vector<std::string>& problems) {
  auto report = [&](const std::string& problem) { problems.push_back(prefix + problem); };
  if (compiled.source.empty()) {
    report("empty translation");
    return;
  }
  std::set<std::string> used;
  for (const i18n::Placeholder& placeholder : i18n::placeholders(compiled.source)) {
    if (!placeholder.format.empty())
      report("{{" + placeholder.name + ", " + placeholder.format + "}}: formats are not applied by the core");
    if (std::find(spec.params.begin(), spec.params.end(), placeholder.name) == spec.params.end()) {
      if (used.insert(placeholder.name).second) report("unknown placeholder {{" + placeholder.name + "}}");
    }
    used.insert(placeholder.name);
  }
  for (const std::string& param : spec.required)
    if (!used.count(param)) report("missing placeholder {{" + param + "}}");
  for (const i18n::Nesting& nesting : i18n::nestings(compiled.source)) {
    if (nesting.has_formats) report("$t(" + nesting.key + ", …): formats are not applied by the core");
    if (nesting.dynamic) continue;
    TranslateOptions options;
    options.locale = locale;
    options.ns = ns;
    if (!store.has(nesting.key, nlohmann::json::object(), options))
      report("$t(" + nesting.key + "): no such key");
  }
}

}  // namespace

std::vector<std::string> check_locales(const ResourceStore& store, const Catalogue& catalogue) {
  const auto expected = expected_keys(catalogue);
  std::vector<std::string> problems;
  std::vector<std::string> locales = store.locales();
  if (std::find(locales.begin(), locales.end(), kFallbackLocale) == locales.end())
    locales.emplace_back(kFallbackLocale);

  for (const std::string& locale : locales) {
    std::vector<std::string> categories;
    for (PluralCategory category : PluralRules::for_locale(locale).categories())
      categories.emplace_back(to_string(category));

    for (const std::string& ns : store.namespaces(locale)) {
      if (ns != kDefaultNamespace && !is_known_dialect(ns))
        problems.push_back(locale + "/" + ns + ".json: unknown namespace (expected common or a dialect)");
    }

    // Every namespace the catalogue needs, and every known one that was loaded anyway (a
    // dialect without catalogue entries may have no keys at all).
    std::map<std::string, std::vector<KeySpec>> to_check = expected;
    for (const std::string& ns : store.namespaces(locale))
      if (ns == kDefaultNamespace || is_known_dialect(ns)) to_check[ns];
    for (const auto& [ns, specs] : to_check) {
      const std::string file = locale + "/" + ns + ".json: ";
      const std::vector<std::string> loaded = store.namespaces(locale);
      if (std::find(loaded.begin(), loaded.end(), ns) == loaded.end()) {
        if (!specs.empty()) problems.push_back(file + "missing file");
        continue;
      }
      std::set<std::string> known;
      for (const KeySpec& spec : specs) {
        std::vector<std::string> bases = {spec.key};
        if (spec.pupil != Pupil::none) bases.push_back(spec.key + "_pupil");
        for (std::size_t b = 0; b < bases.size(); ++b) {
          const bool required = b == 0 || spec.pupil == Pupil::required;
          std::vector<std::pair<std::string, bool>> forms;  // key, required
          if (spec.plural) {
            for (const std::string& category : categories) forms.emplace_back(bases[b] + "_" + category, required);
            // i18next uses key_zero for count 0 in every language: allowed, never required.
            if (std::find(categories.begin(), categories.end(), "zero") == categories.end())
              forms.emplace_back(bases[b] + "_zero", false);
          } else {
            forms.emplace_back(bases[b], required);
          }
          for (const auto& [form, form_required] : forms) {
            known.insert(form);
            const std::string prefix = file + form + ": ";
            const i18n::Template* compiled = store.impl().find(locale, ns, form);
            if (!compiled) {
              if (form_required) problems.push_back(prefix + "missing");
              continue;
            }
            check_template(store, locale, ns, *compiled, spec, prefix, problems);
          }
        }
      }
      for (const std::string& key : store.keys(locale, ns)) {
        if (known.count(key)) continue;
        std::string hint = "unknown key";
        for (const KeySpec& spec : specs)
          if (spec.plural && key == spec.key) hint = "unknown key (a plural key needs its _<category> forms)";
        problems.push_back(file + key + ": " + hint);
      }
    }
  }
  std::sort(problems.begin(), problems.end());
  problems.erase(std::unique(problems.begin(), problems.end()), problems.end());
  return problems;
}

}  // namespace lms
