#include "envelope_messages.hpp"

#include "envelope_text.hpp"
#include "lms/envelope.hpp"

namespace lms::envelope {
namespace {

constexpr std::string_view kListSeparator = "; ";  // joins NestJS's array messages

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

}  // namespace lms::envelope
