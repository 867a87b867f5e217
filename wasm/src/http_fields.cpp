// HTTP header fields the envelope reads: Retry-After, HTTP-dates, rate-limit headers.

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "header_values.hpp"
#include "json_scan.hpp"
#include "json_util.hpp"
#include "lms/envelope.hpp"
#include "text_util.hpp"

namespace lms {
namespace {

using text::iequals;
using text::trim;

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian
// calendar, no <chrono> time zone machinery needed.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

Civil civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

// `value` in decimal, zero-padded after any '-' to at least `width` characters (fmt's "{:0N}"),
// through fmt::format_int, the core's one integer writer; returns the end of what was written
// (at most 21 characters beyond `width`).
char* put_zero_padded(char* out, std::int64_t value, int width) {
  const std::uint64_t magnitude = value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  if (value < 0) {
    *out++ = '-';
    --width;
  }
  const fmt::format_int digits(magnitude);
  for (auto count = static_cast<int>(digits.size()); count < width; ++count) *out++ = '0';
  return std::copy_n(digits.data(), digits.size(), out);
}

bool is_leap(std::int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned days_in_month(std::int64_t year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

// Month names 1-12, then the week's days short and long. (One table, one look-up.)
constexpr std::string_view kDateNames[] = {
    "jan",    "feb",     "mar",       "apr",      "may",    "jun",      "jul",    "aug", "sep", "oct",
    "nov",    "dec",     "mon",       "tue",      "wed",    "thu",      "fri",    "sat", "sun", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
constexpr std::size_t kMonthCount = 12;

// The index of `name` (any case) in kDateNames.
std::optional<std::size_t> date_name(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kDateNames); ++i)
    if (iequals(name, kDateNames[i])) return i;
  return std::nullopt;
}

// 1-12 when `name` is a month.
std::optional<unsigned> month_number(std::string_view name) {
  const auto i = date_name(name);
  if (!i || *i >= kMonthCount) return std::nullopt;
  return static_cast<unsigned>(*i + 1);
}

// All digits, 1..max_digits (at most 4) of them.
std::optional<unsigned> small_number(std::string_view token, std::size_t max_digits) {
  if (token.size() > max_digits) return std::nullopt;
  const auto value = text::parse_digits(token, 9999);
  if (!value) return std::nullopt;
  return static_cast<unsigned>(*value);
}

// "08:49:37" -> seconds of the day.
std::optional<unsigned> time_of_day(std::string_view token) {
  if (token.size() != 8 || token[2] != ':' || token[5] != ':') return std::nullopt;
  static constexpr unsigned kMax[] = {23, 59, 60};  // 60: leap second
  unsigned seconds = 0;
  for (std::size_t k = 0; k < 3; ++k) {
    const auto n = small_number(token.substr(3 * k, 2), 2);
    if (!n || *n > kMax[k]) return std::nullopt;
    seconds = seconds * 60 + *n;
  }
  return seconds;
}

// Splits on spaces, commas and hyphens (so "06-Nov-94" becomes three tokens) into `tokens`;
// returns the count. No HTTP-date has more than 8: it stops early on junk, at 9.
constexpr std::size_t kMaxDateTokens = 9;
std::size_t date_tokens(std::string_view text, std::string_view (&tokens)[kMaxDateTokens]) {
  std::size_t count = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ' ' || text[i] == ',' || text[i] == '-' || text[i] == '\t') {
      if (i > start) tokens[count++] = text.substr(start, i - start);
      start = i + 1;
      if (count == kMaxDateTokens) break;
    }
  }
  return count;
}

std::optional<std::int64_t> epoch_ms(std::int64_t year, unsigned month, unsigned day, unsigned seconds) {
  if (year < 1 || year > 9999 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  return (days_from_civil(year, month, day) * 86400 + seconds) * 1000;
}

// now_ms is the caller's, whatever it is: every sum with it stays within the integers a JS
// number holds exactly (±(2^53 − 1)), which is also what the result's JSON reads back as the
// same integer — and, with both sides clamped there first, the sum cannot overflow.
std::int64_t add_saturating(std::int64_t a, std::int64_t b) {
  constexpr std::int64_t kMaxExact = (std::int64_t{1} << 53) - 1;
  a = std::clamp(a, -kMaxExact, kMaxExact);
  b = std::clamp(b, -kMaxExact, kMaxExact);
  return std::clamp(a + b, -kMaxExact, kMaxExact);
}

// One rule for over-large numbers in every header: a wait (Retry-After, a rate-limit reset)
// longer than ~31 years means "not in this session" and is capped there, which also keeps the
// arithmetic safe.
constexpr std::int64_t kMaxWaitMs = std::int64_t{1000000000} * 1000;
std::int64_t capped_time(std::int64_t at_ms, std::int64_t now_ms) { return std::min(at_ms, add_saturating(now_ms, kMaxWaitMs)); }

// Reset value (in thousandths) -> epoch ms: delta seconds, Unix seconds (>= 10^9) or Unix ms
// (>= 10^12).
std::int64_t reset_epoch_ms(std::int64_t thousandths, std::int64_t now_ms) {
  if (thousandths >= std::int64_t{1000000000000} * 1000) return capped_time((thousandths + 999) / 1000, now_ms);
  if (thousandths >= std::int64_t{1000000000} * 1000) return capped_time(thousandths, now_ms);
  return capped_time(add_saturating(now_ms, thousandths), now_ms);
}

// ---- IETF RateLimit structured fields ----------------------------------------------------------

// Splits at top-level commas (quoted strings may contain commas) into `members`, trimmed; at
// most kMaxMembers of them, so a hostile header cannot make this large. Returns the count.
constexpr std::size_t kMaxMembers = 64;
std::size_t split_members(std::string_view field, std::string_view (&members)[kMaxMembers]) {
  std::size_t count = 0;
  std::size_t start = 0;
  bool quoted = false;
  for (std::size_t i = 0; i <= field.size(); ++i) {
    if (i < field.size()) {
      const char c = field[i];
      if (quoted) {
        if (c == '\\') ++i;
        else if (c == '"') quoted = false;
        continue;
      }
      if (c == '"') {
        quoted = true;
        continue;
      }
      if (c != ',') continue;
    }
    members[count++] = trim(field.substr(start, std::min(i, field.size()) - start));
    start = i + 1;
    if (count >= kMaxMembers) break;
  }
  return count;
}

// Header numbers, one rule for every header (Retry-After's delay-seconds, RFC 8941 integers and
// decimals, the rate-limit headers): digits, optionally '.' and more digits ("2", "2.0", "0.25"),
// with white space around; anything else — a sign, "1.", ".5", `1e400` — is not a number and is
// ignored. Read in thousandths (a time in seconds becomes ms), rounded up past the third decimal
// so a wait is never shorter than asked. The whole part saturates at 10^15: more than any wait
// or count means, and its thousandths still fit an int64.
using HeaderNumber = std::optional<std::int64_t>;  // thousandths
constexpr std::uint64_t kMaxHeaderNumber = 1'000'000'000'000'000;
HeaderNumber header_thousandths(std::string_view text) {
  text = trim(text);
  const std::size_t dot = text.find('.');
  const auto whole = text::parse_digits(text.substr(0, dot), kMaxHeaderNumber, text::Overflow::saturate);
  if (!whole) return std::nullopt;
  std::int64_t value = static_cast<std::int64_t>(*whole) * 1000;
  if (dot == std::string_view::npos) return value;
  const std::string_view fraction = text.substr(dot + 1);
  if (fraction.empty() || !std::all_of(fraction.begin(), fraction.end(), text::is_digit)) return std::nullopt;
  for (std::size_t i = 0, scale = 100; i < std::min<std::size_t>(fraction.size(), 3); ++i, scale /= 10)
    value += (fraction[i] - '0') * static_cast<std::int64_t>(scale);
  const bool more = fraction.size() > 3 && fraction.find_first_not_of('0', 3) != std::string_view::npos;
  return value + (more ? 1 : 0);
}

// A count (a limit, what remains): the whole part of a header number.
std::int64_t count_of(std::int64_t thousandths) { return thousandths / 1000; }

// Limit, remaining and reset -> the rate limit; nullopt when the server sent none of the
// three. A member the server did not send is 0.
std::optional<RateLimit> rate_limit_of(const HeaderNumber (&numbers)[3], std::int64_t now_ms) {
  const auto& [limit, remaining, reset] = numbers;
  if (!limit && !remaining && !reset) return std::nullopt;
  return RateLimit{limit ? count_of(*limit) : 0, remaining ? count_of(*remaining) : 0,
                   reset ? reset_epoch_ms(*reset, now_ms) : 0};
}

// One member of a comma-separated structured field: its name (or dictionary key), whether it
// was a key=value dictionary member, its value, and its ";parameters" as text (read on demand:
// no table of them is built).
struct FieldItem {
  std::string_view name;
  bool is_dictionary = false;
  HeaderNumber value;
  std::string_view params;  // from the first ';', or empty

  // The value of the first parameter `key=` (any case) among the first 16 that have a value.
  HeaderNumber param(std::string_view key) const {
    std::string_view rest = params;
    for (std::size_t count = 0; !rest.empty() && count < 16;) {
      const std::size_t next = rest.find(';', 1);
      const std::string_view param = trim(rest.substr(1, next - 1));
      rest = next == std::string_view::npos ? std::string_view() : rest.substr(next);
      const std::size_t equals = param.find('=');
      if (equals == std::string_view::npos) continue;
      ++count;
      if (iequals(trim(param.substr(0, equals)), key)) return header_thousandths(param.substr(equals + 1));
    }
    return std::nullopt;
  }
};

// False for a member whose quoted name is not closed.
bool parse_member(std::string_view member, FieldItem& item) {
  item = FieldItem{};
  std::size_t semicolon;
  if (!member.empty() && member.front() == '"') {
    const std::size_t close = member.find('"', 1);
    if (close == std::string_view::npos) return false;
    item.name = member.substr(1, close - 1);
    semicolon = member.find(';', close);
  } else {
    semicolon = member.find(';');
    std::string_view head = trim(member.substr(0, semicolon));
    const std::size_t equals = head.find('=');
    if (equals != std::string_view::npos) {
      item.is_dictionary = true;
      item.name = trim(head.substr(0, equals));
      item.value = header_thousandths(head.substr(equals + 1));
    } else {
      item.name = head;
    }
  }
  if (semicolon != std::string_view::npos) item.params = member.substr(semicolon);
  return true;
}

std::optional<RateLimit> ietf_rate_limit(std::string_view field, std::optional<std::string_view> policy,
                                         std::int64_t now_ms) {
  std::string_view members[kMaxMembers];
  const std::size_t count = split_members(field, members);
  // Draft -07 and earlier: RateLimit: limit=100, remaining=50, reset=30
  static constexpr std::string_view kKeys[] = {"limit", "remaining", "reset"};
  HeaderNumber numbers[3];
  // Draft -08 on: RateLimit: "default";r=50;t=30 with RateLimit-Policy: "default";q=100;w=60.
  // With several policies the tightest one counts: fewest remaining, then the longest wait.
  std::string_view tightest;
  HeaderNumber tightest_r, tightest_t;
  for (std::size_t k = 0; k < count; ++k) {
    FieldItem item;
    if (!parse_member(members[k], item)) continue;
    if (item.is_dictionary) {
      for (std::size_t n = 0; n < 3; ++n) {
        if (!iequals(item.name, kKeys[n])) continue;
        numbers[n] = item.value;
        break;
      }
      continue;
    }
    const HeaderNumber r = item.param("r");
    if (!r) continue;
    const HeaderNumber t = item.param("t");
    // (A wait the server did not send counts as 0.)
    if (!tightest_r || *r < *tightest_r || (*r == *tightest_r && t.value_or(0) > tightest_t.value_or(0))) {
      tightest = item.name;
      tightest_r = r;
      tightest_t = t;
    }
  }
  if (auto limit = rate_limit_of(numbers, now_ms)) return limit;
  if (!tightest_r) return std::nullopt;
  RateLimit result{0, count_of(*tightest_r), 0};
  if (tightest_t) result.reset_at_ms = capped_time(add_saturating(now_ms, *tightest_t), now_ms);
  if (policy) {
    const std::size_t policies = split_members(*policy, members);
    for (std::size_t k = 0; k < policies; ++k) {
      FieldItem item;
      if (!parse_member(members[k], item) || item.name != tightest) continue;
      if (const HeaderNumber q = item.param("q")) result.limit = count_of(*q);
    }
  }
  return result;
}

// Limit, remaining and reset: the three headers of one family, in that order.
std::optional<RateLimit> separate_headers(const std::optional<std::string_view>* values, std::int64_t now_ms) {
  HeaderNumber numbers[3];
  for (std::size_t k = 0; k < 3; ++k)
    if (values[k]) numbers[k] = header_thousandths(*values[k]);
  return rate_limit_of(numbers, now_ms);
}

// An auth-param's value: a quoted-string's text (backslash escapes undone), or a token.
std::string auth_param_value(std::string_view value) {
  value = trim(value);
  if (value.empty() || value.front() != '"') return std::string(value);
  std::string text;
  for (std::size_t i = 1; i < value.size() && value[i] != '"'; ++i) {
    if (value[i] == '\\' && i + 1 < value.size()) ++i;
    text.push_back(value[i]);
  }
  return text;
}

}  // namespace

// The challenge's comma-separated members, as the structured fields above are split (quoted
// commas kept); a challenge's first auth-param follows its scheme ("Bearer realm=...").
AuthChallenge auth_challenge(std::string_view header) {
  AuthChallenge challenge;
  std::string_view members[kMaxMembers];
  const std::size_t count = split_members(header, members);
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t equals = members[k].find('=');
    if (equals == std::string_view::npos) continue;
    std::string_view name = trim(members[k].substr(0, equals));
    if (const std::size_t space = name.find_last_of(" \t"); space != std::string_view::npos) name.remove_prefix(space + 1);
    if (iequals(name, "error")) challenge.error = auth_param_value(members[k].substr(equals + 1));
    else if (iequals(name, "error_description")) challenge.description = auth_param_value(members[k].substr(equals + 1));
  }
  return challenge;
}

std::optional<std::int64_t> parse_http_date(std::string_view input) {
  std::string_view tokens[kMaxDateTokens];
  const std::size_t count = date_tokens(trim(input), tokens);
  std::size_t i = 0;
  if (i < count) {
    const auto name = date_name(tokens[i]);
    if (name && *name >= kMonthCount) ++i;  // a weekday
  }
  const std::size_t left = count - i;
  if (left < 4) return std::nullopt;
  const std::string_view* t = tokens + i;
  // Where the day, month, year and time are: IMF-fixdate "06 Nov 1994 08:49:37 GMT" and RFC
  // 850 "06-Nov-94 08:49:37 GMT"; asctime "Nov  6 08:49:37 1994" starts with the month.
  const bool asctime = month_number(t[0]).has_value();
  static constexpr std::uint8_t kOrder[2][4] = {{0, 1, 2, 3}, {1, 0, 3, 2}};
  const std::uint8_t* at = kOrder[asctime];
  const std::string_view year_token = t[at[2]];
  const auto day = small_number(t[at[0]], 2);
  const auto month = month_number(t[at[1]]);
  const auto year = small_number(year_token, 4);
  const auto seconds = time_of_day(t[at[3]]);
  if (!day || !month || !year || !seconds) return std::nullopt;
  if (asctime) {
    if (left != 4 || year_token.size() != 4) return std::nullopt;
  } else {
    if (left > 5 || (left == 5 && !iequals(t[4], "GMT") && !iequals(t[4], "UTC"))) return std::nullopt;
    if (year_token.size() != 2 && year_token.size() != 4) return std::nullopt;
  }
  std::int64_t full_year = *year;
  if (year_token.size() == 2) full_year += full_year < 70 ? 2000 : 1900;  // RFC 850's yy
  return epoch_ms(full_year, *month, *day, *seconds);
}

std::optional<std::int64_t> retry_after_ms(std::string_view value, std::int64_t now_ms) {
  constexpr std::int64_t kMaxMs = kMaxWaitMs;
  if (const HeaderNumber ms = header_thousandths(value)) return std::min(*ms, kMaxMs);
  value = trim(value);
  if (value.empty()) return std::nullopt;
  auto date = parse_http_date(value);
  if (!date) return std::nullopt;
  if (now_ms > *date) return 0;
  if (now_ms < *date - kMaxMs) return kMaxMs;  // (no overflow: dates are years 1..9999)
  return *date - now_ms;
}

std::optional<RateLimit> rate_limit_from(const HeaderValues& headers, std::int64_t now_ms) {
  using H = HeaderValues;
  if (headers[H::ratelimit])
    if (auto limit = ietf_rate_limit(*headers[H::ratelimit], headers[H::ratelimit_policy], now_ms)) return limit;
  if (auto limit = separate_headers(&headers.values[H::ratelimit_limit], now_ms)) return limit;
  if (auto limit = separate_headers(&headers.values[H::x_limit], now_ms)) return limit;
  return separate_headers(&headers.values[H::x_dash_limit], now_ms);
}

std::optional<RateLimit> rate_limit_from_headers(const std::vector<Header>& headers, std::int64_t now_ms) {
  return rate_limit_from(HeaderValues(headers), now_ms);
}

void header_views_from_json(std::string_view json_pairs, std::vector<HeaderView>& views, std::string& decoded) {
  views.clear();
  decoded.clear();
  if (json_pairs.size() > kMaxBodyBytes) return;
  // A string decodes to at most its JSON's length, so `decoded` never outgrows the room
  // reserved here, and the views into it stay valid while more strings are appended.
  if (json_pairs.find('\\') != std::string_view::npos) decoded.reserve(json_pairs.size());
  const auto text_of = [&decoded](std::string_view string) {
    if (std::optional<std::string_view> plain = jscan::plain_string(string)) return *plain;
    const std::size_t start = decoded.size();
    decoded += jscan::decode_string(string);
    return std::string_view(decoded).substr(start);
  };
  // The pairs are read as the text is validated (one pass); invalid JSON, or JSON other than an
  // array, is no headers.
  std::string_view root;
  const bool valid = jscan::validate(json_pairs, kMaxJsonDepth, root, [&](jscan::Slice, jscan::Slice pair) {
    std::string_view parts[2];
    int count = 0;  // a pair has two parts; more (or fewer) and it is skipped
    jscan::for_each_element(pair, [&](std::string_view part) {
      if (count < 2) parts[count] = part;
      ++count;
    });
    if (count == 2 && jscan::is_string(parts[0]) && jscan::is_string(parts[1]))
      views.push_back({text_of(parts[0]), text_of(parts[1])});
  });
  if (!valid || !jscan::is_array(root)) views.clear();
}

std::string_view format_iso8601(std::int64_t epoch_ms, Iso8601Text& text) {
  std::int64_t days = epoch_ms / 86400000;
  std::int64_t ms_of_day = epoch_ms % 86400000;
  if (ms_of_day < 0) {
    ms_of_day += 86400000;
    --days;
  }
  const Civil date = civil_from_days(days);
  const auto seconds = ms_of_day / 1000;
  // "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z" written field by field: a compiled fmt call
  // with padded fields brings fmt's whole padding and spec machinery into the page's .wasm.
  const std::int64_t fields[] = {date.year, date.month, date.day, seconds / 3600, seconds / 60 % 60, seconds % 60,
                                 ms_of_day % 1000};
  constexpr int kWidths[] = {4, 2, 2, 2, 2, 2, 3};
  constexpr char kAfter[] = "--T::.Z";
  char* end = text.data();
  for (std::size_t i = 0; i < std::size(fields); ++i) {
    end = put_zero_padded(end, fields[i], kWidths[i]);
    *end++ = kAfter[i];
  }
  return {text.data(), static_cast<std::size_t>(end - text.data())};
}

std::string format_iso8601(std::int64_t epoch_ms) {
  Iso8601Text text;
  return std::string(format_iso8601(epoch_ms, text));
}

}  // namespace lms
