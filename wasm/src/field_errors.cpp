// The shapes of field errors servers send, and their conversion to one FieldError each.
#include "field_errors.hpp"

#include "lms/envelope.hpp"

namespace lms::envelope {
namespace {

// ["address", 0, "street"] (Joi, Zod) -> "address.0.street".
std::string field_from_path_array(std::string_view array) {
  std::string field;
  jscan::for_each_element(array, [&](std::string_view element) {
    const bool is_string = jscan::is_string(element);
    if (!is_string && !jscan::is_number(element)) return;
    if (!field.empty()) field.push_back('.');
    if (is_string) field.append(jscan::decode_string(element));
    else field.append(element);
  });
  return field;
}

// Where a field error object names its field, in order of preference: the first member that
// has the expected form wins.
enum class FieldForm : std::uint8_t {
  text,         // a string, as it is
  path_array,   // ["address", 0, "street"]
  pointer,      // a JSON pointer string
};
struct FieldSource {
  Members::Name member;
  FieldForm form;
};
constexpr FieldSource kFieldSources[] = {
    {M::field, FieldForm::text},          // class-validator (seed 003)
    {M::name, FieldForm::text},           // RFC 9457 invalid-params
    {M::path, FieldForm::path_array},     // Joi, Zod
    {M::path, FieldForm::text},           // express-validator
    {M::pointer, FieldForm::pointer},     // RFC 9457 §3
    {M::property, FieldForm::text},
    {M::param, FieldForm::text},          // express-validator (older)
    {M::key, FieldForm::text},
};
// Where it keeps the server's text: the first string wins.
constexpr Members::Name kMessageSources[] = {M::message, M::detail, M::reason, M::msg};

// One field error from whatever a server puts in an errors list: class-validator's
// {field, rule, params} (seed 003), {name, reason} (RFC 9457 invalid-params), {pointer,
// detail} (RFC 9457 §3), {path, message} (Joi, Zod), {param|path, msg} (express-validator).
FieldView field_view_of(const Members& m, std::forward_list<std::string>& arena) {
  FieldView view{};
  for (const FieldSource& source : kFieldSources) {
    const std::string_view value = m[source.member];
    if (source.form == FieldForm::path_array ? !jscan::is_array(value) : !jscan::is_string(value)) continue;
    switch (source.form) {
      case FieldForm::path_array: view.field = Text::of(arena.emplace_front(field_from_path_array(value))); break;
      case FieldForm::pointer:
        view.field = Text::of(arena.emplace_front(field_from_pointer(jscan::decode_string(value))));
        break;
      case FieldForm::text: view.field = Text::from(value, false); break;
    }
    break;
  }
  view.rule = Text::from(m[M::rule], true);
  for (Members::Name candidate : kMessageSources) {
    if (jscan::is_string(m[candidate])) {
      view.message = Text::from(m[candidate], true);
      break;
    }
  }
  if (jscan::is_object(m[M::params]) && !jscan::is_empty_container(m[M::params]))
    view.params = Slice{m[M::params].data(), m[M::params].size()};
  return view;
}

}  // namespace

std::string field_from_pointer(std::string_view pointer) {
  if (!pointer.empty() && pointer.front() == '#') pointer.remove_prefix(1);
  if (!pointer.empty() && pointer.front() == '/') pointer.remove_prefix(1);
  std::string field;
  for (std::size_t i = 0; i < pointer.size(); ++i) {
    const char c = pointer[i];
    if (c == '/') field.push_back('.');
    else if (c == '~' && i + 1 < pointer.size() && (pointer[i + 1] == '0' || pointer[i + 1] == '1'))
      field.push_back(pointer[++i] == '0' ? '~' : '/');
    else field.push_back(c);
  }
  return field;
}

FieldError FieldView::materialize() const {
  FieldError error;
  if (field.present) error.field = field.str();
  if (rule.present) error.rule = rule.str();
  if (message.present) error.message = message.str();
  if (params.size != 0) error.params = jscan::to_json(params);
  return error;
}

void FieldView::write(JsonWriter& out) const {
  out.begin_object();
  out.key("field");
  if (field.present) field.write(out);
  else out.string("");
  if (rule.present) rule.write(out.key("rule"));
  if (message.present) message.write(out.key("message"));
  if (params.size != 0) write_value(out.key("params"), params);
  out.end_object();
}

void FieldErrorList::add(const FieldView& view) {
  if (count_ >= kMaxFieldErrors) return;
  items_.push_back(view);
  ++count_;
}

void FieldErrorList::add_owned(const FieldError& error) {
  FieldView view{};
  view.field = Text::of(arena_.emplace_front(error.field));
  if (error.rule) view.rule = Text::of(arena_.emplace_front(*error.rule));
  if (error.message) view.message = Text::of(arena_.emplace_front(*error.message));
  add(view);
}

void FieldErrorList::read_list(std::string_view list) {
  jscan::for_each_element_at(list, [&](const char* p, const char* end) -> const char* {
    if (*p == '{') {  // the common case: members read in the same pass that finds the end
      Members m;
      const char* item_end = jscan::for_each_member_at(p, end, [&m](Slice key, Slice value) { m.take(key, value); });
      if (count_ < kMaxFieldErrors) add(field_view_of(m, arena_));
      return item_end;
    }
    const char* item_end = jscan::skip_element(p, end);
    const std::string_view item(p, static_cast<std::size_t>(item_end - p));
    if (jscan::is_string(item)) {
      FieldView view{};
      view.message = Text::from(item, true);
      add(view);
    }
    return item_end;
  });
}

void FieldErrorList::read_map(std::string_view map) {
  jscan::for_each_member(map, [&](Slice key, Slice value) {
    const auto add_message = [&](Text message) {
      FieldView view{};
      view.field = Text::from(key, false);
      view.message = message;
      add(view);
    };
    if (jscan::is_array(value)) {
      jscan::for_each_element(value, [&](std::string_view element) {
        if (jscan::is_string(element)) add_message(Text::from(element, true));
      });
    } else {
      add_message(Text::from(value, true));  // a string, or nothing (the field alone)
    }
  });
}

}  // namespace lms::envelope
