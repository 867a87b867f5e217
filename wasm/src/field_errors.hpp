// field_errors.hpp — private: the field errors of a body (which field, which rule, what the
// server said), read from the shapes servers send them in.
#pragma once

#include <cstddef>
#include <forward_list>
#include <string>
#include <string_view>
#include <vector>

#include "envelope_members.hpp"
#include "envelope_text.hpp"
#include "lms/error.hpp"

namespace lms::envelope {

// "/profile/0/color" or "#/age" (RFC 6901) -> "profile.0.color" / "age".
std::string field_from_pointer(std::string_view pointer);

// One field error as views into the body. Trivial: {} is all absent.
struct FieldView {
  Text field, rule, message;
  Slice params;  // a non-empty object, or empty

  FieldError materialize() const;
  void write(JsonWriter& out) const;
};

// The field errors of one response, at most kMaxFieldErrors. The views point into the body
// and into this object's arena: it stays where it was built.
class FieldErrorList {
 public:
  FieldErrorList() = default;
  FieldErrorList(const FieldErrorList&) = delete;
  FieldErrorList& operator=(const FieldErrorList&) = delete;

  // An array of field errors, each an object of any of the shapes in field_errors.cpp or a
  // bare message string; anything else is skipped.
  void read_list(std::string_view list);
  // ASP.NET Core's ValidationProblemDetails: {"Name": ["msg", ...], ...}.
  void read_map(std::string_view map);
  // A field error read elsewhere (foreign_conventions.cpp): its texts are kept in the arena.
  void add_owned(const FieldError& error);

  const std::vector<FieldView>& items() const { return items_; }
  bool empty() const { return count_ == 0; }

 private:
  void add(const FieldView& view);

  std::vector<FieldView> items_;
  std::forward_list<std::string> arena_;  // computed texts; a list never moves what it holds
  std::size_t count_ = 0;                 // items_.size(), without a libc++ call per item
};

}  // namespace lms::envelope
