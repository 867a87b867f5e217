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

KeySpec simple(std::string key, std::vector<std::string> params = {}, Pupil pupil = Pupil::none) {
  KeySpec spec;
  spec.key = std::move(key);
  spec.params = params;
  spec.required = std::move(params);
  spec.pupil = pupil;
  return spec;
}

KeySpec plural(std::string key, std::vector<std::string> params = {}, Pupil pupil = Pupil::none) {
  KeySpec spec = simple(std::move(key), std::move(params), pupil);
  spec.plural = true;
  spec.params.emplace_back("count");  // may be left out ("one second")
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
  for (const char* entity : {"student", "teacher", "pupil", "user", "school", "classroom", "class", "role",
                             "membership", "assessment", "question", "session", "department", "grade", "period",
                             "academicYear", "customField", "tenant", "center", "record"})
    common.push_back(simple(std::string("entity.") + entity));

  std::set<std::string> rules;
  auto add_rule = [&](KeySpec spec) {
    if (rules.insert(spec.key).second) common.push_back(std::move(spec));
  };
  add_rule(plural("validation.maxLength"));
  add_rule(plural("validation.minLength"));
  add_rule(simple("validation.min", {"min"}));
  add_rule(simple("validation.max", {"max"}));
  for (const char* rule : {"isEmail", "isNotEmpty", "isString", "isInt", "isNumber", "isBoolean", "isUUID",
                           "isDateString", "isEnum", "isUrl", "invalid"})
    add_rule(simple(std::string("validation.") + rule));
  for (const ValidationRule& rule : catalogue.validation_rules()) add_rule(simple("validation." + rule.rule, rule.params));

  std::set<std::string> imports;
  for (const ImportCode& code : catalogue.import_codes()) imports.insert(code.code);
  imports.insert("unknown");
  for (const std::string& code : imports) {
    std::vector<std::string> params;
    if (code == "HEADERS_MISSING") params = {"missing"};
    if (code == "FIELD_INVALID") params = {"allowedValues"};
    common.push_back(simple("import." + code, params));
  }
  for (const SetupReason& reason : catalogue.setup_reasons())
    common.push_back(simple("SETUP_VALIDATION_FAILED." + reason.reason));

  common.push_back(simple("details.field", {"field", "message"}));
  common.push_back(simple("details.import", {"column", "rows", "message"}));
  common.push_back(plural("details.rows", {"ranges"}));
  common.push_back(simple("details.listSeparator"));
  common.push_back(simple("details.rangeSeparator"));
  common.push_back(plural("ui.retryIn", {}, Pupil::required));
  common.push_back(plural("ui.waitFor", {}, Pupil::required));
  for (const char* action : {"retry", "wait", "refresh", "login", "reload", "fix", "contact", "none"})
    common.push_back(simple(std::string("ui.action.") + action, {}, Pupil::allowed));
  common.push_back(simple("ui.copyCode"));
  common.push_back(simple("ui.codeCopied"));
  common.push_back(simple("ui.error.title", {}, Pupil::required));
  common.push_back(simple("ui.error.unknown", {}, Pupil::required));
  common.push_back(simple("ui.outbox.saved", {}, Pupil::required));
  common.push_back(simple("ui.outbox.sending"));
  common.push_back(plural("ui.outbox.sent"));
  common.push_back(simple("ui.language"));
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
