// text_body.hpp — private: the message of a body that is not a JSON object (a text/plain
// message, an HTML page's title, a JSON string).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lms::envelope {

// "text/html; charset=utf-8" -> "text/html" (nothing for no header).
std::string_view media_type(std::optional<std::string_view> content_type);

// The message of a body that is not a JSON object, at most kMaxTextMessageBytes: the string
// when `json_root` is a JSON string, nothing for any other JSON value; else (`json_root`
// empty: not JSON) an HTML page's <title> or a text/plain body.
std::string message_of_text(std::string_view media, std::string_view body, std::string_view json_root);

// What a body that is not a JSON object says: its message, and for an XML error document
// (Amazon S3, Azure Storage: <Error><Code>…</Code><Message>…</Message><RequestId>…) its code
// and request id.
struct TextBodyReading {
  std::string message;
  std::string server_code;
  std::string request_id;
};
TextBodyReading read_text_body(std::string_view media, std::string_view body, std::string_view json_root);

// Server text as one line: white space runs (line breaks included) become one space, at most
// kMaxTextMessageBytes.
std::string one_line_text(std::string_view text);

// The text of an HTML page's <title> (a proxy's "502 Bad Gateway"), white space collapsed and
// the common entities decoded.
std::string html_title(std::string_view html);

}  // namespace lms::envelope
