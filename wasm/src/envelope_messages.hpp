// envelope_messages.hpp — private: where an envelope's human-readable message lives.
#pragma once

#include <string>
#include <string_view>

#include "envelope_members.hpp"

namespace lms::envelope {

// A message: a string, or (NestJS) an array of strings joined into one readable line.
void set_message(std::string& out, std::string_view value);

}  // namespace lms::envelope
