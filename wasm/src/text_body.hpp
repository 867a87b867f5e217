// text_body.hpp — private: the message of a body that is not a JSON object (a text/plain
// message, an HTML page's title, a JSON string).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lms::envelope {

// "text/html; charset=utf-8" -> "text/html" (nothing for no header).
std::string_view media_type(std::optional<std::string_view> content_type);

// What a body that is not a JSON object says, at most kMaxTextMessageBytes each: the string
// when `json_root` is a JSON string, nothing for any other JSON value; else (`json_root` empty:
// not JSON) an HTML page's <title> (or, when generic, its <pre>, <h1>, <h2>), a tagless HTML or
// a text/plain body, and for an XML error document (Amazon S3, Azure Storage:
// <Error><Code>…</Code><Message>…</Message><RequestId>…) its message, code and request id.
struct TextBodyReading {
  std::string message;
  std::string server_code;
  std::string request_id;
};
TextBodyReading read_text_body(std::string_view media, std::string_view body, std::string_view json_root);

// A machine constant where words should be: the whole text ("EMAIL_EXISTS": Firebase Auth,
// Elysia's "NOT_FOUND") or its lead ("WEAK_PASSWORD : Password should be at least 6
// characters"). CONSTANT_CASE with an underscore, so that a word ("ERROR", "OK") stays words.
// `text` is what follows the constant and its colon: empty for a bare constant.
struct ConstantLead {
  std::string_view code;
  std::string_view text;
};
std::optional<ConstantLead> constant_lead(std::string_view message);

// Server text as one line: white space runs (line breaks included) become one space, at most
// kMaxTextMessageBytes.
std::string one_line_text(std::string_view text);

}  // namespace lms::envelope
