// message_template.hpp — private: the catalogue's message templates ("module {name} not
// found"), matched against a server's text to recover the values. (lms/envelope.hpp has the
// public match_template() and fill_template().)
#pragma once

#include <string_view>

#include "lms/error.hpp"

namespace lms {

// match_template(), filling `params` when given (an object: the values are added to it); false
// when the text does not match, `params` then partly filled. (Test, then fill in place: no
// optional<Params> to build and move at each use.)
bool match_template_into(std::string_view template_text, std::string_view text, Params* params);

}  // namespace lms
