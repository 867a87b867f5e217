// envelope_messages.hpp — private: where an envelope's human-readable message lives.
#pragma once

#include <string>
#include <string_view>

#include "envelope_members.hpp"

namespace lms::envelope {

// A message: a string, or (NestJS) an array of strings joined into one readable line.
void set_message(std::string& out, std::string_view value);

// The message of an object in no recognised envelope (NestJS's default {statusCode, message,
// error}, Spring Boot's {timestamp, status, error, path}): the first of kFallbackMessages
// that has text, or "".
void set_fallback_message(std::string& out, const Members& members);

}  // namespace lms::envelope
