// bindings/state.hpp — the module's state: the catalogue in force and the loaded translations.
#pragma once

#include <string>
#include <string_view>

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

}  // namespace lms::bindings
