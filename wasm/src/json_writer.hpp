// json_writer.hpp — private: a small streaming JSON writer.
//
// Results cross into JS as JSON text; for a 10,000-entry validation envelope, building a
// nlohmann DOM just to dump it would cost more than parsing the body. The writer appends
// straight to one string, escapes like JSON.stringify and repairs invalid UTF-8 to U+FFFD
// (like lms::dump_json), so its output is always valid JSON whatever the input strings hold.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace lms {

class JsonWriter {
 public:
  explicit JsonWriter(std::size_t reserve = 256) { out_.reserve(reserve); }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // The key of the next object member (the writer places the commas): key("a").string("b").
  JsonWriter& key(std::string_view name);

  void string(std::string_view text);
  void integer(std::int64_t value);
  void boolean(bool value);
  void null();
  // Any nlohmann value (objects keep nlohmann's key order). Nesting beyond kMaxDepth is
  // written as null: the writer never recurses without bound.
  void value(const nlohmann::json& value);

  const std::string& text() const& { return out_; }
  std::string text() && { return std::move(out_); }

  static constexpr std::size_t kMaxDepth = 128;

 private:
  void open(char bracket);
  void close(char bracket);
  void before_value();
  void value(const nlohmann::json& value, std::size_t depth);

  std::string out_;
  std::vector<bool> has_items_;  // per open container: a comma is needed before the next item
  bool after_key_ = false;
};

// Appends `text` as a JSON string literal (quotes included) to `out`.
void append_json_string(std::string& out, std::string_view text);

}  // namespace lms
