#include "import_errors.hpp"

#include <algorithm>
#include <optional>
#include <span>

#include "error_json.hpp"
#include "lms/envelope.hpp"
#include "text_util.hpp"

namespace lms::envelope {
namespace {

// Row numbers are 0 .. 10^15 - 1: exact in a JS number.
constexpr std::int64_t kMaxRow = 999'999'999'999'999;

// A row given as a JSON number: an integer in range.
std::optional<std::int64_t> row_number(std::string_view json_number) {
  const auto n = jscan::to_int64(json_number);
  if (!n || *n < 0 || *n > kMaxRow) return std::nullopt;
  return n;
}

// A row written in a text ("2-5, 8"): digits with white space around, in range.
std::optional<std::int64_t> row_number_in_text(std::string_view token) {
  const auto n = text::parse_digits(text::trim(token), kMaxRow);
  if (!n) return std::nullopt;
  return static_cast<std::int64_t>(*n);
}

// The rows member: "2-5, 8", a number, or an array of those and of [start, end] pairs.
// Appends while `out` holds fewer than `limit` ranges.
void append_rows(std::string_view rows, std::size_t limit, std::vector<RowRange>& out) {
  if (jscan::is_string(rows)) {
    append_row_ranges(jscan::decode_string(rows), limit, out);
  } else if (jscan::is_number(rows)) {
    if (const auto row = row_number(rows); row && out.size() < limit) out.push_back({*row, *row});
  } else if (jscan::is_array(rows)) {
    jscan::for_each_element(rows, [&](std::string_view element) {
      if (out.size() >= limit) return;
      if (jscan::is_array(element)) {  // [start, end]
        std::optional<std::int64_t> ends[2];
        std::size_t count = 0;
        jscan::for_each_element(element, [&](std::string_view bound) {
          if (count < 2) ends[count] = row_number(bound);
          ++count;
        });
        if (count == 2 && ends[0] && ends[1])
          out.push_back({std::min(*ends[0], *ends[1]), std::max(*ends[0], *ends[1])});
      } else {
        append_rows(element, limit, out);
      }
    });
  }
}

}  // namespace

ImportError ImportView::materialize(const std::vector<RowRange>& rows) const {
  ImportError error;
  error.code = code.present ? code.str() : std::string();
  if (column.present) error.column = column.str();
  error.rows.assign(rows.begin() + rows_begin, rows.begin() + rows_end);
  if (params.size != 0) error.params = jscan::to_json(params);
  jscan::for_each_element(allowed, [&](std::string_view value) {
    if (jscan::is_string(value)) error.allowed_values.push_back(jscan::decode_string(value));
  });
  return error;
}

void ImportView::write(JsonWriter& out, const std::vector<RowRange>& rows) const {
  out.begin_object();
  out.key("code");
  if (code.present) code.write(out);
  else out.string("");
  write_row_ranges(out.key("rows"), std::span(rows).subspan(rows_begin, rows_end - rows_begin));
  if (column.present) column.write(out.key("column"));
  if (params.size != 0) write_value(out.key("params"), params);
  bool listed = false;  // "allowedValues" only when it lists a string
  jscan::for_each_element(allowed, [&](std::string_view value) {
    if (!jscan::is_string(value)) return;
    if (!listed) out.key("allowedValues").begin_array();
    listed = true;
    Text::from(value, false).write(out);
  });
  if (listed) out.end_array();
  out.end_object();
}

void ImportErrorList::read_list(std::string_view list) {
  jscan::for_each_element_at(list, [&](const char* p, const char* end) -> const char* {
    if (*p != '{') return jscan::skip_element(p, end);
    Members m;
    const char* item_end = jscan::for_each_member_at(p, end, [&m](Slice key, Slice value) { m.take(key, value); });
    if (items_.size() >= kMaxImportErrors) return item_end;
    ImportView view{};
    view.code = Text::from(m[M::code], true);
    view.column = Text::from(m[M::column], false);
    view.rows_begin = rows_.size();
    // At most kMaxRowRanges for this error, and kMaxRowRangesTotal in all.
    append_rows(m[M::rows], rows_.size() + std::min(kMaxRowRangesTotal - rows_.size(), kMaxRowRanges), rows_);
    view.rows_end = rows_.size();
    const std::string_view params = m[M::params];
    if (!params.empty() && jscan::kind(params) != jscan::Kind::null) view.params = Slice{params.data(), params.size()};
    if (jscan::is_array(m[M::allowed_values]))
      view.allowed = Slice{m[M::allowed_values].data(), m[M::allowed_values].size()};
    items_.push_back(view);
    return item_end;
  });
}

void append_row_ranges(std::string_view input, std::size_t limit, std::vector<RowRange>& ranges) {
  std::size_t i = 0;
  while (i < input.size() && ranges.size() < limit) {
    std::size_t end = input.find_first_of(",;", i);
    if (end == std::string_view::npos) end = input.size();
    std::string_view token = text::trim(input.substr(i, end - i));
    i = end + 1;
    // The range dash: '-', or an en/em dash (U+2013, U+2014) from a spreadsheet or a word processor.
    std::size_t dash = std::string_view::npos, dash_length = 0;
    for (std::string_view candidate : {std::string_view("-"), std::string_view("\xE2\x80\x93"),
                                       std::string_view("\xE2\x80\x94")}) {
      const std::size_t at = token.find(candidate, 1);  // a leading '-' is a sign, not a range
      if (at != std::string_view::npos && at < dash) {
        dash = at;
        dash_length = candidate.size();
      }
    }
    std::optional<std::int64_t> start, stop;
    if (dash == std::string_view::npos) {
      start = stop = row_number_in_text(token);
    } else {
      start = row_number_in_text(token.substr(0, dash));
      stop = row_number_in_text(token.substr(dash + dash_length));
    }
    if (start && stop) ranges.push_back({std::min(*start, *stop), std::max(*start, *stop)});
  }
}

}  // namespace lms::envelope

namespace lms {

std::vector<RowRange> parse_row_ranges(std::string_view input, std::size_t max_ranges) {
  std::vector<RowRange> ranges;
  envelope::append_row_ranges(input, max_ranges, ranges);
  return ranges;
}

}  // namespace lms
