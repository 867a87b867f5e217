#include "bridge.hpp"

#include <cstring>
#include <vector>

namespace lms::bridge {
namespace {

// Read by JS at a fixed address (lms_transfer): where the buffer is, its capacity, and the
// size of the last result. `data` moves when the buffer grows or shrinks.
struct Transfer {
  std::uint32_t data = 0;
  std::uint32_t capacity = 0;
  std::uint32_t size = 0;
};

struct Buffer {
  std::vector<char> bytes;
  Transfer transfer;

  // A new buffer of exactly `capacity` bytes. Its old contents are not kept: every caller
  // writes over them (an argument block, or a result), so one allocation and no copy.
  void resize(std::size_t capacity) {
    std::vector<char>(capacity).swap(bytes);
    transfer.data = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(bytes.data()));
    transfer.capacity = static_cast<std::uint32_t>(bytes.size());
  }
};

Buffer& buffer() {
  static Buffer instance;
  return instance;
}

constexpr std::uint32_t kKeptBytes = 64u << 10;  // what stays allocated between calls

}  // namespace

// JS's sizes say where each argument ends; the buffer's capacity bounds them all.
Arguments::Arguments() : rest_(buffer().bytes.data(), buffer().bytes.size()) {}

std::string_view Arguments::next(std::uint32_t size) {
  const std::string_view text = rest_.substr(0, size);
  rest_.remove_prefix(text.size());
  return text;
}

std::int32_t reply(std::string_view text, Outcome outcome) {
  Buffer& state = buffer();
  if (text.size() > kMaxTransferBytes) {
    return reply("the result is larger than 64 MiB", kRangeError);
  }
  if (text.size() > state.bytes.size()) state.resize(text.size());
  if (!text.empty()) std::memmove(state.bytes.data(), text.data(), text.size());
  state.transfer.size = static_cast<std::uint32_t>(text.size());
  return outcome;
}

}  // namespace lms::bridge

using lms::bridge::buffer;

// The Transfer record's address: JS reads data / capacity / size there after each call.
LMS_EXPORT(lms_transfer) std::uint32_t lms_transfer() {
  auto& state = buffer();
  if (state.bytes.empty()) state.resize(lms::bridge::kKeptBytes);
  return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(&state.transfer));
}

// Makes room for an argument block of `size` bytes and returns where to write it (0 when
// larger than the buffer may grow). Shrinks back after a huge call so a megabyte body does
// not stay allocated. JS calls it only when the capacity it read in the Transfer record is
// too small, or to give memory back.
LMS_EXPORT(lms_reserve) std::uint32_t lms_reserve(std::uint32_t size) {
  auto& state = buffer();
  if (size > lms::bridge::kMaxTransferBytes) return 0;
  const std::size_t wanted = size < lms::bridge::kKeptBytes ? lms::bridge::kKeptBytes : size;
  if (state.bytes.size() < wanted || state.bytes.size() > 4 * wanted) state.resize(wanted);
  return state.transfer.data;
}
