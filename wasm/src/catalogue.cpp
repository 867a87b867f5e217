#include "lms/catalogue.hpp"

#include <fmt/compile.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "json_util.hpp"
#include "json_writer.hpp"

namespace lms {
namespace {

using nlohmann::json;

constexpr std::string_view kRetryNames[] = {"transient", "throttle", "never"};
constexpr std::string_view kActionNames[] = {"retry", "wait",  "refresh", "login",
                                             "reload", "fix",  "contact", "none"};
constexpr std::size_t kMaxProblems = 50;
constexpr std::size_t kMaxCatalogueBytes = 4u << 20;  // a served catalogue is ~40 KB

std::string index_key(std::string_view dialect, std::string_view code) {
  std::string key;
  key.reserve(dialect.size() + 1 + code.size());
  key.append(dialect).push_back('\x1f');
  key.append(code);
  return key;
}

// Collects every problem of a document instead of stopping at the first, so one failed
// init() tells the server's developers all that is wrong with the catalogue they serve.
class Problems {
 public:
  void add(const std::string& path, std::string_view what) {
    ++count_;
    if (lines_.size() < kMaxProblems) lines_.push_back(fmt::format(FMT_COMPILE("{}: {}"), path, what));
  }
  bool empty() const { return count_ == 0; }
  std::string summary() const {
    std::string text = fmt::format(FMT_COMPILE("invalid catalogue ({} problem{}):"), count_, count_ == 1 ? "" : "s");
    for (const auto& line : lines_) text += fmt::format(FMT_COMPILE("\n  {}"), line);
    if (count_ > lines_.size()) text += fmt::format(FMT_COMPILE("\n  … and {} more"), count_ - lines_.size());
    return text;
  }

 private:
  std::size_t count_ = 0;
  std::vector<std::string> lines_;
};

// Typed readers: each reports a problem and returns a fallback when the member is wrong.
std::string read_string(const json& object, const char* key, const std::string& path,
                        Problems& problems, bool required = true, bool non_empty = false) {
  auto it = object.find(key);
  if (it == object.end()) {
    if (required) problems.add(path + "." + key, "is required");
    return {};
  }
  if (!it->is_string()) {
    problems.add(path + "." + key, "must be a string");
    return {};
  }
  std::string value = it->get<std::string>();
  if (non_empty && value.empty()) problems.add(path + "." + key, "must not be empty");
  return value;
}

std::vector<std::string> read_string_array(const json& object, const char* key,
                                           const std::string& path, Problems& problems,
                                           bool required = true) {
  std::vector<std::string> values;
  auto it = object.find(key);
  if (it == object.end()) {
    if (required) problems.add(path + "." + key, "is required");
    return values;
  }
  if (!it->is_array()) {
    problems.add(path + "." + key, "must be an array of strings");
    return values;
  }
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& item = (*it)[i];
    if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
      problems.add(fmt::format(FMT_COMPILE("{}.{}[{}]"), path, key, i), "must be a non-empty string");
      continue;
    }
    values.push_back(item.get<std::string>());
  }
  return values;
}

int read_int(const json& object, const char* key, const std::string& path, Problems& problems,
             int min, int max) {
  auto it = object.find(key);
  if (it == object.end()) {
    problems.add(path + "." + key, "is required");
    return 0;
  }
  if (!it->is_number_integer()) {
    problems.add(path + "." + key, "must be an integer");
    return 0;
  }
  const auto value = it->get<std::int64_t>();
  if (value < min || value > max) {
    problems.add(path + "." + key, fmt::format(FMT_COMPILE("must be between {} and {}"), min, max));
    return 0;
  }
  return static_cast<int>(value);
}

void parse_entry(const json& item, const std::string& dialect, const std::string& path,
                 Problems& problems, Entry& entry) {
  entry.dialect = dialect;
  entry.code = read_string(item, "code", path, problems, true, true);
  if (entry.code.find_first_of(" \t\r\n") != std::string::npos)
    problems.add(path + ".code", "must not contain white space");
  // Network failures have no HTTP status; everything else is a real one.
  if (dialect == "network")
    entry.status = read_int(item, "status", path, problems, 0, 0);
  else
    entry.status = read_int(item, "status", path, problems, 100, 599);
  entry.message = read_string(item, "message", path, problems, true, true);
  entry.cause = read_string(item, "cause", path, problems);
  entry.resolution = read_string(item, "resolution", path, problems, false);
  entry.group = read_string(item, "group", path, problems, false);
  entry.note = read_string(item, "note", path, problems, false);
  entry.params = read_string_array(item, "params", path, problems);
  entry.optional_params = read_string_array(item, "optionalParams", path, problems, false);
  for (const auto& name : entry.optional_params)
    if (std::find(entry.params.begin(), entry.params.end(), name) == entry.params.end())
      problems.add(path + ".optionalParams", fmt::format(FMT_COMPILE("'{}' is not one of params"), name));

  // Every {placeholder} of the message must be a declared param, or emit() and the
  // translations could not fill it.
  for (std::size_t open = entry.message.find('{'); open != std::string::npos;
       open = entry.message.find('{', open + 1)) {
    const std::size_t close = entry.message.find('}', open);
    if (close == std::string::npos) break;
    const std::string name = entry.message.substr(open + 1, close - open - 1);
    if (std::find(entry.params.begin(), entry.params.end(), name) == entry.params.end())
      problems.add(path + ".message", fmt::format(FMT_COMPILE("placeholder {{{}}} is not one of params"), name));
  }

  const std::string retry = read_string(item, "retry", path, problems);
  if (auto parsed = retry_class_from_string(retry))
    entry.retry = *parsed;
  else if (item.contains("retry") && item["retry"].is_string())
    problems.add(path + ".retry", "must be one of transient, throttle, never");
  const std::string action = read_string(item, "action", path, problems);
  if (auto parsed = action_from_string(action))
    entry.action = *parsed;
  else if (item.contains("action") && item["action"].is_string())
    problems.add(path + ".action",
                 "must be one of retry, wait, refresh, login, reload, fix, contact, none");
}

void parse_extras(const json& file, const std::string& dialect, const std::string& path,
                  Problems& problems, std::vector<RateLimitTier>& rate_limits, std::vector<SetupReason>& reasons,
                  std::vector<ImportCode>& import_codes, std::vector<ValidationRule>& rules) {
  auto each = [&](const char* key, auto&& parse_item) {
    auto it = file.find(key);
    if (it == file.end()) return;
    if (!it->is_array()) {
      problems.add(path + "." + key, "must be an array");
      return;
    }
    for (std::size_t i = 0; i < it->size(); ++i) {
      const std::string item_path = fmt::format(FMT_COMPILE("{}.{}[{}]"), path, key, i);
      if (!(*it)[i].is_object()) {
        problems.add(item_path, "must be an object");
        continue;
      }
      parse_item((*it)[i], item_path);
    }
  };
  each("rateLimits", [&](const json& item, const std::string& item_path) {
    RateLimitTier tier;
    tier.dialect = dialect;
    tier.tier = read_string(item, "tier", item_path, problems, true, true);
    tier.limit = read_int(item, "limit", item_path, problems, 1, 1000000000);
    tier.window_seconds = read_int(item, "windowSeconds", item_path, problems, 1, 100000000);
    tier.applies_to = read_string(item, "appliesTo", item_path, problems, false);
    rate_limits.push_back(std::move(tier));
  });
  each("setupReasons", [&](const json& item, const std::string& item_path) {
    SetupReason reason;
    reason.reason = read_string(item, "reason", item_path, problems, true, true);
    reason.when = read_string(item, "when", item_path, problems);
    reason.example_fields = read_string_array(item, "exampleFields", item_path, problems, false);
    reasons.push_back(std::move(reason));
  });
  each("importCodes", [&](const json& item, const std::string& item_path) {
    ImportCode code;
    code.code = read_string(item, "code", item_path, problems, true, true);
    code.description = read_string(item, "description", item_path, problems);
    import_codes.push_back(std::move(code));
  });
  each("validationRules", [&](const json& item, const std::string& item_path) {
    ValidationRule rule;
    rule.rule = read_string(item, "rule", item_path, problems, true, true);
    rule.params = read_string_array(item, "params", item_path, problems, false);
    rule.message = read_string(item, "message", item_path, problems, true, true);
    rules.push_back(std::move(rule));
  });
}

}  // namespace

std::string_view to_string(RetryClass retry) { return kRetryNames[static_cast<int>(retry)]; }
std::string_view to_string(Action action) { return kActionNames[static_cast<int>(action)]; }

std::optional<RetryClass> retry_class_from_string(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kRetryNames); ++i)
    if (kRetryNames[i] == text) return static_cast<RetryClass>(i);
  return std::nullopt;
}

std::optional<Action> action_from_string(std::string_view text) {
  for (std::size_t i = 0; i < std::size(kActionNames); ++i)
    if (kActionNames[i] == text) return static_cast<Action>(i);
  return std::nullopt;
}

bool is_known_dialect(std::string_view dialect) {
  return std::find(std::begin(kDialects), std::end(kDialects), dialect) != std::end(kDialects);
}

StatusOr<Catalogue> Catalogue::from_json(std::string_view text) {
  if (text.size() > kMaxCatalogueBytes)
    return invalid_argument(fmt::format(FMT_COMPILE("invalid catalogue: {} bytes is more than the {} byte limit"),
                                        text.size(), kMaxCatalogueBytes));
  if (!json_depth_within(text, kMaxJsonDepth))
    return invalid_argument(
        fmt::format(FMT_COMPILE("invalid catalogue: nested deeper than {} levels"), kMaxJsonDepth));
  const json document = parse_json(text);
  if (document.is_discarded())
    return invalid_argument("invalid catalogue: not valid JSON");
  if (!document.is_object())
    return invalid_argument(
        "invalid catalogue: expected an object {\"version\": 1, \"dialects\": [...]}");

  Problems problems;
  Catalogue catalogue;
  auto version = document.find("version");
  if (version == document.end() || !version->is_number_integer() || version->get<int>() != 1)
    problems.add("version", "must be 1");
  auto dialects = document.find("dialects");
  if (dialects == document.end() || !dialects->is_array() || dialects->empty()) {
    problems.add("dialects", "must be a non-empty array of dialect objects");
    return invalid_argument(problems.summary());
  }

  std::unordered_map<std::string, std::string> first_seen;  // index key -> path
  for (std::size_t d = 0; d < dialects->size(); ++d) {
    const json& file = (*dialects)[d];
    const std::string path = fmt::format(FMT_COMPILE("dialects[{}]"), d);
    if (!file.is_object()) {
      problems.add(path, "must be an object");
      continue;
    }
    const std::string dialect = read_string(file, "dialect", path, problems, true, true);
    if (!dialect.empty() && !is_known_dialect(dialect))
      problems.add(path + ".dialect",
                   fmt::format(FMT_COMPILE("unknown dialect '{}' (expected one of lms, wrapped, nestjs, "
                                           "okflag, problem, http, network)"),
                               dialect));
    auto entries = file.find("entries");
    if (entries == file.end() || !entries->is_array()) {
      problems.add(path + ".entries", "must be an array");
      continue;
    }
    for (std::size_t e = 0; e < entries->size(); ++e) {
      const std::string entry_path = fmt::format(FMT_COMPILE("{}.entries[{}]"), path, e);
      const json& item = (*entries)[e];
      if (!item.is_object()) {
        problems.add(entry_path, "must be an object");
        continue;
      }
      Entry entry;
      parse_entry(item, dialect, entry_path, problems, entry);
      if (entry.code.empty()) continue;
      std::string key = index_key(dialect, entry.code);
      auto [seen, inserted] = first_seen.emplace(key, entry_path);
      if (!inserted) {
        problems.add(entry_path + ".code",
                     fmt::format(FMT_COMPILE("duplicate ({}, {}): already defined at {}"), dialect, entry.code,
                                 seen->second));
        continue;
      }
      catalogue.index_.emplace(std::move(key), catalogue.entries_.size());
      catalogue.entries_.push_back(std::move(entry));
    }
    parse_extras(file, dialect, path, problems, catalogue.rate_limits_,
                 catalogue.setup_reasons_, catalogue.import_codes_, catalogue.validation_rules_);
  }
  if (!problems.empty()) return invalid_argument(problems.summary());
  return catalogue;
}

const Entry* Catalogue::find(std::string_view dialect, std::string_view code) const {
  auto it = index_.find(index_key(dialect, code));
  return it == index_.end() ? nullptr : &entries_[it->second];
}

const Entry* Catalogue::find_any(std::string_view code) const {
  for (std::string_view dialect : kDialects)
    if (const Entry* entry = find(dialect, code)) return entry;
  return nullptr;
}

namespace {
// Written directly rather than through a nlohmann DOM: lookup() runs on every error an app
// shows, and building the object just to dump it cost ~15 µs in the -Oz WASM build.
void write_entry(JsonWriter& out, const Entry& entry) {
  out.begin_object();
  out.key("dialect").string(entry.dialect);
  out.key("code").string(entry.code);
  out.key("status").integer(entry.status);
  out.key("message").string(entry.message);
  out.key("cause").string(entry.cause);
  out.key("resolution").string(entry.resolution);
  out.key("params").string_array(entry.params);
  out.key("optionalParams").string_array(entry.optional_params);
  out.key("retry").string(to_string(entry.retry));
  out.key("action").string(to_string(entry.action));
  out.end_object();
}
}  // namespace

std::string entry_to_json(const Entry& entry) {
  JsonWriter out(512);
  write_entry(out, entry);
  return std::move(out).text();
}

std::string entries_to_json(const std::vector<const Entry*>& entries) {
  JsonWriter out(512 * entries.size() + 16);
  out.begin_array();
  for (const Entry* entry : entries) write_entry(out, *entry);
  out.end_array();
  return std::move(out).text();
}

}  // namespace lms
