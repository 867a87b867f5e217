// envelope_text.hpp — private: the strings and values of a result as read from the body, and
// the typed readers of members (a wrong type reads as absent).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "envelope_members.hpp"
#include "json_writer.hpp"

namespace lms::envelope {

// A text of the result cut at kMaxTextMessageBytes, on a character boundary: no single text a
// server sends can make the result (and the WASM memory that holds it) large.
std::string_view cut(std::string_view text);

// Sets `out` to the string's text (cut); leaves it as it is for any other value. (One function for
// every optional member: each optional<string> temporary costs its own code in the .wasm.)
void read_string_into(std::optional<std::string>& out, std::string_view value);

// Sets `out` to the string's text (cut) without surrounding white space; to "" for any other value.
// (Into the result's own string: a returned temporary costs a move and a destructor at every
// call site in the .wasm.)
void set_trimmed_text(std::string& out, std::string_view value);

// A string of the result as read from the body: the JSON string itself (copied to the output
// as it is when it has no escapes and needs no trimming, the common case), or computed text
// kept in an arena of the reader. Trivial, so a list of 100,000 of them costs no constructors.
struct Text {
  Slice json;  // a JSON string slice, quotes included; or the computed text
  bool present;
  bool computed;
  bool trim;   // surrounding white space is not part of the value

  static Text from(std::string_view value, bool trim) {
    if (!jscan::is_string(value)) return Text{};
    return Text{{value.data(), value.size()}, true, false, trim};
  }
  static Text of(std::string_view computed_text) {
    return Text{{computed_text.data(), computed_text.size()}, true, true, false};
  }

  std::string str() const;
  void write(JsonWriter& out) const;
};

// A JSON value from the body (params): copied as it is when JSON.parse reads it the same.
void write_value(JsonWriter& out, std::string_view value);

}  // namespace lms::envelope
