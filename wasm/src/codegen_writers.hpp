// The writers behind generate_code() (lms/codegen.hpp), one per language, and what they share.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "lms/catalogue.hpp"
#include "lms/codegen.hpp"

namespace lms::codegen {

// What every writer gets: the selected entries, in catalogue order, and where they come from.
struct Input {
  std::vector<const Entry*> entries;
  std::string_view dialect;   // empty: every dialect
  std::string_view revision;  // the catalogue's revision ("" when it has none)
  std::string command;        // the `lms-errors codegen …` line that writes this file
};

// A double-quoted literal valid in both TypeScript and Go (UTF-8 passes through).
std::string quoted(std::string_view text);
// "LMS-ADM-007" -> "LMS_ADM_007": a constant name.
std::string upper_snake(std::string_view code);
// The entries of one dialect, in catalogue order.
std::vector<const Entry*> of_dialect(const std::vector<const Entry*>& entries, std::string_view dialect);
bool is_optional_param(const Entry& entry, std::string_view name);

std::string typescript(const Input& input);
std::string code_types(const Input& input);
std::string go(const Input& input, std::string_view package);

}  // namespace lms::codegen
