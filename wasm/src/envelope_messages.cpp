#include "envelope_messages.hpp"

#include "envelope_text.hpp"
#include "lms/envelope.hpp"

namespace lms::envelope {
namespace {

constexpr std::string_view kListSeparator = "; ";  // joins NestJS's array messages

// Where an unrecognised object keeps its message, in order of preference.
enum class Source : std::uint8_t {
  text_or_list,      // a string, or an array of strings (set_message)
  text,              // a string
  text_or_message,   // a string, or an object whose `message` is one ({error: {message}})
};
struct FallbackMessage {
  Members::Name member;
  Source source;
};
constexpr FallbackMessage kFallbackMessages[] = {
    {M::message, Source::text_or_list},
    {M::error, Source::text_or_message},
    {M::detail, Source::text},
};

}  // namespace

void set_message(std::string& out, std::string_view value) {
  if (jscan::is_string(value)) return set_trimmed_text(out, value);
  out.clear();
  jscan::for_each_element(value, [&](std::string_view element) {
    if (out.size() > kMaxTextMessageBytes) return;  // (the cut below is reached already)
    std::string text;
    set_trimmed_text(text, element);
    if (text.empty()) return;
    if (!out.empty()) out.append(kListSeparator);
    out.append(text);
  });
  if (out.size() > kMaxTextMessageBytes) out.resize(cut(out).size());
}

void set_fallback_message(std::string& out, const Members& members) {
  out.clear();
  for (const FallbackMessage& candidate : kFallbackMessages) {
    const std::string_view value = members[candidate.member];
    switch (candidate.source) {
      case Source::text_or_list: set_message(out, value); break;
      case Source::text: set_trimmed_text(out, value); break;
      case Source::text_or_message:
        if (jscan::is_object(value)) set_trimmed_text(out, collect(value)[M::message]);
        else set_trimmed_text(out, value);
        break;
    }
    if (!out.empty()) return;
  }
}

}  // namespace lms::envelope
