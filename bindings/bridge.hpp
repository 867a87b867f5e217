// bindings/bridge.hpp — how JS calls the core: plain C exports over one transfer buffer.
//
// JS writes a call's text arguments back to back into the buffer (one encodeInto each) and
// passes their byte lengths; the export reads them as string_views, then writes its result
// text over them and returns an Outcome. JS decodes the result from the same place. This is
// web-tree-sitter's design (a transfer buffer, no binding generator): embind's per-call
// invoker and string conversions cost more than translate() itself, and its JS runtime
// alone was 8 KB gzip — more than the whole JS layer.
#pragma once

#include <cstdint>
#include <string_view>

// Exports a function to JS under its own name (the .wasm is built with -sSTANDALONE_WASM).
#define LMS_EXPORT(name) extern "C" __attribute__((export_name(#name)))

namespace lms::bridge {

// What JS does with the result text: return it, or throw it as a TypeError / RangeError.
enum Outcome : std::int32_t { kOk = 0, kTypeError = 1, kRangeError = 2 };

// The argument block JS wrote: reads its texts in order, by the sizes JS passed.
class Arguments {
 public:
  Arguments();
  // The next `size` bytes (empty if JS claimed more than it wrote).
  std::string_view next(std::uint32_t size);

 private:
  std::string_view rest_;
};

// Writes `text` as the call's result (over the arguments: read them all first) and returns
// `outcome`. A result too large for the buffer becomes a RangeError saying so.
std::int32_t reply(std::string_view text, Outcome outcome = kOk);

// The bytes the buffer can hold at most: a 16 MiB body plus its headers, or a large import
// report's details.
inline constexpr std::uint32_t kMaxTransferBytes = 64u << 20;

}  // namespace lms::bridge
