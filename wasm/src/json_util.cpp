#include "json_util.hpp"

#include "json_scan.hpp"
#include "json_writer.hpp"
#include "utf8.hpp"

namespace lms {

const nlohmann::json* json_member(const nlohmann::json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto& members = object.get_ref<const nlohmann::json::object_t&>();
  const auto it = members.find(key);
  return it == members.end() ? nullptr : &it->second;
}

std::string dump_json(const nlohmann::json& value) {
  JsonWriter out;
  out.value(value);
  return std::move(out).text();
}

bool validate_as_parsed(std::string_view text, std::string_view& root, jscan::MemberVisitor on_root_item) {
  // nlohmann skips a UTF-8 byte order mark at the very start of its input.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  jscan::Forms forms;
  return utf8::is_valid(text) && jscan::validate(text, kMaxJsonDepth, root, on_root_item, nullptr, &forms) &&
         !forms.lone_surrogate && !forms.overflowing_number;
}

nlohmann::json parse_json(std::string_view text) {
  std::string_view root;
  if (!validate_as_parsed(text, root, [](jscan::Slice, jscan::Slice) {}))
    return nlohmann::json(nlohmann::json::value_t::discarded);
  return jscan::to_json_as_parsed(root);
}

}  // namespace lms
