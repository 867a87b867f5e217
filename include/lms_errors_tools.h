/*
 * lms_errors_tools.h — the functions only the tools build has (dist/lms_tools.wasm, and the
 * native library): emission, code generation, the locale lint. Pages load dist/lms_core.wasm,
 * which leaves them out. Instances, results, thread-safety and errors are as in lms_errors.h.
 */
#ifndef LMS_ERRORS_TOOLS_H
#define LMS_ERRORS_TOOLS_H

#include "lms_errors.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What a server of `dialect` sends for catalogue entry `code`:
 *   params_json:  an object of the entry's params ("" is {});
 *   path:         the request's path, the nestjs `path` ("": options_json's, if it has one);
 *   options_json: {timestamp?, path?, message?, data?, errors?, requestId?, retryAfter?,
 *                  rateLimit?} ("" is {});
 *   now_ms:       the time, epoch ms (its fraction dropped): the nestjs timestamp unless
 *                 options_json has one.
 * The path and the time cross as arguments of their own: the common call (a path, the clock,
 * maybe params) then has no options to read.
 * `code` HTTP_<status> (400..599) is every convention's fallback.
 * Result, in two parts: first the head, JSON {"status", "headers": {name: value, ...}}, of
 * lms_emit_head_size() bytes; then the body, the bytes a server sends, as they are (not a JSON
 * string: a host writes them out without decoding them). LMS_NOT_FOUND for an unknown
 * (dialect, code); LMS_INVALID_ARGUMENT for missing params, bad options or a `now_ms` that is
 * not finite or outside +-2^53. */
lms_status lms_emit(lms_instance *instance, const char *dialect, size_t dialect_size, const char *code,
                    size_t code_size, const char *params_json, size_t params_size, const char *path,
                    size_t path_size, const char *options_json, size_t options_size, double now_ms);

/* The size of the head of lms_emit()'s result (the body is the rest of the result): read it
 * after lms_emit() returned LMS_OK, before the instance's next call, like the result. */
size_t lms_emit_head_size(const lms_instance *instance);

/* Source generated from the instance's catalogue: language "ts", "go" or "dts" (the code
 * unions of web/codes.d.ts), dialect "" for all,
 * go_package "" for apperrors. LMS_NOT_FOUND for an unknown language or dialect. */
lms_status lms_codegen(lms_instance *instance, const char *language, size_t language_size, const char *dialect,
                       size_t dialect_size, const char *go_package, size_t go_package_size);

/* The problems between the instance's translations and catalogue: a JSON array of strings
 * ("cy/common.json: ui.retryIn_two: missing", …), [] when consistent. */
lms_status lms_check_locales(lms_instance *instance);

/* The retry policy for a server's own outgoing calls: the built-in schedule with a budget sized
 * for a server (lms::server_retry_policy(); the Go package's ServerRetryPolicy is read from
 * here). Result: the whole policy as JSON, in the form lms_set_retry_policy() reads. */
lms_status lms_server_retry_policy(lms_instance *instance);

/* Bytes of the WebAssembly heap in use (diagnostics: bench/package.bench.js checks that calls
 * leave it as they found it). 0 in the native library, which does not count. */
double lms_heap_bytes_in_use(void);

#ifdef __cplusplus
}
#endif

#endif /* LMS_ERRORS_TOOLS_H */
