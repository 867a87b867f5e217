// bindings/state.hpp — the module's state: the catalogue in force and the loaded translations.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lms/catalogue.hpp"
#include "lms/i18n.hpp"

namespace lms::bindings {

// The catalogue every call uses: the embedded one until replace_catalogue() succeeds.
const Catalogue& catalogue();

// Validates `json` and, only if it is valid, makes it the catalogue in force.
// Returns "" on success, otherwise the validator's message (the old catalogue stays).
std::string replace_catalogue(std::string_view json);

// The translations lms.addResources() / loadLocale() have loaded (empty at start).
ResourceStore& resources();

// Bytes shared with JS for the hottest calls (lms.translate): JS writes the call into it and
// reads the result back through a typed_memory_view, so no string is converted or allocated
// by embind. Grows on request; its data moves when it grows.
std::vector<char>& scratch();

}  // namespace lms::bindings
