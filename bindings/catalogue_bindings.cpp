// Catalogue look-ups for JS (web/core.js). Entries cross as JSON text.
#include "bridge.hpp"
#include "state.hpp"

using lms::bridge::Arguments;
using lms::bridge::reply;

// A catalogue document -> "" when it is now in force, else the validator's problems.
LMS_EXPORT(lms_load_catalogue) std::int32_t lms_load_catalogue(std::uint32_t json_size) {
  Arguments arguments;
  return reply(lms::bindings::replace_catalogue(arguments.next(json_size)));
}

// (code, dialect or "") -> the entry's JSON, or null.
LMS_EXPORT(lms_lookup) std::int32_t lms_lookup(std::uint32_t code_size, std::uint32_t dialect_size) {
  Arguments arguments;
  const std::string_view code = arguments.next(code_size);
  const std::string_view dialect = arguments.next(dialect_size);
  const lms::Catalogue& catalogue = lms::bindings::catalogue();
  const lms::Entry* entry = dialect.empty() ? catalogue.find_any(code) : catalogue.find(dialect, code);
  return reply(entry ? lms::entry_to_json(*entry) : std::string("null"));
}

// (dialect or "") -> a JSON array of its entries (every entry for "").
LMS_EXPORT(lms_entries) std::int32_t lms_entries(std::uint32_t dialect_size) {
  Arguments arguments;
  const std::string_view dialect = arguments.next(dialect_size);
  std::vector<const lms::Entry*> selected;
  for (const lms::Entry& entry : lms::bindings::catalogue().entries())
    if (dialect.empty() || entry.dialect == dialect) selected.push_back(&entry);
  return reply(lms::entries_to_json(selected));
}

// -> the catalogue in force's revision ("" when its document has none).
LMS_EXPORT(lms_catalogue_revision) std::int32_t lms_catalogue_revision() {
  return reply(lms::bindings::catalogue().revision());
}
