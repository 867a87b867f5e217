#include "json_util.hpp"

namespace lms {

nlohmann::json parse_json(std::string_view text) {
  // What json::parse(first, last, nullptr, false) does, minus its run-time `if (callback)`:
  // that branch compiles a second, callback-driven DOM parser into the .wasm although no
  // caller passes a callback. Same result: the document, or a discarded value on any
  // syntax error or trailing input.
  using Json = nlohmann::json;
  Json result;
  nlohmann::detail::json_sax_dom_parser<Json> dom(result, /*allow_exceptions_=*/false);
  auto input = nlohmann::detail::input_adapter(text.begin(), text.end());
  nlohmann::detail::parser<Json, decltype(input)> parser(std::move(input), nullptr, /*allow_exceptions_=*/false);
  if (!parser.sax_parse(&dom, /*strict=*/true) || dom.is_errored()) return Json(Json::value_t::discarded);
  return result;
}

}  // namespace lms
