#include "state.hpp"

#include <optional>

namespace lms::bindings {
namespace {
std::optional<Catalogue>& slot() {
  static std::optional<Catalogue> loaded;
  return loaded;
}
}  // namespace

const Catalogue& catalogue() {
  auto& loaded = slot();
  if (!loaded) {
    // The embedded catalogue is validated by the test suite, so this cannot fail in a
    // released build; if it ever did, an empty catalogue is safer than an abort.
    auto parsed = Catalogue::from_json(Catalogue::embedded_json());
    loaded.emplace(parsed.ok() ? std::move(parsed).value() : Catalogue{});
  }
  return *loaded;
}

std::string replace_catalogue(std::string_view json) {
  auto parsed = Catalogue::from_json(json);
  if (!parsed.ok()) return parsed.status().message();
  slot() = std::move(parsed).value();
  return {};
}

ResourceStore& resources() {
  static ResourceStore store;
  return store;
}

}  // namespace lms::bindings
