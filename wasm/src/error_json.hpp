// error_json.hpp — private: the layout of a NormalizedError's JSON text, shared by
// to_json_text() (from the struct) and the envelope's direct path (from slices of the body),
// so the two cannot drift apart.
#pragma once

#include "json_writer.hpp"
#include "lms/error.hpp"

namespace lms {

void write_field_error(JsonWriter& out, const FieldError& field);
void write_import_error(JsonWriter& out, const ImportError& import);

// Writes `error` as the JS API's object. The params object and the two lists are written by
// the callbacks (the lists' inside the open arrays): write_params(out), write_fields(out)...
template <class WriteParams, class WriteFields, class WriteImports>
void write_error_json(JsonWriter& out, const NormalizedError& error, WriteParams&& write_params,
                      WriteFields&& write_fields, WriteImports&& write_imports) {
  out.begin_object();
  out.key("dialect").string(error.dialect);
  out.key("code").string(error.code);
  out.key("status").integer(error.status);
  out.key("message").string(error.message);
  out.key("known").boolean(error.known);
  out.key("params");
  write_params(out);
  out.key("fieldErrors").begin_array();
  write_fields(out);
  out.end_array();
  out.key("importErrors").begin_array();
  write_imports(out);
  out.end_array();
  out.key("retryAfterMs");
  if (error.retry_after_ms) out.integer(*error.retry_after_ms);
  else out.null();
  out.key("rateLimit");
  if (error.rate_limit) {
    out.begin_object();
    out.key("limit").integer(error.rate_limit->limit);
    out.key("remaining").integer(error.rate_limit->remaining);
    out.key("resetAt").integer(error.rate_limit->reset_at_ms);
    out.end_object();
  } else {
    out.null();
  }
  if (error.path) out.key("path").string(*error.path);
  if (error.timestamp) out.key("timestamp").string(*error.timestamp);
  if (error.request_id) out.key("requestId").string(*error.request_id);
  out.end_object();
}

}  // namespace lms
