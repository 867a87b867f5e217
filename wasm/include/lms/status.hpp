// lms/status.hpp — how the core reports failure without exceptions.
//
// The WASM build runs with -fno-exceptions: a C++ throw would abort the module for the whole
// page. So, like abseil's Status / StatusOr, every fallible operation returns a value that says
// whether it worked and, if not, a message a developer can act on.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace lms {

enum class StatusCode {
  ok,
  invalid_argument,  // the caller's input is malformed (bad JSON, wrong types, bad values)
  not_found,
  out_of_range,      // input larger or deeper than the documented caps
};

class Status {
 public:
  Status() = default;  // ok
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  [[nodiscard]] bool ok() const { return code_ == StatusCode::ok; }
  [[nodiscard]] StatusCode code() const { return code_; }
  [[nodiscard]] const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::ok;
  std::string message_;
};

inline Status invalid_argument(std::string message) {
  return {StatusCode::invalid_argument, std::move(message)};
}

// A value or the reason there is none.
template <class T>
class StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit, like absl::StatusOr
  StatusOr(Status status) : status_(std::move(status)) {}  // NOLINT

  [[nodiscard]] bool ok() const { return value_.has_value(); }
  [[nodiscard]] const Status& status() const { return status_; }
  [[nodiscard]] const T& value() const& { return *value_; }
  [[nodiscard]] T& value() & { return *value_; }
  [[nodiscard]] T&& value() && { return std::move(*value_); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace lms
