// Go from the catalogue: a plain file (standard library only) in gofmt's layout, for the LMS
// backend's internal/apperrors. Every entry is an *AppError carrying the whole row; Lookup is a
// map; errors.Is matches by (dialect, code); the underlying error is wrapped for logs only.
#include <fmt/compile.h>

#include <algorithm>

#include "codegen_writers.hpp"

namespace lms::codegen {
namespace {

// gofmt aligns a const block's names and types in columns: `name<pad> Type = "value"`.
std::string const_block(std::string_view type, std::string_view prefix, const std::vector<std::string_view>& values) {
  std::size_t width = 0;
  for (std::string_view value : values) width = std::max(width, prefix.size() + pascal_case(value).size());
  std::string out = "const (\n";
  for (std::string_view value : values) {
    const std::string name = std::string(prefix) + pascal_case(value);
    out += fmt::format(FMT_COMPILE("\t{}{} {} = {}\n"), name, std::string(width - name.size(), ' '), type, quoted(value));
  }
  return out + ")\n";
}

std::string var_name(const Entry& entry, bool one_dialect) {
  return "Err" + (!one_dialect && entry.dialect != "lms" ? pascal_case(entry.dialect) : std::string()) +
         pascal_case(entry.code);
}

std::string entry_literal(const Entry& entry) {
  std::string out = fmt::format(FMT_COMPILE("&AppError{{Dialect: {}, Code: {}, Status: {}, Message: {}, Cause: {}"),
                                quoted(entry.dialect), quoted(entry.code), entry.status, quoted(entry.message),
                                quoted(entry.cause));
  if (!entry.params.empty()) {
    out += ", Params: []string{";
    for (std::size_t i = 0; i < entry.params.size(); ++i) out += (i ? ", " : "") + quoted(entry.params[i]);
    out += '}';
  }
  return out + fmt::format(FMT_COMPILE(", Retry: Retry{}, Action: Action{}}}"), pascal_case(to_string(entry.retry)),
                           pascal_case(to_string(entry.action)));
}

constexpr std::string_view kTypes =
    "// RetryClass says how an error may be retried automatically.\n"
    "type RetryClass string\n\n"
    "// The retry classes.\n";

constexpr std::string_view kAction =
    "\n// Action says what the user (or the app) should do about an error.\n"
    "type Action string\n\n"
    "// The actions.\n";

constexpr std::string_view kAppError =
    "\n// AppError is a catalogue entry, or one occurrence of it: the code and HTTP status a client\n"
    "// gets, the Message it is sent (with {placeholders} for the Params, whose values are in Values),\n"
    "// the likely Cause (developer text), the Retry class and the Action the catalogue gives, and\n"
    "// Err, the underlying failure: it is in Error() and Unwrap() for the logs, never in a response.\n"
    "type AppError struct {\n"
    "\tDialect string\n"
    "\tCode    string\n"
    "\tStatus  int\n"
    "\tMessage string\n"
    "\tCause   string\n"
    "\tParams  []string\n"
    "\tRetry   RetryClass\n"
    "\tAction  Action\n"
    "\tValues  map[string]string\n"
    "\tErr     error\n"
    "}\n\n"
    "// Error is the line for the logs: code, message and the underlying error. Send Message.\n"
    "func (e *AppError) Error() string {\n"
    "\tif e.Err != nil {\n"
    "\t\treturn e.Code + \" \" + e.Message + \": \" + e.Err.Error()\n"
    "\t}\n"
    "\treturn e.Code + \" \" + e.Message\n"
    "}\n\n"
    "// Unwrap returns the underlying error, so errors.Is and errors.As see through an AppError.\n"
    "func (e *AppError) Unwrap() error { return e.Err }\n\n"
    "// Is reports whether target is an *AppError of the same dialect and code, so\n"
    "// errors.Is(err, ErrX) holds for every occurrence made from the entry ErrX.\n"
    "func (e *AppError) Is(target error) bool {\n"
    "\tt, ok := target.(*AppError)\n"
    "\treturn ok && t != nil && t.Dialect == e.Dialect && t.Code == e.Code\n"
    "}\n\n"
    "// Wrap returns a copy of e carrying err, the underlying failure (for the logs).\n"
    "func (e *AppError) Wrap(err error) *AppError {\n"
    "\tc := *e\n"
    "\tc.Err = err\n"
    "\treturn &c\n"
    "}\n\n"
    "// With returns a copy of e carrying the values of its Params.\n"
    "func (e *AppError) With(values map[string]string) *AppError {\n"
    "\tc := *e\n"
    "\tc.Values = values\n"
    "\treturn &c\n"
    "}\n\n";

constexpr std::string_view kLookup =
    "\ntype key struct{ dialect, code string }\n\n"
    "var byKey = func() map[key]*AppError {\n"
    "\tm := make(map[key]*AppError, len(All))\n"
    "\tfor _, e := range All {\n"
    "\t\tm[key{e.Dialect, e.Code}] = e\n"
    "\t}\n"
    "\treturn m\n"
    "}()\n\n"
    "// Lookup finds the entry of (dialect, code) in constant time. Entries are shared: make an\n"
    "// occurrence with Wrap or With rather than changing one.\n"
    "func Lookup(dialect, code string) (*AppError, bool) {\n"
    "\te, ok := byKey[key{dialect, code}]\n"
    "\treturn e, ok\n"
    "}\n";

}  // namespace

std::string go(const Input& input, std::string_view package) {
  std::string out = fmt::format(
      FMT_COMPILE("// Code generated by `{}` from the lms-errors catalogue. DO NOT EDIT.\n\n"
                  "// Package {} is the API error table shared with the browser (lms-errors): every\n"
                  "// catalogue entry as an *AppError, found by Lookup(dialect, code).\n"
                  "package {}\n\n"
                  "// CatalogueRevision is the content hash of the catalogue this file was generated from;\n"
                  "// servers send it as the X-Lms-Catalogue-Revision header.\n"
                  "const CatalogueRevision = {}\n\n"),
      input.command, package, package, quoted(input.revision));
  out += kTypes;
  out += const_block("RetryClass", "Retry", {"transient", "throttle", "never"});
  out += kAction;
  out += const_block("Action", "Action", {"retry", "wait", "refresh", "login", "reload", "fix", "contact", "none"});
  out += kAppError;
  const bool one_dialect = !input.dialect.empty();
  for (const Entry* entry : input.entries)
    out += fmt::format(FMT_COMPILE("// {} is {} {} ({}).\nvar {} = {}\n\n"), var_name(*entry, one_dialect),
                       entry->dialect, entry->code, entry->status, var_name(*entry, one_dialect), entry_literal(*entry));
  out += "// All lists every entry in catalogue order.\nvar All = []*AppError{\n";
  for (const Entry* entry : input.entries) out += fmt::format(FMT_COMPILE("\t{},\n"), var_name(*entry, one_dialect));
  out += "}\n";
  out += kLookup;
  return out;
}

}  // namespace lms::codegen
