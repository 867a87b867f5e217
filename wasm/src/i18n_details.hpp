// i18n_details.hpp — private: details() one line at a time, for a caller that reads the items
// from its own form: lms::details() from a NormalizedError, the C API's details() from the
// error's JSON text in place (bindings/wire_in_place.cpp) without building a NormalizedError.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lms/error.hpp"
#include "lms/i18n.hpp"

namespace lms {

// Optional texts (a field error's rule and message, an import error's column) are absent when
// their data() is null, as in a default std::string_view: no text of a std::string is.
class DetailLines {
 public:
  DetailLines(const ResourceStore& store, std::string_view locale);  // "" means en-GB

  // A field error's line, appended to `line`. For maxLength and minLength, `params` gains the
  // count.
  void field_line(std::string_view field, std::string_view rule, std::string_view message, nlohmann::json& params,
                  std::string& line);

  // An import error: first its rows, its params' names (as String(name) gives them) and its
  // allowed values, then import_line(), which appends the line and clears them for the next.
  void add_row(std::int64_t start, std::int64_t end);
  std::string& next_name();     // the names so far and a separator: append the next name to it
  std::string& next_allowed();  // the same for the allowed values
  void import_line(std::string_view code, std::string_view column, std::string& line);

 private:
  bool translate(std::string_view key, const FlatParams& params, std::string& out) const;

  const ResourceStore& store_;
  TranslateOptions text_;
  bool rtl_ = false;
  std::string list_separator_ = ", ";
  std::string range_separator_ = "\xE2\x80\x93";
  std::vector<RowRange> ranges_;
  std::string names_, allowed_;
  std::size_t name_count_ = 0, allowed_count_ = 0;
  // Scratch for every line: no allocation per line once they have grown.
  std::string key_, message_, ranges_text_, rows_, values_;
};

}  // namespace lms
