/*
 * lms_errors.h — the C API of the lms-errors core: the one boundary every host crosses.
 *
 * The browser and Node (web/bridge.js, over dist/lms_core.wasm and dist/lms_tools.wasm), the
 * Go package (cgo) and any other FFI host call exactly these functions; they are the only
 * functions either .wasm exports, and the native library (CMake target lms_errors) provides
 * them too. The functions only the tools build has are in lms_errors_tools.h.
 *
 * INSTANCES. lms_create() makes an instance: its own catalogue (the embedded one until
 * lms_load_catalogue() replaces it), its own translations (none until lms_add_resources()),
 * its own default retry policy and retry budget. lms_destroy() frees it and everything it
 * holds. Instances share nothing.
 *
 * THREAD-SAFETY. An instance is NOT internally locked: at most one thread may call into a
 * given instance at a time — look-ups included, since the first call that needs the embedded
 * catalogue or deferred translations reads them into the instance — and a result read with
 * lms_result_data() belongs to that caller until its next call. Different instances may be
 * used from different threads at the same time. A host that shares one instance among threads
 * (the Go package among goroutines) must hold its own lock from the call until it has copied
 * the result out — or keep one instance per worker. The retry budget is per instance, so a
 * pool of instances is a pool of budgets.
 *
 * STRINGS AND DATA IN. Every text argument is a pointer and a byte count (UTF-8; it need not
 * be NUL-terminated and may contain NUL; invalid UTF-8 is read as U+FFFD where text matters).
 * A NULL pointer with size 0 is the empty text. Structured arguments (headers, an error, a
 * retry context or policy, params, resources, a catalogue) are JSON text, with the members
 * documented at each function and in docs/wire-format.md. The core only reads arguments
 * during the call and never keeps a pointer to them (lms_add_resources_deferred() keeps a copy).
 *
 * RESULTS OUT. Every call that answers writes its answer into the instance's result buffer:
 * lms_result_data() / lms_result_size() give it (UTF-8 text; JSON where the function says so).
 * It is owned by the instance — never free it — and stays valid until the next call on the
 * same instance or lms_destroy(); copy it out before that. On failure the result holds a
 * one-line English message saying what was wrong.
 *
 * ERRORS. Functions return an lms_status. LMS_OK: the result is the answer. Any other code:
 * the result is the message. No function aborts, throws, or reads past the sizes given; bad
 * input always gets a status and a message, and leaves the instance as it was.
 *
 * NUMBERS. Times are epoch milliseconds and sizes are as a double where JavaScript and JSON
 * carry them as numbers; they are read as whole numbers (a NaN or infinite time is 0).
 */
#ifndef LMS_ERRORS_H
#define LMS_ERRORS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this API: raised when a function's meaning changes. */
#define LMS_ERRORS_API_VERSION 1

/* What a call returned. JS maps LMS_INVALID_ARGUMENT to TypeError and the two others to
 * RangeError. */
typedef enum lms_status {
  LMS_OK = 0,
  LMS_INVALID_ARGUMENT = 1, /* malformed JSON, a wrong-typed member, a bad value */
  LMS_NOT_FOUND = 2,        /* no such catalogue entry, dialect, language or network kind */
  LMS_TOO_LARGE = 3         /* an argument or a result over its limit, or out of memory */
} lms_status;

/* One core: catalogue, translations, retry policy and budget. Opaque. */
typedef struct lms_instance lms_instance;

/* A new instance with the embedded catalogue; NULL only when out of memory. */
lms_instance *lms_create(void);

/* Frees the instance, its result buffer and its input buffer. NULL is allowed. */
void lms_destroy(lms_instance *instance);

/* The result of the instance's last call (see RESULTS OUT): its bytes, and their count.
 * Owned by the instance; valid until its next call or lms_destroy(). Not NUL-terminated. */
const char *lms_result_data(const lms_instance *instance);
size_t lms_result_size(const lms_instance *instance);

/* Room for `size` bytes of arguments, owned by the instance: for hosts that must write their
 * arguments into the core's memory first (WebAssembly). Valid until the next call on the
 * instance (the call that reads them may use it); NULL when `size` is over 64 MiB or memory
 * is short. Native hosts pass their own pointers and never need it. */
char *lms_input(lms_instance *instance, size_t size);

/* The largest body lms_parse() reads (16 MiB); larger ones become HTTP_<status>. A host may
 * hand over just one byte more than this instead of a huge body. */
size_t lms_max_body_bytes(void);

/* ---- the catalogue ---------------------------------------------------------------------- */

/* Replaces the instance's catalogue with `json` (catalogue.json's schema) if it is valid.
 * LMS_INVALID_ARGUMENT: the result lists every problem; the old catalogue stays. */
lms_status lms_load_catalogue(lms_instance *instance, const char *json, size_t json_size);

/* The entry for (dialect, code), or with dialect "" the first dialect having `code`: its JSON
 * object {dialect, code, status, message, cause, params, retry, action, …}.
 * LMS_NOT_FOUND when there is none (the result then says so). */
lms_status lms_lookup(lms_instance *instance, const char *code, size_t code_size,
                      const char *dialect, size_t dialect_size);

/* A JSON array of the entries of `dialect`, or of every entry for "". */
lms_status lms_entries(lms_instance *instance, const char *dialect, size_t dialect_size);

/* The revision of the instance's catalogue as the result: the content hash the build gave it
 * (servers send it as X-Lms-Catalogue-Revision), "" when its document has none. */
lms_status lms_catalogue_revision(lms_instance *instance);

/* ---- envelopes -------------------------------------------------------------------------- */

/* Any HTTP error response -> the normalized error as a JSON object:
 *   {dialect, code, status, message, known, params, fieldErrors, importErrors, retryAfterMs,
 *    rateLimit, path?, timestamp?, requestId?}
 * `headers_json`: [[name, value], ...] (names in any case; other items are skipped; "" is no
 * headers). `body`: the raw bytes. `now_ms`: epoch ms, for Retry-After dates and rate-limit
 * resets. Never fails for what a server sent (LMS_INVALID_ARGUMENT only for a status outside
 * 0..999 or headers that are not a JSON array). */
lms_status lms_parse(lms_instance *instance, int status, const char *headers_json, size_t headers_size,
                     const char *body, size_t body_size, double now_ms);

/* A request that got no response: kind "offline", "timeout" or "aborted" -> the error's JSON
 * (dialect network, status 0). LMS_NOT_FOUND for any other kind. */
lms_status lms_network_error(lms_instance *instance, const char *kind, size_t kind_size);

/* ---- retries ---------------------------------------------------------------------------- */

/* Sets the instance's default retry policy: `policy_json` is a partial policy
 * {maxAttempts, baseDelayMs, multiplier, maxDelayMs, deadlineMs, maxRetryAfterMs, jitter,
 *  budget: false | true | {capacity, retryCost, timeoutCost, successRefund, refillPerSecond}}
 * over the built-in one. LMS_INVALID_ARGUMENT (unknown member, out-of-range number): unchanged. */
lms_status lms_set_retry_policy(lms_instance *instance, const char *policy_json, size_t policy_size);

/* Whether and when to send a failed request again:
 *   error_json:   an error as lms_parse() gives it (only dialect, code, status, retryAfterMs
 *                 and rateLimit are read);
 *   context_json: {attempt, method?, idempotencyKey?, elapsedMs?, now?, random?, charge?}
 *                 (charge false: the budget is asked, nothing is withdrawn);
 *   policy_json:  a partial policy over the instance's default, or "" for the default.
 * Result: {"action", "cost", "delayMs", "reason", "retry"} — cost is the budget tokens this
 * decision withdrew from the instance's budget (for lms_retry_succeeded). */
lms_status lms_decide(lms_instance *instance, const char *error_json, size_t error_size,
                      const char *context_json, size_t context_size, const char *policy_json,
                      size_t policy_size);

/* A failed attempt in one call, for a retrying client: parses the response as lms_parse()
 * does and decides on it as lms_decide() does. Result: {"error": {…}, "decision": {…}}. */
lms_status lms_parse_and_decide(lms_instance *instance, int status, const char *headers_json,
                                size_t headers_size, const char *body, size_t body_size, double now_ms,
                                const char *context_json, size_t context_size, const char *policy_json,
                                size_t policy_size);

/* The same for an attempt that got no response (kind as for lms_network_error()). */
lms_status lms_network_error_and_decide(lms_instance *instance, const char *kind, size_t kind_size,
                                        const char *context_json, size_t context_size,
                                        const char *policy_json, size_t policy_size);

/* A request succeeded after its decisions withdrew `spent` tokens in total: they go back into
 * the budget (or a first-try success adds one). `policy_json` as for lms_decide(), for the
 * budget's numbers. LMS_INVALID_ARGUMENT for a bad policy or a spent/now out of range. */
lms_status lms_retry_succeeded(lms_instance *instance, const char *policy_json, size_t policy_size,
                               double spent, double now_ms);

/* ---- translations ----------------------------------------------------------------------- */

/* Merges a flat i18next resource object {key: template} into (locale, namespace).
 * LMS_INVALID_ARGUMENT: nothing is added. */
lms_status lms_add_resources(lms_instance *instance, const char *locale, size_t locale_size,
                             const char *ns, size_t ns_size, const char *resources_json,
                             size_t resources_size);

/* lms_add_resources() for texts known to be valid — a package's own locale files, which its
 * tests check: the text is kept and merged the first time a call reads the translations
 * (translate, format, details, lms_add_resources, the locale lint), in the order added, so
 * loading locales costs nothing until they are used. A text (or locale, or namespace) that is
 * not valid after all is then left out, as lms_add_resources() would have refused it.
 * Always LMS_OK. */
lms_status lms_add_resources_deferred(lms_instance *instance, const char *locale, size_t locale_size,
                                      const char *ns, size_t ns_size, const char *resources_json,
                                      size_t resources_size);

/* i18next's t(key, params) with keySeparator false: the translated text.
 * `params_json`: an object ("" is {}); its `count` (a number) selects the plural form.
 * locale "" is en-GB, ns "" is common, context "" is none. */
lms_status lms_translate(lms_instance *instance, const char *key, size_t key_size, const char *params_json,
                         size_t params_size, const char *locale, size_t locale_size, const char *ns,
                         size_t ns_size, const char *context, size_t context_size);

/* Who reads a formatted line. */
typedef enum lms_audience { LMS_AUDIENCE_PUPIL = 0, LMS_AUDIENCE_TEACHER = 1, LMS_AUDIENCE_ADMIN = 2 } lms_audience;

/* OR-ed into lms_format()'s audience: the line ends at the message, without " [CODE]" (for a
 * UI that shows the code on its own, so that it is read once). */
#define LMS_FORMAT_WITHOUT_CODE 0x100

/* One plain-text line for an error: the translation of its code + " [CODE]".
 * `error_json`: an error as lms_parse() gives it (dialect, code, status, message, params are
 * read). `audience`: an lms_audience, optionally | LMS_FORMAT_WITHOUT_CODE.
 * LMS_INVALID_ARGUMENT for an error without a code or an unknown audience. */
lms_status lms_format(lms_instance *instance, const char *error_json, size_t error_size, const char *locale,
                      size_t locale_size, int audience);

/* One translated line per field error and per import error of `error_json`: a JSON array of
 * strings. */
lms_status lms_details(lms_instance *instance, const char *error_json, size_t error_size, const char *locale,
                       size_t locale_size);

/* The CLDR plural category ("zero", "one", "two", "few", "many", "other") of a number in
 * `locale`, read as Intl.PluralRules reads it. LMS_INVALID_ARGUMENT when not finite. */
lms_status lms_plural_category(lms_instance *instance, const char *locale, size_t locale_size, double n);

/* The same for a decimal written as text ("1.0", "1.5c6"), exactly as written.
 * LMS_INVALID_ARGUMENT when it is not a decimal. */
lms_status lms_plural_category_of_decimal(lms_instance *instance, const char *locale, size_t locale_size,
                                          const char *decimal, size_t decimal_size);

#ifdef __cplusplus
}
#endif

#endif /* LMS_ERRORS_H */
