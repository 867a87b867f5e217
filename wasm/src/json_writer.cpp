#include "json_writer.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstring>

#include "js_text.hpp"
#include "utf8.hpp"

namespace lms {
namespace {

using jscan::detail::has_byte;
using jscan::detail::kHighs;
using jscan::detail::kOnes;

// Does any of the 8 bytes need escaping or a UTF-8 check ('"', '\\', < 0x20, >= 0x80)?
LMS_INLINE bool needs_care(std::uint64_t word) {
  const std::uint64_t control = (word - kOnes * 0x20) & ~word & kHighs;
  return (has_byte(word, '"') | has_byte(word, '\\') | control | (word & kHighs)) != 0;
}

LMS_INLINE bool is_plain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

}  // namespace

void JsonWriter::grow(std::size_t more) {
  std::size_t capacity = capacity_ < 256 ? 256 : capacity_ * 2;
  while (capacity - size_ < more) capacity *= 2;
  resize_buffer(capacity);
}

void JsonWriter::write_string(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  // The worst case, every byte as \u00XX, is reserved once: no check per byte below.
  reserve(text.size() * 6 + 2);
  char* out = data_ + size_;
  *out++ = '"';
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p < end) {
    const char* run = p;
    while (end - run >= 8) {
      std::uint64_t word;
      std::memcpy(&word, run, 8);
      if (needs_care(word)) break;
      run += 8;
    }
    while (run < end && is_plain(static_cast<unsigned char>(*run))) ++run;
    std::memcpy(out, p, static_cast<std::size_t>(run - p));
    out += run - p;
    p = run;
    if (p >= end) break;
    const auto c = static_cast<unsigned char>(*p);
    if (c >= 0x80) {
      const utf8::Sequence sequence = utf8::next_sequence(std::string_view(p, static_cast<std::size_t>(end - p)));
      if (sequence.valid) {
        std::memcpy(out, p, sequence.length);
        out += sequence.length;
      } else {
        std::memcpy(out, utf8::kReplacement.data(), 3);  // fits: >= 1 byte in, 6 reserved
        out += 3;
      }
      p += sequence.length;
      continue;
    }
    *out++ = '\\';
    switch (c) {
      case '"': *out++ = '"'; break;
      case '\\': *out++ = '\\'; break;
      case '\b': *out++ = 'b'; break;
      case '\f': *out++ = 'f'; break;
      case '\n': *out++ = 'n'; break;
      case '\r': *out++ = 'r'; break;
      case '\t': *out++ = 't'; break;
      default:
        *out++ = 'u';
        *out++ = '0';
        *out++ = '0';
        *out++ = kHex[c >> 4];
        *out++ = kHex[c & 0xF];
    }
    ++p;
  }
  *out++ = '"';
  size_ = static_cast<std::size_t>(out - data_);
}

void JsonWriter::open(char bracket) {
  before_value();
  put(bracket);
  if (depth_ < kStack) has_items_[depth_] = false;
  ++depth_;
}

void JsonWriter::close(char bracket) {
  put(bracket);
  if (depth_ > 0) --depth_;
}

void JsonWriter::verbatim(std::string_view json) {
  before_value();
  append(json.data(), json.size());
}

JsonWriter& JsonWriter::literal_key(const char* name, std::size_t size) {
  before_value();
  reserve(size + 3);
  data_[size_++] = '"';
  std::memcpy(data_ + size_, name, size);
  size_ += size;
  data_[size_++] = '"';
  data_[size_++] = ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  before_value();
  write_string(name);
  put(':');
  after_key_ = true;
  return *this;
}

void JsonWriter::string_array(const std::vector<std::string>& texts) {
  begin_array();
  for (const std::string& text : texts) string(text);
  end_array();
}

void JsonWriter::string(std::string_view text) {
  before_value();
  write_string(text);
}

// Integers through fmt::format_int, the core's one integer writer (std::to_chars would bring
// libc++'s own digit tables and loops into the .wasm beside fmt's).
void JsonWriter::integer(std::int64_t value) {
  before_value();
  reserve(24);
  const fmt::format_int digits(value);
  std::memcpy(data_ + size_, digits.data(), digits.size());
  size_ += digits.size();
}

void JsonWriter::boolean(bool value) {
  before_value();
  if (value) append("true", 4);
  else append("false", 5);
}

void JsonWriter::number(double value) {
  before_value();
  reserve(32);
  char* out = data_ + size_;
  if (std::signbit(value)) {
    *out++ = '-';
    value = -value;
  }
  // nlohmann's form ("1.0", "1e+23", "-0.0"): the text dump() always gave, with the shortest
  // digits that Number#toString uses (js::shortest_decimal) rather than nlohmann's Grisu2.
  if (value == 0) {
    std::memcpy(out, "0.0", 3);
    out += 3;
  } else {
    out = js::write_decimal(out, js::shortest_decimal(value), js::kNlohmannLayout);
  }
  size_ = static_cast<std::size_t>(out - data_);
}

void JsonWriter::null() {
  before_value();
  append("null", 4);
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
      reserve(24);
      const fmt::format_int digits(value.get<std::uint64_t>());
      std::memcpy(data_ + size_, digits.data(), digits.size());
      size_ += digits.size();
      return;
    }
    case Type::number_float:
      if (!std::isfinite(value.get<double>())) break;
      number(value.get<double>());
      return;
    case Type::array:
      if (depth >= kMaxDepth) break;
      begin_array();
      // The containers themselves, not nlohmann's iterators (items() builds a proxy per member).
      for (const auto& element : value.get_ref<const nlohmann::json::array_t&>()) this->value(element, depth + 1);
      end_array();
      return;
    case Type::object:
      if (depth >= kMaxDepth) break;
      begin_object();
      for (const auto& [name, member] : value.get_ref<const nlohmann::json::object_t&>()) {
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
