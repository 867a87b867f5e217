/* The C API from C: every function of include/lms_errors.h and lms_errors_tools.h called
 * through the header, as a cgo or other FFI host calls it. Exit status 0 when all checks pass. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lms_errors.h"
#include "lms_errors_tools.h"

static int failures = 0;

#define TEXT(literal) literal, sizeof(literal) - 1

/* The instance's result as a NUL-terminated copy (the result buffer is not terminated). */
static char *result_copy(const lms_instance *instance) {
  size_t size = lms_result_size(instance);
  char *copy = malloc(size + 1);
  if (copy == NULL) {
    fprintf(stderr, "out of memory\n");
    exit(2);
  }
  memcpy(copy, lms_result_data(instance), size);
  copy[size] = '\0';
  return copy;
}

/* Checks the status and that the result contains `expected` (or is exactly it when `exact`). */
static void expect(const char *what, lms_instance *instance, lms_status status, lms_status wanted_status,
                   const char *expected, int exact) {
  char *result = result_copy(instance);
  int ok = status == wanted_status && (exact ? strcmp(result, expected) == 0 : strstr(result, expected) != NULL);
  if (!ok) {
    fprintf(stderr, "FAILED %s: status %d (wanted %d), result: %s\n  wanted %s: %s\n", what, (int)status,
            (int)wanted_status, result, exact ? "exactly" : "to contain", expected);
    ++failures;
  }
  free(result);
}

static void check(const char *what, int condition) {
  if (!condition) {
    fprintf(stderr, "FAILED %s\n", what);
    ++failures;
  }
}

static const char kHeaders[] = "[[\"Content-Type\",\"application/json\"],[\"Retry-After\",\"3\"]]";
static const char kBody[] = "{\"code\":\"LMS-ADM-007\",\"error\":\"update failed\"}";
static const char kGet[] = "{\"attempt\":1,\"method\":\"GET\",\"now\":1700000000000,\"random\":0.5}";

static void test_catalogue(lms_instance *lms) {
  expect("lookup", lms, lms_lookup(lms, TEXT("LMS-ADM-007"), TEXT("lms")), LMS_OK, "\"message\":\"update failed\"", 0);
  expect("lookup in any dialect", lms, lms_lookup(lms, TEXT("LMS-ADM-007"), NULL, 0), LMS_OK, "\"status\":500", 0);
  expect("lookup of an unknown code", lms, lms_lookup(lms, TEXT("NO-SUCH-CODE"), NULL, 0), LMS_NOT_FOUND, "no such", 0);
  expect("entries of one dialect", lms, lms_entries(lms, TEXT("network")), LMS_OK, "\"dialect\":\"network\"", 0);
  expect("an invalid catalogue", lms, lms_load_catalogue(lms, TEXT("{\"dialects\": 3}")), LMS_INVALID_ARGUMENT,
         "dialects", 0);
  expect("the old catalogue stays", lms, lms_lookup(lms, TEXT("LMS-ADM-007"), NULL, 0), LMS_OK, "update failed", 0);
  expect("the catalogue's revision", lms, lms_catalogue_revision(lms), LMS_OK, "", 0);
  check("the embedded catalogue has a revision", lms_result_size(lms) == 16);
  check("max body bytes", lms_max_body_bytes() == (size_t)16 << 20);
}

static void test_envelopes(lms_instance *lms) {
  expect("parse", lms, lms_parse(lms, 500, TEXT(kHeaders), TEXT(kBody), 1700000000000.0), LMS_OK,
         "\"dialect\":\"lms\",\"code\":\"LMS-ADM-007\",\"status\":500,\"message\":\"update failed\",\"known\":true", 0);
  expect("parse reads Retry-After", lms, lms_parse(lms, 500, TEXT(kHeaders), TEXT(kBody), 0), LMS_OK,
         "\"retryAfterMs\":3000", 0);
  expect("parse of an empty response", lms, lms_parse(lms, 502, NULL, 0, NULL, 0, 0), LMS_OK,
         "\"code\":\"HTTP_502\"", 0);
  expect("parse of a binary body", lms, lms_parse(lms, 500, NULL, 0, "\0\xff\xfe", 3, 0), LMS_OK,
         "\"code\":\"HTTP_500\"", 0);
  expect("parse with headers that are not an array", lms, lms_parse(lms, 500, TEXT("{}"), TEXT(kBody), 0),
         LMS_INVALID_ARGUMENT, "headers", 0);
  expect("parse with a bad status", lms, lms_parse(lms, 1000, NULL, 0, TEXT(kBody), 0), LMS_INVALID_ARGUMENT,
         "status", 0);
  expect("network error", lms, lms_network_error(lms, TEXT("timeout")), LMS_OK, "\"code\":\"TIMEOUT\"", 0);
  expect("unknown network error kind", lms, lms_network_error(lms, TEXT("eaten")), LMS_NOT_FOUND, "offline", 0);
}

static void test_retries(void) {
  lms_instance *lms = lms_create();
  check("lms_create", lms != NULL);
  if (lms == NULL) return;
  /* The server's hint, exactly: Retry-After 3 s, never jittered. */
  expect("parse and decide", lms,
         lms_parse_and_decide(lms, 500, TEXT(kHeaders), TEXT(kBody), 1700000000000.0, TEXT(kGet), NULL, 0), LMS_OK,
         "{\"decision\":{\"action\":\"retry\",\"cost\":5.0,\"delayMs\":3000,\"reason\":\"server_hint\",\"retry\":true},"
         "\"error\":{\"dialect\":\"lms\",\"code\":\"LMS-ADM-007\"",
         0);
  /* The default budget held one retry, and it was just spent. */
  expect("decide with the budget spent", lms,
         lms_decide(lms, TEXT("{\"code\":\"HTTP_503\",\"status\":503,\"dialect\":\"http\"}"), TEXT(kGet), NULL, 0),
         LMS_OK, "\"reason\":\"budget_exhausted\"", 0);
  expect("a success gives the tokens back", lms, lms_retry_succeeded(lms, NULL, 0, 5, 1700000000000.0), LMS_OK, "", 1);
  expect("decide with a policy", lms,
         lms_decide(lms, TEXT("{\"code\":\"HTTP_503\",\"status\":503}"), TEXT(kGet),
                    TEXT("{\"jitter\":\"none\",\"budget\":false}")),
         LMS_OK, "\"delayMs\":1000,\"reason\":\"transient\",\"retry\":true", 0);
  expect("a bad policy member", lms, lms_set_retry_policy(lms, TEXT("{\"maxAttempt\":3}")), LMS_INVALID_ARGUMENT,
         "maxAttempt", 0);
  expect("a default policy", lms, lms_set_retry_policy(lms, TEXT("{\"maxAttempts\":1,\"budget\":false}")), LMS_OK, "",
         1);
  expect("decide by the instance's default", lms,
         lms_decide(lms, TEXT("{\"code\":\"HTTP_503\",\"status\":503}"), TEXT(kGet), NULL, 0), LMS_OK,
         "\"reason\":\"attempts_exhausted\"", 0);
  expect("network failure and decide", lms,
         lms_network_error_and_decide(lms, TEXT("offline"), TEXT(kGet), TEXT("{\"maxAttempts\":4}")), LMS_OK,
         "\"error\":{\"dialect\":\"network\",\"code\":\"NETWORK_ERROR\"", 0);
  expect("decide on malformed JSON", lms, lms_decide(lms, TEXT("{\"code\":"), TEXT(kGet), NULL, 0),
         LMS_INVALID_ARGUMENT, "not valid JSON", 0);
  expect("decide with a bad context", lms,
         lms_decide(lms, TEXT("{\"code\":\"HTTP_503\"}"), TEXT("{\"attempt\":0}"), NULL, 0), LMS_INVALID_ARGUMENT,
         "attempt", 0);
  lms_destroy(lms);
}

static void test_translations(lms_instance *lms) {
  expect("add resources", lms,
         lms_add_resources(lms, TEXT("en-GB"), TEXT("common"),
                           TEXT("{\"ui.hello\":\"Hello {{name}}\",\"ui.retryIn_one\":\"in {{count}} second\","
                                "\"ui.retryIn_other\":\"in {{count}} seconds\"}")),
         LMS_OK, "", 1);
  expect("add resources that are not strings", lms,
         lms_add_resources(lms, TEXT("en-GB"), TEXT("common"), TEXT("{\"ui.x\":3}")), LMS_INVALID_ARGUMENT, "", 0);
  expect("translate", lms,
         lms_translate(lms, TEXT("ui.hello"), TEXT("{\"name\":\"<Ann>\"}"), NULL, 0, NULL, 0, NULL, 0), LMS_OK,
         "Hello &lt;Ann&gt;", 1);
  expect("translate a plural", lms,
         lms_translate(lms, TEXT("ui.retryIn"), TEXT("{\"count\":1}"), TEXT("en-GB"), TEXT("common"), NULL, 0), LMS_OK,
         "in 1 second", 1);
  expect("translate a missing key", lms, lms_translate(lms, TEXT("ui.nothing"), NULL, 0, NULL, 0, NULL, 0, NULL, 0),
         LMS_OK, "ui.nothing", 1);
  expect("translate with params that are not an object", lms,
         lms_translate(lms, TEXT("ui.hello"), TEXT("[1]"), NULL, 0, NULL, 0, NULL, 0), LMS_INVALID_ARGUMENT, "object",
         0);
  /* Deferred texts are merged, in the order added, by the next call that reads translations;
   * one that is invalid after all is left out and the others still load. */
  expect("defer resources", lms,
         lms_add_resources_deferred(lms, TEXT("cy"), TEXT("common"), TEXT("{\"ui.hello\":\"Helo {{name}}\"}")),
         LMS_OK, "", 1);
  expect("defer resources that are not strings", lms,
         lms_add_resources_deferred(lms, TEXT("cy"), TEXT("common"), TEXT("{\"ui.x\":3}")), LMS_OK, "", 1);
  expect("defer a later text for the same key", lms,
         lms_add_resources_deferred(lms, TEXT("cy"), TEXT("common"), TEXT("{\"ui.hello\":\"Shwmae {{name}}\"}")),
         LMS_OK, "", 1);
  expect("translate with deferred resources", lms,
         lms_translate(lms, TEXT("ui.hello"), TEXT("{\"name\":\"Ann\"}"), TEXT("cy"), NULL, 0, NULL, 0), LMS_OK,
         "Shwmae Ann", 1);
  expect("translate a key the invalid deferred text held", lms,
         lms_translate(lms, TEXT("ui.x"), NULL, 0, TEXT("cy"), NULL, 0, NULL, 0), LMS_OK, "ui.x", 1);
  expect("add the lms namespace", lms,
         lms_add_resources(lms, TEXT("en-GB"), TEXT("lms"), TEXT("{\"LMS-ADM-007\":\"Update failed\"}")), LMS_OK, "", 1);
  expect("format", lms,
         lms_format(lms, TEXT("{\"dialect\":\"lms\",\"code\":\"LMS-ADM-007\",\"status\":500}"), TEXT("en-GB"),
                    LMS_AUDIENCE_TEACHER),
         LMS_OK, "Update failed [LMS-ADM-007]", 1);
  expect("format for an admin", lms,
         lms_format(lms, TEXT("{\"dialect\":\"lms\",\"code\":\"LMS-ADM-007\",\"status\":500}"), NULL, 0,
                    LMS_AUDIENCE_ADMIN),
         LMS_OK, "DB error on user/classroom update", 0);
  expect("format without the code", lms,
         lms_format(lms, TEXT("{\"dialect\":\"lms\",\"code\":\"LMS-ADM-007\",\"status\":500}"), TEXT("en-GB"),
                    LMS_AUDIENCE_TEACHER | LMS_FORMAT_WITHOUT_CODE),
         LMS_OK, "Update failed", 1);
  expect("format with an unknown audience", lms, lms_format(lms, TEXT("{\"code\":\"X\"}"), NULL, 0, 7),
         LMS_INVALID_ARGUMENT, "audience", 0);
  expect("format without a code", lms, lms_format(lms, TEXT("{\"status\":500}"), NULL, 0, LMS_AUDIENCE_PUPIL),
         LMS_INVALID_ARGUMENT, "code", 0);
  expect("details", lms,
         lms_details(lms,
                     TEXT("{\"code\":\"VALIDATION_ERROR\",\"fieldErrors\":[{\"field\":\"name\",\"message\":\"is "
                          "required\"}]}"),
                     NULL, 0),
         LMS_OK, "[\"name", 0);
  expect("plural category", lms, lms_plural_category(lms, TEXT("cy"), 6), LMS_OK, "many", 1);
  expect("plural category of a decimal", lms, lms_plural_category_of_decimal(lms, TEXT("en"), TEXT("1.0")), LMS_OK,
         "other", 1);
  expect("plural category of a non-decimal", lms, lms_plural_category_of_decimal(lms, TEXT("en"), TEXT("one")),
         LMS_INVALID_ARGUMENT, "decimal", 0);
}

static void test_tools(lms_instance *lms) {
  expect("emit", lms, lms_emit(lms, TEXT("lms"), TEXT("LMS-ADM-007"), NULL, 0, NULL, 0, NULL, 0, 0), LMS_OK,
         "\"status\":500", 0);
  {
    /* The result in two parts: the head's JSON, then the body's bytes as a server sends them. */
    const lms_status status = lms_emit(lms, TEXT("lms"), TEXT("LMS-ADM-007"), NULL, 0, NULL, 0, NULL, 0, 0);
    const size_t head = lms_emit_head_size(lms), size = lms_result_size(lms);
    const char *data = lms_result_data(lms);
    check("emit: the head, then the body's bytes",
          status == LMS_OK && head > 0 && head < size && data[0] == '{' && data[head - 1] == '}' &&
              size - head == sizeof(kBody) - 1 && memcmp(data + head, kBody, sizeof(kBody) - 1) == 0);
  }
  expect("emit at a time that is no number", lms,
         lms_emit(lms, TEXT("nestjs"), TEXT("INTERNAL_ERROR"), NULL, 0, NULL, 0, NULL, 0, NAN), LMS_INVALID_ARGUMENT,
         "now must be epoch milliseconds", 0);
  expect("emit with the time in the options", lms,
         lms_emit(lms, TEXT("nestjs"), TEXT("INTERNAL_ERROR"), NULL, 0, NULL, 0, TEXT("{\"now\":0}"), 0), LMS_INVALID_ARGUMENT,
         "unknown option 'now'", 0);
  expect("emit with the request's path", lms,
         lms_emit(lms, TEXT("nestjs"), TEXT("INTERNAL_ERROR"), NULL, 0, TEXT("/api/v1/x"), NULL, 0, 0), LMS_OK,
         "\"path\":\"/api/v1/x\"", 0);
  expect("emit an unknown code", lms, lms_emit(lms, TEXT("lms"), TEXT("NOPE"), NULL, 0, NULL, 0, NULL, 0, 0), LMS_NOT_FOUND, "", 0);
  expect("codegen", lms, lms_codegen(lms, TEXT("go"), TEXT("lms"), TEXT("apperrors")), LMS_OK, "package apperrors", 0);
  expect("emit the HTTP_<status> fallback", lms, lms_emit(lms, TEXT("nestjs"), TEXT("HTTP_404"), NULL, 0, NULL, 0, NULL, 0, 0),
         LMS_OK, "\"status\":404", 0);
  expect("codegen of the code unions", lms, lms_codegen(lms, TEXT("dts"), NULL, 0, NULL, 0), LMS_OK, "NOT_FOUND", 0);
  expect("codegen of an unknown language", lms, lms_codegen(lms, TEXT("cobol"), NULL, 0, NULL, 0), LMS_NOT_FOUND,
         "cobol", 0);
  expect("check locales", lms, lms_check_locales(lms), LMS_OK, "[", 0);
}

/* Instances share nothing: a catalogue loaded into one is not the other's. */
static void test_instances(void) {
  static const char kOneEntry[] =
      "{\"version\":1,\"dialects\":[{\"dialect\":\"lms\",\"entries\":[{\"code\":\"LMS-X-001\",\"status\":418,"
      "\"message\":\"teapot\",\"cause\":\"\",\"params\":[],\"retry\":\"never\",\"action\":\"none\"}]}]}";
  lms_instance *first = lms_create();
  lms_instance *second = lms_create();
  check("two instances", first != NULL && second != NULL && first != second);
  if (first == NULL || second == NULL) return;
  lms_status loaded = lms_load_catalogue(first, TEXT(kOneEntry));
  if (loaded == LMS_OK) {
    expect("the loaded catalogue", first, lms_lookup(first, TEXT("LMS-X-001"), NULL, 0), LMS_OK, "teapot", 0);
    /* Loaded before any call read the embedded catalogue, which is then never read over it. */
    expect("no embedded entry beside it", first, lms_lookup(first, TEXT("LMS-ADM-007"), NULL, 0), LMS_NOT_FOUND,
           "", 0);
    expect("the other instance's catalogue", second, lms_lookup(second, TEXT("LMS-X-001"), NULL, 0), LMS_NOT_FOUND,
           "", 0);
  } else {
    expect("load a catalogue", first, loaded, LMS_OK, "", 0);
  }
  check("input room", lms_input(first, 100) != NULL && lms_input(first, ((size_t)64 << 20) + 1) == NULL);
  lms_destroy(first);
  lms_destroy(second);
  lms_destroy(NULL);
}

int main(void) {
  lms_instance *lms = lms_create();
  if (lms == NULL) {
    fprintf(stderr, "lms_create failed\n");
    return 1;
  }
  test_catalogue(lms);
  test_envelopes(lms);
  test_translations(lms);
  test_tools(lms);
  lms_destroy(lms);
  test_retries();
  test_instances();
  check("heap count is 0 natively", lms_heap_bytes_in_use() == 0);
  if (failures == 0) printf("c_api_test: all checks passed\n");
  return failures == 0 ? 0 : 1;
}
