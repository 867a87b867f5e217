// The instance functions of include/lms_errors.h: life cycle, the result and input buffers,
// and the catalogue.
#include <new>

#include "instance.hpp"
#include "lms/envelope.hpp"

namespace lms::c_api {

lms_status reply(lms_instance& instance, std::string text, lms_status status) {
  instance.result = std::move(text);
  const lms_status written = reply_written(instance);
  return written == LMS_OK ? status : written;
}

lms_status reply_written(lms_instance& instance) {
  if (instance.result.size() <= kMaxTransferBytes) return LMS_OK;
  instance.result = "the result is larger than 64 MiB";
  return LMS_TOO_LARGE;
}

lms_status fail(lms_instance& instance, const Status& status) {
  switch (status.code()) {
    case StatusCode::not_found: return reply(instance, status.message(), LMS_NOT_FOUND);
    case StatusCode::out_of_range: return reply(instance, status.message(), LMS_TOO_LARGE);
    default: return reply(instance, status.message(), LMS_INVALID_ARGUMENT);
  }
}

}  // namespace lms::c_api

namespace {

// The embedded catalogue is validated by the test suite, so this cannot fail in a released
// build; if it ever did, an empty catalogue is safer than an abort.
lms::Catalogue embedded_catalogue() {
  auto parsed = lms::Catalogue::from_json(lms::Catalogue::embedded_json());
  return parsed.ok() ? std::move(parsed).value() : lms::Catalogue{};
}

// What stays allocated for arguments between calls; a larger block is given back afterwards.
constexpr std::size_t kKeptInputBytes = std::size_t{64} << 10;

}  // namespace

using lms::c_api::reply;
using lms::c_api::text;

const lms::Catalogue& lms_instance::catalogue() {
  if (!loaded_catalogue) loaded_catalogue = embedded_catalogue();
  return *loaded_catalogue;
}

LMS_C_API(lms_create) lms_instance* lms_create(void) {
  return new (std::nothrow) lms_instance;
}

LMS_C_API(lms_destroy) void lms_destroy(lms_instance* instance) { delete instance; }

LMS_C_API(lms_result_data) const char* lms_result_data(const lms_instance* instance) {
  return instance->result.data();
}

LMS_C_API(lms_result_size) size_t lms_result_size(const lms_instance* instance) { return instance->result.size(); }

LMS_C_API(lms_input) char* lms_input(lms_instance* instance, size_t size) {
  if (size > lms::c_api::kMaxTransferBytes) return nullptr;
  std::vector<char>& input = instance->input;
  const std::size_t wanted = size < kKeptInputBytes ? kKeptInputBytes : size;
  // A new block rather than a resize: the old contents are never kept, so nothing is copied.
  if (input.size() < wanted || input.size() > 4 * wanted) std::vector<char>(wanted).swap(input);
  return input.data();
}

LMS_C_API(lms_max_body_bytes) size_t lms_max_body_bytes(void) { return lms::kMaxBodyBytes; }

LMS_C_API(lms_load_catalogue)
lms_status lms_load_catalogue(lms_instance* instance, const char* json, size_t json_size) {
  auto parsed = lms::Catalogue::from_json(text(json, json_size));
  if (!parsed.ok()) return reply(*instance, parsed.status().message(), LMS_INVALID_ARGUMENT);
  instance->replace_catalogue(std::move(parsed).value());
  return reply(*instance, {});
}

LMS_C_API(lms_lookup)
lms_status lms_lookup(lms_instance* instance, const char* code, size_t code_size, const char* dialect,
                      size_t dialect_size) {
  const std::string_view wanted_code = text(code, code_size);
  const std::string_view wanted_dialect = text(dialect, dialect_size);
  const lms::Catalogue& catalogue = instance->catalogue();
  const lms::Entry* entry =
      wanted_dialect.empty() ? catalogue.find_any(wanted_code) : catalogue.find(wanted_dialect, wanted_code);
  if (entry == nullptr) return reply(*instance, "no such catalogue entry", LMS_NOT_FOUND);
  return reply(*instance, lms::entry_to_json(*entry));
}

LMS_C_API(lms_entries) lms_status lms_entries(lms_instance* instance, const char* dialect, size_t dialect_size) {
  const std::string_view wanted = text(dialect, dialect_size);
  std::vector<const lms::Entry*> selected;
  for (const lms::Entry& entry : instance->catalogue().entries())
    if (wanted.empty() || entry.dialect == wanted) selected.push_back(&entry);
  return reply(*instance, lms::entries_to_json(selected));
}

LMS_C_API(lms_catalogue_revision) lms_status lms_catalogue_revision(lms_instance* instance) {
  return reply(*instance, instance->catalogue().revision());
}
