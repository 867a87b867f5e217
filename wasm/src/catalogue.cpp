#include "lms/catalogue.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "json_util.hpp"
#include "json_writer.hpp"
#include "string_table.hpp"

namespace lms {
namespace {

using nlohmann::json;

constexpr std::string_view kRetryNames[] = {"transient", "throttle", "never"};
constexpr std::string_view kActionNames[] = {"retry", "wait",  "refresh", "login",
                                             "reload", "fix",  "contact", "none"};
constexpr std::size_t kMaxProblems = 50;
constexpr std::size_t kMaxCatalogueBytes = 4u << 20;  // a served catalogue is ~40 KB

// The index's hash of (dialect, code), computed in place: a look-up allocates nothing.
std::uint32_t entry_hash(std::string_view dialect, std::string_view code) {
  return hash_text(code, hash_text(dialect));
}

// The position in `entries` of (dialect, code), whose entry_hash is `hash`.
std::optional<std::size_t> position_of(const std::vector<Entry>& entries, const std::vector<std::uint32_t>& index,
                        std::string_view dialect, std::string_view code, std::uint32_t hash) {
  return hash_slots::find(index, hash,
                          [&](std::size_t p) { return entries[p].code == code && entries[p].dialect == dialect; });
}

std::string decimal(std::int64_t value) { return fmt::format_int(value).str(); }

// Where a value sits in the document ("dialects[0].entries[4].status"), as a chain of
// (key, index) steps on the stack: it is written out only when a problem is reported, so
// reading a valid catalogue builds no path strings.
struct Path {
  static constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);
  const Path* parent;
  std::string_view key;
  std::size_t index = kNoIndex;

  void append_to(std::string& out) const {
    if (parent) {
      parent->append_to(out);
      out.push_back('.');
    }
    out.append(key);
    if (index != kNoIndex) out.append("[").append(decimal(static_cast<std::int64_t>(index))).append("]");
  }
  std::string text() const {
    std::string out;
    append_to(out);
    return out;
  }
};

// Collects every problem of a document instead of stopping at the first, so one failed
// init() tells the server's developers all that is wrong with the catalogue they serve.
class Problems {
 public:
  void add(const Path& at, std::string_view what) {
    ++count_;
    if (lines_.size() >= kMaxProblems) return;
    std::string line = at.text();
    line.append(": ").append(what);
    lines_.push_back(std::move(line));
  }
  // The member `key` of the value at `at`.
  void add(const Path& at, std::string_view key, std::string_view what) { add(Path{&at, key}, what); }
  bool empty() const { return count_ == 0; }
  std::string summary() const {
    std::string text = "invalid catalogue (" + decimal(static_cast<std::int64_t>(count_)) +
                       (count_ == 1 ? " problem):" : " problems):");
    for (const auto& line : lines_) text.append("\n  ").append(line);
    if (count_ > lines_.size())
      text.append("\n  … and ").append(decimal(static_cast<std::int64_t>(count_ - lines_.size()))).append(" more");
    return text;
  }

 private:
  std::size_t count_ = 0;
  std::vector<std::string> lines_;
};

// Typed readers: each reports a problem and returns a fallback when the member is wrong.
// Reads a string member into `out`, which keeps its value when the member is absent or wrong.
void read_string(const json& object, std::string_view key, const Path& at, Problems& problems, std::string& out,
                 bool required = true, bool non_empty = false) {
  const json* value = json_member(object, key);
  if (!value) {
    if (required) problems.add(at, key, "is required");
    return;
  }
  if (!value->is_string()) return problems.add(at, key, "must be a string");
  out = value->get_ref<const std::string&>();
  if (non_empty && out.empty()) problems.add(at, key, "must not be empty");
}

// Appends the strings of an array member to `values` (empty when called).
void read_string_array(const json& object, std::string_view key, const Path& at, Problems& problems,
                       std::vector<std::string>& values, bool required = true) {
  const json* array = json_member(object, key);
  if (!array) {
    if (required) problems.add(at, key, "is required");
    return;
  }
  if (!array->is_array()) {
    problems.add(at, key, "must be an array of strings");
    return;
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    const json& item = (*array)[i];
    if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
      problems.add(Path{&at, key, i}, "must be a non-empty string");
      continue;
    }
    values.push_back(item.get<std::string>());
  }
}

int read_int(const json& object, std::string_view key, const Path& at, Problems& problems, int min, int max) {
  const json* value = json_member(object, key);
  if (!value) {
    problems.add(at, key, "is required");
    return 0;
  }
  if (!value->is_number_integer()) {
    problems.add(at, key, "must be an integer");
    return 0;
  }
  const auto number = value->get<std::int64_t>();
  if (number < min || number > max) {
    problems.add(at, key, "must be between " + decimal(min) + " and " + decimal(max));
    return 0;
  }
  return static_cast<int>(number);
}

// A name from a fixed list (`choices`, as the problem names them); `fallback` when it is not one.
template <class T>
T read_choice(const json& object, std::string_view key, const Path& at, Problems& problems,
              std::optional<T> (*from_string)(std::string_view), const char* choices, T fallback) {
  std::string text;
  read_string(object, key, at, problems, text);
  if (auto parsed = from_string(text)) return *parsed;
  if (const json* value = json_member(object, key); value && value->is_string())
    problems.add(at, key, "must be one of " + std::string(choices));
  return fallback;
}

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

void parse_entry(const json& item, const std::string& dialect, const Path& at, Problems& problems,
                 Entry& entry) {
  entry.dialect = dialect;
  read_string(item, "code", at, problems, entry.code, true, true);
  if (entry.code.find_first_of(" \t\r\n") != std::string::npos)
    problems.add(at, "code", "must not contain white space");
  // Network failures have no HTTP status; everything else is a real one.
  const bool network = dialect == "network";
  entry.status = read_int(item, "status", at, problems, network ? 0 : 100, network ? 0 : 599);
  read_string(item, "message", at, problems, entry.message, true, true);
  read_string(item, "cause", at, problems, entry.cause);
  read_string(item, "resolution", at, problems, entry.resolution, false);
  read_string(item, "group", at, problems, entry.group, false);
  read_string(item, "note", at, problems, entry.note, false);
  read_string_array(item, "params", at, problems, entry.params);
  read_string_array(item, "optionalParams", at, problems, entry.optional_params, false);
  for (const auto& name : entry.optional_params)
    if (!contains(entry.params, name)) problems.add(at, "optionalParams", "'" + name + "' is not one of params");

  // Every {placeholder} of the message must be a declared param, or emit() and the
  // translations could not fill it.
  for (std::size_t open = entry.message.find('{'); open != std::string::npos;
       open = entry.message.find('{', open + 1)) {
    const std::size_t close = entry.message.find('}', open);
    if (close == std::string::npos) break;
    const std::string name = entry.message.substr(open + 1, close - open - 1);
    if (!contains(entry.params, name))
      problems.add(at, "message", "placeholder {" + name + "} is not one of params");
  }

  entry.retry = read_choice(item, "retry", at, problems, retry_class_from_string, "transient, throttle, never",
                            RetryClass::never);
  entry.action = read_choice(item, "action", at, problems, action_from_string,
                             "retry, wait, refresh, login, reload, fix, contact, none", Action::none);
}

// The catalogue's tables. Each is allocated once at its final size, one row per object item of
// that array in every dialect (see from_json), and filled in place from row filled[table] on:
// growing a vector would compile a relocation loop per element type. A row is left unused only
// by an entry without a code or with a duplicate one: problems, so that catalogue is refused.
// Rows are made only for object items, which the parsed tree holds already; still, a hostile
// 4 MB document of `{}` entries peaks at ~270 MB of WASM memory instead of ~140 MB.
enum Table : std::size_t { kEntries, kRateLimits, kSetupReasons, kImportCodes, kValidationRules };
constexpr std::string_view kTables[] = {"entries", "rateLimits", "setupReasons", "importCodes", "validationRules"};

// The side tables only the locale lint reads.
void parse_extras(const json& file, const std::string& dialect, const Path& at, Problems& problems,
                  std::vector<RateLimitTier>& rate_limits, std::vector<SetupReason>& reasons,
                  std::vector<ImportCode>& import_codes, std::vector<ValidationRule>& rules,
                  std::size_t (&filled)[std::size(kTables)]) {
  auto each = [&](std::size_t table, auto&& parse_item) {
    const std::string_view key = kTables[table];
    const json* list = json_member(file, key);
    if (!list) return;
    if (!list->is_array()) {
      problems.add(at, key, "must be an array");
      return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      const Path item_at{&at, key, i};
      if (!(*list)[i].is_object()) {
        problems.add(item_at, "must be an object");
        continue;
      }
      parse_item((*list)[i], item_at, filled[table]++);
    }
  };
  each(kRateLimits, [&](const json& item, const Path& item_at, std::size_t row) {
    RateLimitTier& tier = rate_limits[row];
    tier.dialect = dialect;
    read_string(item, "tier", item_at, problems, tier.tier, true, true);
    tier.limit = read_int(item, "limit", item_at, problems, 1, 1000000000);
    tier.window_seconds = read_int(item, "windowSeconds", item_at, problems, 1, 100000000);
    read_string(item, "appliesTo", item_at, problems, tier.applies_to, false);
  });
  each(kSetupReasons, [&](const json& item, const Path& item_at, std::size_t row) {
    SetupReason& reason = reasons[row];
    read_string(item, "reason", item_at, problems, reason.reason, true, true);
    read_string(item, "when", item_at, problems, reason.when);
    read_string_array(item, "exampleFields", item_at, problems, reason.example_fields, false);
  });
  each(kImportCodes, [&](const json& item, const Path& item_at, std::size_t row) {
    ImportCode& code = import_codes[row];
    read_string(item, "code", item_at, problems, code.code, true, true);
    read_string(item, "description", item_at, problems, code.description);
  });
  each(kValidationRules, [&](const json& item, const Path& item_at, std::size_t row) {
    ValidationRule& rule = rules[row];
    read_string(item, "rule", item_at, problems, rule.rule, true, true);
    read_string_array(item, "params", item_at, problems, rule.params, false);
    read_string(item, "message", item_at, problems, rule.message, true, true);
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
    return invalid_argument("invalid catalogue: " + decimal(static_cast<std::int64_t>(text.size())) +
                            " bytes is more than the " + decimal(kMaxCatalogueBytes) + " byte limit");
  const json document = parse_json(text);  // refuses nesting beyond kMaxJsonDepth too
  if (document.is_discarded())
    return invalid_argument("invalid catalogue: not valid JSON, or nested deeper than " + decimal(kMaxJsonDepth) +
                            " levels");
  if (!document.is_object())
    return invalid_argument(
        "invalid catalogue: expected an object {\"version\": 1, \"dialects\": [...]}");

  Problems problems;
  Catalogue catalogue;
  const json* version = json_member(document, "version");
  if (!version || !version->is_number_integer() || version->get<int>() != 1)
    problems.add(Path{nullptr, "version"}, "must be 1");
  if (const json* revision = json_member(document, "revision")) {
    if (revision->is_string() && !revision->get_ref<const std::string&>().empty() &&
        revision->get_ref<const std::string&>().size() <= 64)
      catalogue.revision_ = revision->get<std::string>();
    else
      problems.add(Path{nullptr, "revision"}, "must be a non-empty string of at most 64 characters");
  }
  const json* dialects = json_member(document, "dialects");
  if (!dialects || !dialects->is_array() || dialects->empty()) {
    problems.add(Path{nullptr, "dialects"}, "must be a non-empty array of dialect objects");
    return invalid_argument(problems.summary());
  }

  // Every table sized once (see kTables).
  std::size_t sizes[std::size(kTables)] = {};
  std::size_t filled[std::size(kTables)] = {};
  for (const json& file : *dialects)
    for (std::size_t table = 0; table < std::size(kTables); ++table)
      if (const json* list = json_member(file, kTables[table]); list && list->is_array())
        for (std::size_t i = 0; i < list->size(); ++i) sizes[table] += (*list)[i].is_object();
  catalogue.entries_ = std::vector<Entry>(sizes[kEntries]);
  catalogue.rate_limits_ = std::vector<RateLimitTier>(sizes[kRateLimits]);
  catalogue.setup_reasons_ = std::vector<SetupReason>(sizes[kSetupReasons]);
  catalogue.import_codes_ = std::vector<ImportCode>(sizes[kImportCodes]);
  catalogue.validation_rules_ = std::vector<ValidationRule>(sizes[kValidationRules]);

  // Where each entries_ row was defined, to name the first of a duplicate: its dialect and entry
  // indexes in turn (32 bits hold any index of a document under kMaxCatalogueBytes, and the
  // build has vector<uint32_t> code already).
  std::vector<std::uint32_t> origins;
  for (std::size_t d = 0; d < dialects->size(); ++d) {
    const json& file = (*dialects)[d];
    const Path at{nullptr, "dialects", d};
    if (!file.is_object()) {
      problems.add(at, "must be an object");
      continue;
    }
    std::string dialect;
    read_string(file, "dialect", at, problems, dialect, true, true);
    if (!dialect.empty() && !is_known_dialect(dialect))
      problems.add(at, "dialect",
                   "unknown dialect '" + dialect +
                       "' (expected one of lms, wrapped, nestjs, okflag, problem, http, network)");
    const json* entries = json_member(file, "entries");
    if (!entries || !entries->is_array()) {
      problems.add(at, "entries", "must be an array");
      continue;
    }
    for (std::size_t e = 0; e < entries->size(); ++e) {
      const Path entry_at{&at, "entries", e};
      const json& item = (*entries)[e];
      if (!item.is_object()) {
        problems.add(entry_at, "must be an object");
        continue;
      }
      const std::size_t row = filled[kEntries]++;
      origins.push_back(static_cast<std::uint32_t>(d));
      origins.push_back(static_cast<std::uint32_t>(e));
      Entry& entry = catalogue.entries_[row];
      parse_entry(item, dialect, entry_at, problems, entry);
      if (entry.code.empty()) continue;
      const std::uint32_t hash = entry_hash(dialect, entry.code);
      if (const auto first = position_of(catalogue.entries_, catalogue.index_, dialect, entry.code, hash)) {
        const std::size_t first_d = origins[2 * *first];
        const std::size_t first_e = origins[2 * *first + 1];
        const Path first_dialect{nullptr, "dialects", first_d};
        problems.add(entry_at, "code",
                     "duplicate (" + dialect + ", " + entry.code + "): already defined at " +
                         Path{&first_dialect, "entries", first_e}.text());
      } else {
        const std::vector<Entry>& stored = catalogue.entries_;
        hash_slots::add(catalogue.index_, hash, row,
                        [&stored](std::size_t p) { return entry_hash(stored[p].dialect, stored[p].code); });
      }
    }
    parse_extras(file, dialect, at, problems, catalogue.rate_limits_, catalogue.setup_reasons_,
                 catalogue.import_codes_, catalogue.validation_rules_, filled);
  }
  if (!problems.empty()) return invalid_argument(problems.summary());
  return catalogue;
}

const Entry* Catalogue::find(std::string_view dialect, std::string_view code) const {
  const auto position = position_of(entries_, index_, dialect, code, entry_hash(dialect, code));
  return position ? &entries_[*position] : nullptr;
}

const Entry* Catalogue::find_any(std::string_view code) const {
  for (std::string_view dialect : kDialects)
    if (const Entry* entry = find(dialect, code)) return entry;
  return nullptr;
}

namespace {
// Written directly rather than through a nlohmann DOM: lookup() runs on every error an app
// shows, and building the object just to dump it is slow in the -Oz WASM build.
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
