// Helpers shared by the doctest suites: reading the shared test vectors under tests/.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace lms::test {

inline std::filesystem::path source_dir() { return LMS_SOURCE_DIR; }

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace lms::test
