#include "dialect_detection.hpp"

#include "json_scan.hpp"
#include "text_util.hpp"

namespace lms::envelope {
namespace {

// What a rule requires of one member.
enum class Test : std::uint8_t {
  none,                   // an unused slot: a rule with fewer requirements
  is_false,
  number,
  string,
  not_string,             // absent or any other value
  code,                   // is_code()
  object_with_code,       // an object whose `code` member is_code()
};
struct Requirement {
  Members::Name member;
  Test test;
};
// A shape and the members that make it: all of them must pass. Rules are tried in order, so
// the more specific shapes come first. Every rule looks at two members or more, so one member that
// happens to share a convention's name decides nothing: Slack's {ok: false, error: "…"} is not
// seed 004's envelope, and an object whose only RFC 9457 name is `type` ({"type": "error",
// "error": {"message": …}}) is not a problem.
struct ShapeRule {
  Shape shape;
  Requirement requires_[3];
};
constexpr ShapeRule kShapeRules[] = {
    {Shape::wrapped, {{M::success, Test::is_false}, {M::error, Test::object_with_code}}},  // seed 002
    {Shape::nestjs, {{M::status_code, Test::number}, {M::code, Test::code}}},              // seed 003
    {Shape::lms, {{M::error, Test::string}, {M::code, Test::code}}},                       // seeds 000/001
    // seed 004; Telegram's {ok: false, description} and Slack's {ok: false, error} are not it
    {Shape::okflag, {{M::ok, Test::is_false}, {M::message, Test::string}, {M::error, Test::not_string}}},
    {Shape::problem, {{M::type, Test::string}, {M::title, Test::string}}},                // RFC 9457
    {Shape::problem, {{M::type, Test::string}, {M::detail, Test::string}}},
    {Shape::problem, {{M::title, Test::string}, {M::status, Test::number}}},
    {Shape::problem, {{M::title, Test::string}, {M::detail, Test::string}}},
    {Shape::problem, {{M::detail, Test::string}, {M::status, Test::number}}},
};

bool passes(Test test, std::string_view value, const jscan::Index* index) {
  switch (test) {
    case Test::none: return true;
    case Test::is_false: return jscan::is_false(value);
    case Test::number: return jscan::is_number(value);
    case Test::string: return jscan::is_string(value);
    case Test::not_string: return !jscan::is_string(value);
    case Test::code: return is_code(value);
    case Test::object_with_code: return jscan::is_object(value) && is_code(collect(value, index)[M::code]);
  }
  return false;
}

}  // namespace

bool is_code(std::string_view value) {
  if (!jscan::is_string(value)) return false;
  if (auto plain = jscan::plain_string(value)) return !text::trim(*plain).empty();
  return !text::trim(jscan::decode_string(value)).empty();
}

Shape detect_shape(const Members& members, bool problem_media, const jscan::Index* index) {
  if (problem_media) return Shape::problem;
  for (const ShapeRule& rule : kShapeRules) {
    bool all = true;
    for (const Requirement& requirement : rule.requires_)
      all = all && passes(requirement.test, members[requirement.member], index);
    if (all) return rule.shape;
  }
  return Shape::other;
}

}  // namespace lms::envelope
