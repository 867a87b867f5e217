// Catalogue look-ups for JS. Results cross as JSON text: the JS layer turns them into plain
// objects, so callers never hold embind handles that would need .delete().
#include <emscripten/bind.h>

#include "state.hpp"

namespace {

std::string load_catalogue(const std::string& json) { return lms::bindings::replace_catalogue(json); }

std::string lookup(const std::string& code, const std::string& dialect) {
  const lms::Catalogue& catalogue = lms::bindings::catalogue();
  const lms::Entry* entry = dialect.empty() ? catalogue.find_any(code) : catalogue.find(dialect, code);
  return entry ? lms::entry_to_json(*entry) : std::string("null");
}

std::string entries(const std::string& dialect) {
  std::vector<const lms::Entry*> selected;
  for (const lms::Entry& entry : lms::bindings::catalogue().entries())
    if (dialect.empty() || entry.dialect == dialect) selected.push_back(&entry);
  return lms::entries_to_json(selected);
}

}  // namespace

EMSCRIPTEN_BINDINGS(lms_catalogue) {
  emscripten::function("loadCatalogue", &load_catalogue);
  emscripten::function("lookup", &lookup);
  emscripten::function("entries", &entries);
}
