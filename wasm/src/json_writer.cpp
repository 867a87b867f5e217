#include "json_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstring>

#include "json_util.hpp"
#include "utf8.hpp"

namespace lms {
namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighs = 0x8080808080808080ull;

// SWAR: does any of the 8 bytes need escaping or UTF-8 checking ('"', '\\', < 0x20, >= 0x80)?
inline bool needs_care(std::uint64_t word) {
  const auto has_zero = [](std::uint64_t x) { return (x - kOnes) & ~x & kHighs; };
  const std::uint64_t control = (word - kOnes * 0x20) & ~word & kHighs;
  return (has_zero(word ^ (kOnes * '"')) | has_zero(word ^ (kOnes * '\\')) | control |
          (word & kHighs)) != 0;
}

inline bool is_plain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t run = i;
    while (text.size() - run >= 8) {
      std::uint64_t word;
      std::memcpy(&word, text.data() + run, 8);
      if (needs_care(word)) break;
      run += 8;
    }
    while (run < text.size() && is_plain(static_cast<unsigned char>(text[run]))) ++run;
    out.append(text.data() + i, run - i);
    i = run;
    if (i >= text.size()) break;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const utf8::Sequence sequence = utf8::next_sequence(text.substr(i));
      if (sequence.valid)
        out.append(text.data() + i, sequence.length);
      else
        out.append(utf8::kReplacement);
      i += sequence.length;
      continue;
    }
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default:
        out.append("\\u00");
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
    ++i;
  }
  out.push_back('"');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_items_.empty()) {
    if (has_items_.back()) out_.push_back(',');
    has_items_.back() = true;
  }
}

void JsonWriter::open(char bracket) {
  before_value();
  out_.push_back(bracket);
  has_items_.push_back(false);
}

void JsonWriter::close(char bracket) {
  out_.push_back(bracket);
  if (!has_items_.empty()) has_items_.pop_back();
}

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  append_json_string(out_, name);
  out_.push_back(':');
  after_key_ = true;
  return *this;
}

void JsonWriter::string(std::string_view text) {
  before_value();
  append_json_string(out_, text);
}

void JsonWriter::integer(std::int64_t value) {
  before_value();
  char buffer[24];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  out_.append(buffer, result.ptr);
}

void JsonWriter::boolean(bool value) {
  before_value();
  out_.append(value ? "true" : "false");
}

void JsonWriter::null() {
  before_value();
  out_.append("null");
}

void JsonWriter::value(const nlohmann::json& value) { this->value(value, 0); }

void JsonWriter::value(const nlohmann::json& value, std::size_t depth) {
  using Type = nlohmann::json::value_t;
  switch (value.type()) {
    case Type::string: string(value.get_ref<const std::string&>()); return;
    case Type::boolean: boolean(value.get<bool>()); return;
    case Type::number_integer: integer(value.get<std::int64_t>()); return;
    case Type::number_unsigned: {
      before_value();
      char buffer[24];
      const auto result = std::to_chars(buffer, buffer + sizeof buffer, value.get<std::uint64_t>());
      out_.append(buffer, result.ptr);
      return;
    }
    case Type::number_float:
      if (!std::isfinite(value.get<double>())) break;
      before_value();
      out_.append(dump_json(value));  // nlohmann's shortest round-trip form
      return;
    case Type::array:
      if (depth >= kMaxDepth) break;
      begin_array();
      for (const auto& element : value) this->value(element, depth + 1);
      end_array();
      return;
    case Type::object:
      if (depth >= kMaxDepth) break;
      begin_object();
      for (const auto& [name, member] : value.items()) {
        key(name);
        this->value(member, depth + 1);
      }
      end_object();
      return;
    default: break;  // null, binary, discarded
  }
  null();
}

}  // namespace lms
