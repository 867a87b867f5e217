// import_errors.hpp — private: the import errors of a body (which rows of which column failed
// how), and the row ranges they name ("2-5, 8").
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "envelope_members.hpp"
#include "envelope_text.hpp"
#include "lms/error.hpp"

namespace lms::envelope {

// An import error as views into the body. Its rows are a range of the list's one vector of
// row ranges (one allocation for all), so ImportView is trivial: a list of 100,000 of them
// grows without moving vectors, and nothing is destroyed one by one. {} is all absent.
struct ImportView {
  Text code, column;
  Slice params;                      // any value but null, or empty
  Slice allowed;                     // the allowedValues array (its strings count), or empty
  std::size_t rows_begin, rows_end;  // in ImportErrorList::rows()

  ImportError materialize(const std::vector<RowRange>& rows) const;
  void write(JsonWriter& out, const std::vector<RowRange>& rows) const;
};

// The import errors of one response: at most kMaxImportErrors, each with at most kMaxRowRanges
// row ranges and kMaxRowRangesTotal in all.
class ImportErrorList {
 public:
  // An array of {code, column, rows, params, allowedValues} objects; anything else is skipped.
  void read_list(std::string_view list);

  const std::vector<ImportView>& items() const { return items_; }
  const std::vector<RowRange>& rows() const { return rows_; }

 private:
  std::vector<ImportView> items_;
  std::vector<RowRange> rows_;  // the rows of all of them
};

// parse_row_ranges() onto the end of `ranges`, while it holds fewer than `limit`.
void append_row_ranges(std::string_view text, std::size_t limit, std::vector<RowRange>& ranges);

}  // namespace lms::envelope
