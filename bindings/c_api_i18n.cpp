// Translations of include/lms_errors.h: resources, t(), error lines, plural categories.
#include <cmath>

#include "instance.hpp"
#include "json_scan.hpp"
#include "lms/i18n.hpp"
#include "lms/plural.hpp"
#include "wire.hpp"
#include "wire_in_place.hpp"

using lms::c_api::fail;
using lms::c_api::reply;
using lms::c_api::text;

namespace {

lms::Status add_resources(lms::ResourceStore& store, std::string_view locale, std::string_view ns,
                          std::string_view resources_json) {
  auto resources = lms::wire::read_json(resources_json, "resources");
  if (!resources.ok()) return resources.status();
  return store.add(locale, ns, resources.value());
}

}  // namespace

void lms_instance::merge_deferred_resources() {
  // A deferred text is a package's own file, checked by its tests: one that fails after all is
  // left out, as lms_add_resources() would have refused it, and the others still load.
  for (const DeferredResources& deferred : deferred_resources)
    (void)add_resources(merged_resources, deferred.locale, deferred.ns, deferred.json);
  std::vector<DeferredResources>().swap(deferred_resources);
}

LMS_C_API(lms_add_resources)
lms_status lms_add_resources(lms_instance* instance, const char* locale, size_t locale_size, const char* ns,
                             size_t ns_size, const char* resources_json, size_t resources_size) {
  const lms::Status added = add_resources(instance->resources(), text(locale, locale_size), text(ns, ns_size),
                                          text(resources_json, resources_size));
  if (!added.ok()) return fail(*instance, added);
  return reply(*instance, {});
}

LMS_C_API(lms_add_resources_deferred)
lms_status lms_add_resources_deferred(lms_instance* instance, const char* locale, size_t locale_size, const char* ns,
                                      size_t ns_size, const char* resources_json, size_t resources_size) {
  instance->defer_resources(text(locale, locale_size), text(ns, ns_size), text(resources_json, resources_size));
  return reply(*instance, {});
}

LMS_C_API(lms_translate)
lms_status lms_translate(lms_instance* instance, const char* key, size_t key_size, const char* params_json,
                         size_t params_size, const char* locale, size_t locale_size, const char* ns, size_t ns_size,
                         const char* context, size_t context_size) {
  const lms::TranslateOptions options{text(locale, locale_size), text(ns, ns_size), text(context, context_size),
                                      true, false};
  const std::string_view params_text = text(params_json, params_size);
  lms::PluralCount count;
  std::optional<nlohmann::json> object;
  if (const lms::Status read = lms::wire::read_params_argument(params_text, instance->flat_params, count, object);
      !read.ok())
    return fail(*instance, read);
  const std::string_view key_text = text(key, key_size);
  if (object) return reply(*instance, instance->resources().translate(key_text, *object, options));
  const lms::FlatParams params{instance->flat_params, count};
  if (lms::c_api::may_write_into_result(*instance, {key_text, params_text, options.locale, options.ns, options.context})) {
    // Written straight into the result: a call for every string a UI shows allocates nothing.
    instance->resources().translate(key_text, params, options, instance->result);
    return lms::c_api::reply_written(*instance);
  }
  return reply(*instance, instance->resources().translate(key_text, params, options));
}

LMS_C_API(lms_format)
lms_status lms_format(lms_instance* instance, const char* error_json, size_t error_size, const char* locale,
                      size_t locale_size, int audience) {
  const int reader = audience & ~LMS_FORMAT_WITHOUT_CODE;
  if (reader < LMS_AUDIENCE_PUPIL || reader > LMS_AUDIENCE_ADMIN)
    return reply(*instance, "audience must be pupil (0), teacher (1) or admin (2)", LMS_INVALID_ARGUMENT);
  lms::FormatOptions options;
  options.locale = text(locale, locale_size);
  options.audience = static_cast<lms::Audience>(reader);
  options.with_code = (audience & LMS_FORMAT_WITHOUT_CODE) == 0;
  const std::string_view error_text = text(error_json, error_size);
  lms::wire::ErrorMembers members;
  if (const lms::Status read = lms::wire::read_error_members(error_text, members); !read.ok()) return fail(*instance, read);
  std::string& pairs = instance->flat_params;
  lms::PluralCount count;
  if (!lms::wire::read_flat_params(members.params, pairs, count)) {
    // Params that are not flat pairs (nested objects, null, fractions) go to the translations
    // as the value they are.
    lms::NormalizedError error;
    error.dialect = members.dialect;
    error.code = members.code;
    error.status = members.status;
    error.message = members.message;
    error.params = lms::jscan::to_json_as_parsed(members.params);
    if (!members.server_code.empty()) error.server_code = std::string(members.server_code);
    return reply(*instance, lms::format(instance->resources(), instance->catalogue(), error, options));
  }
  const lms::FormatInput input{members.dialect, members.code, members.status, members.message,
                               lms::FlatParams{pairs, count}, members.server_code};
  // Written straight into the result, through the instance's buffers: a line for every error
  // shown allocates nothing.
  const bool into_result = lms::c_api::may_write_into_result(*instance, {error_text, options.locale});
  std::string line;
  lms::format(instance->resources(), instance->catalogue(), input, options, instance->format_buffers,
              into_result ? instance->result : line);
  return into_result ? lms::c_api::reply_written(*instance) : reply(*instance, std::move(line));
}

LMS_C_API(lms_details)
lms_status lms_details(lms_instance* instance, const char* error_json, size_t error_size, const char* locale,
                       size_t locale_size) {
  lms::wire::ErrorMembers members;
  if (const lms::Status read = lms::wire::read_error_members(text(error_json, error_size), members); !read.ok())
    return fail(*instance, read);
  return reply(*instance, lms::wire::details_of(instance->resources(), members, text(locale, locale_size)));
}

LMS_C_API(lms_plural_category)
lms_status lms_plural_category(lms_instance* instance, const char* locale, size_t locale_size, double n) {
  if (!std::isfinite(n)) return reply(*instance, "n must be a finite number", LMS_INVALID_ARGUMENT);
  const lms::PluralRules rules = lms::PluralRules::for_locale(text(locale, locale_size));
  return reply(*instance, std::string(lms::to_string(rules.select(lms::plural_operands(n)))));
}

LMS_C_API(lms_plural_category_of_decimal)
lms_status lms_plural_category_of_decimal(lms_instance* instance, const char* locale, size_t locale_size,
                                          const char* decimal, size_t decimal_size) {
  auto operands = lms::plural_operands(text(decimal, decimal_size));
  if (!operands) return reply(*instance, "not a decimal number", LMS_INVALID_ARGUMENT);
  const lms::PluralRules rules = lms::PluralRules::for_locale(text(locale, locale_size));
  return reply(*instance, std::string(lms::to_string(rules.select(*operands))));
}
