// json_writer.hpp — private: a small streaming JSON writer.
//
// Results cross into JS as JSON text; for a 10,000-entry validation envelope, building a
// nlohmann DOM just to dump it would cost more than parsing the body. The writer appends
// straight to one buffer, escapes like JSON.stringify and repairs invalid UTF-8 to U+FFFD
// (as nlohmann's dump with error_handler_t::replace does), so its output is always valid JSON
// whatever the input strings hold. lms::dump_json is this writer.
// It writes through a raw pointer: in the -Oz WASM build every std::string::push_back is an
// out-of-line call into libc++.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "json_scan.hpp"  // LMS_INLINE

namespace lms {

class JsonWriter {
 public:
  explicit JsonWriter(std::size_t reserve = 256) { grow(reserve); }
  // Writes into `storage`'s memory, its text dropped: a caller that writes on every call keeps
  // one buffer instead of allocating a new one each time.
  JsonWriter(std::string&& storage, std::size_t room) : buffer_(std::move(storage)) {
    resize_buffer(buffer_.capacity());  // all the memory it has is room, with nothing allocated
    reserve(room);
  }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // The key of the next object member (the writer places the commas): key("a").string("b").
  JsonWriter& key(std::string_view name);
  // A literal name, known to need no escaping, is copied as it is.
  template <std::size_t N>
  JsonWriter& key(const char (&name)[N]) {
    return literal_key(name, N - 1);
  }

  void string(std::string_view text);
  void string_array(const std::vector<std::string>& texts);
  void integer(std::int64_t value);
  // A finite double as nlohmann's dump wrote it (1.0, 1e+23, -0.0), with the shortest digits.
  void number(double value);
  void boolean(bool value);
  void null();
  // Any nlohmann value (objects keep nlohmann's key order). Nesting beyond kMaxDepth is
  // written as null: the writer never recurses without bound.
  void value(const nlohmann::json& value);
  // A piece of JSON text that is known to be one valid value (a slice of a validated body).
  void verbatim(std::string_view json);

  // The text so far; text() && hands it over without a copy.
  std::string_view view() const { return {data_, size_}; }
  std::string text() && {
    buffer_.resize(size_);
    return std::move(buffer_);
  }

  static constexpr std::size_t kMaxDepth = 128;

 private:
  LMS_INLINE void reserve(std::size_t more) {
    if (capacity_ - size_ < more) grow(more);
  }
  void grow(std::size_t more);
  LMS_INLINE void resize_buffer(std::size_t capacity) {
#if defined(_LIBCPP_VERSION)
    // libc++ (the WASM build) can grow without zero-filling what is about to be overwritten:
    // without bulk memory, memset of a 600 KB result costs more than writing it.
    buffer_.__resize_default_init(capacity);
#else
    buffer_.resize(capacity);
#endif
    data_ = buffer_.data();
    capacity_ = capacity;
  }
  LMS_INLINE void put(char c) {
    reserve(1);
    data_[size_++] = c;
  }
  LMS_INLINE void append(const char* data, std::size_t length) {
    reserve(length);
    std::memcpy(data_ + size_, data, length);
    size_ += length;
  }
  LMS_INLINE void before_value() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (depth_ > 0 && depth_ <= kStack) {
      if (has_items_[depth_ - 1]) put(',');
      has_items_[depth_ - 1] = true;
    }
  }
  JsonWriter& literal_key(const char* name, std::size_t size);
  void open(char bracket);
  void close(char bracket);
  void write_string(std::string_view text);
  void value(const nlohmann::json& value, std::size_t depth);

  static constexpr std::size_t kStack = kMaxDepth + 16;
  std::string buffer_;  // storage: its size is the capacity; the text is its first size_ bytes
  char* data_ = nullptr;  // buffer_.data(), cached: no libc++ call per byte
  std::size_t capacity_ = 0;
  std::size_t size_ = 0;
  std::size_t depth_ = 0;
  bool has_items_[kStack] = {};  // per open container: a comma is needed before the next item
  bool after_key_ = false;
};

}  // namespace lms
