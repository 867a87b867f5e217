// Helpers shared by the doctest suites: reading the shared test vectors under tests/, and the
// catalogue the build embeds.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include <doctest/doctest.h>

#include "lms/catalogue.hpp"

namespace lms::test {

inline std::filesystem::path source_dir() { return LMS_SOURCE_DIR; }

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The embedded catalogue, loaded once per test binary.
inline const lms::Catalogue& embedded_catalogue() {
  static const lms::Catalogue loaded = [] {
    auto parsed = lms::Catalogue::from_json(lms::Catalogue::embedded_json());
    REQUIRE_MESSAGE(parsed.ok(), parsed.status().message());
    return std::move(parsed).value();
  }();
  return loaded;
}

}  // namespace lms::test
