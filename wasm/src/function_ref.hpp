// function_ref.hpp — private: a non-owning reference to a callable, as C++26's std::function_ref.
//
// The JSON readers take their callbacks through it: one compiled loop then serves every
// caller, where a template would compile a copy of the loop into each of them.
#pragma once

#include <memory>
#include <type_traits>
#include <utility>

namespace lms {

template <class Signature>
class FunctionRef;

template <class R, class... Args>
class FunctionRef<R(Args...)> {
 public:
  // Refers to `callable`, which must outlive the FunctionRef (a lambda passed as an argument
  // lives until the call returns). The callable is called as const: lambdas that capture by
  // reference are.
  template <class F>
    requires(!std::is_same_v<std::remove_cvref_t<F>, FunctionRef> && std::is_invocable_r_v<R, const F&, Args...>)
  FunctionRef(const F& callable) noexcept  // NOLINT: converts implicitly, like std::function_ref
      : callable_(std::addressof(callable)),
        call_([](const void* target, Args... args) -> R {
          return (*static_cast<const F*>(target))(std::forward<Args>(args)...);
        }) {}

  R operator()(Args... args) const { return call_(callable_, std::forward<Args>(args)...); }

 private:
  const void* callable_;
  R (*call_)(const void*, Args...);
};

}  // namespace lms
