// The fleet simulation: what the retry policy does to a server when thousands of pupils' tabs
// all meet the same 30-second outage. A discrete-event simulation on a simulated clock that
// asks the REAL lms::decide() (with the real catalogue and per-client RetryBudget) for every
// decision, so what it measures is what ships.
//
//   lms_fleet [--clients N] [--seed N] [--runs N] [--json] [--svg PATH]
//
// Each policy is run with --runs different seeds (default 5: seed, seed+1, ...); the report
// gives the WORST peak over the runs (the goal is a ceiling) and the mean of everything else.
//
// Model (numbers in Scenario below):
// - Each client is one pupil's tab. It submits an answer every 20-60 s (uniform), as a POST
//   with an idempotency key (so 5xx may be retried), starting at a random moment in the first
//   minute. Submissions stop after 7 minutes; the run ends when everything is delivered
//   (or after 30 simulated minutes: whatever is left then counts as lost).
// - The server serves `capacity` requests per second, first come first served, sized so the
//   normal load is 60% of it. A request it could not start within 1 s is shed with an
//   immediate 503. From t = 120 s it is fully down for 30 s: every request gets a 503 from
//   the gateway at once (the harsh case for retries: failures cost the client nothing).
// - A failed attempt goes to decide(); a request decide() gives up on goes to the client's
//   outbox. The outbox has at most one request on the wire: 30 s later (+-50% jitter) it sends
//   its oldest request again (through decide() again); whenever a request of that client
//   succeeds (the tab has seen the server answer) it sends the next one at once. This is the
//   outbox the UI should build: re-sending every request every 30 s, or all of them at the
//   first success, multiplies an outage by the queue length.
// Offered load is the number of requests arriving at the server per simulated second,
// successful or not, divided by the capacity.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <queue>
#include <string>
#include <string_view>
#include <vector>

#include "lms/catalogue.hpp"
#include "lms/error.hpp"
#include "lms/retry.hpp"

namespace {

struct Scenario {
  int clients = 10'000;
  std::uint64_t seed = 1;
  double min_gap_ms = 20'000;  // between one pupil's submissions
  double max_gap_ms = 60'000;
  double utilisation = 0.6;  // normal load / capacity
  std::int64_t outage_start_ms = 120'000;
  std::int64_t outage_ms = 30'000;
  std::int64_t submit_until_ms = 420'000;
  std::int64_t horizon_ms = 1'800'000;
  std::int64_t outbox_interval_ms = 30'000;
  double max_queue_ms = 1000;  // the server sheds (503) what it could not start within this
  std::int64_t epoch_ms = 1'700'000'000'000;  // ctx.now = epoch + simulated time

  double capacity_rps() const {
    const double normal_rps = clients / ((min_gap_ms + max_gap_ms) / 2 / 1000);
    return normal_rps / utilisation;
  }
  std::int64_t recovery_ms() const { return outage_start_ms + outage_ms; }
  bool down(std::int64_t t) const { return t >= outage_start_ms && t < recovery_ms(); }
};

// splitmix64: tiny, fast and the same on every platform (std's distributions are not).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)

 private:
  std::uint64_t state_;
};

struct Submission {
  std::int64_t at_ms;
  int client;
};

// The same pupils submit at the same moments under every policy.
std::vector<Submission> submissions(const Scenario& s) {
  Rng rng(s.seed);
  std::vector<Submission> all;
  for (int client = 0; client < s.clients; ++client) {
    double t = rng.uniform() * s.max_gap_ms;
    while (t < static_cast<double>(s.submit_until_ms)) {
      all.push_back({static_cast<std::int64_t>(t), client});
      t += s.min_gap_ms + rng.uniform() * (s.max_gap_ms - s.min_gap_ms);
    }
  }
  return all;
}

struct NamedPolicy {
  std::string name;
  lms::RetryPolicy policy;
};

std::vector<NamedPolicy> policies() {
  std::vector<NamedPolicy> all;
  const std::pair<const char*, lms::Jitter> jitters[] = {
      {"seed", lms::Jitter::none}, {"full-jitter", lms::Jitter::full}, {"equal-jitter", lms::Jitter::equal}};
  for (const auto& [name, jitter] : jitters) {
    for (bool budget : {false, true}) {
      lms::RetryPolicy policy;
      policy.jitter = jitter;
      policy.budget.enabled = budget;
      all.push_back({fmt::format("{}{}", name, budget ? "+budget" : ""), policy});
    }
  }
  // Why the default budget holds one retry: room for two (capacity 10 at 5 per retry) ...
  lms::RetryPolicy two_retries;
  two_retries.budget.capacity = 10;
  all.push_back({"equal-jitter+budget-cap10", two_retries});
  // ... and the AWS SDK's own numbers (500 tokens, 10 per timeout, no refill with time), sized
  // for a server-side client sending hundreds of requests a second, not for a pupil's tab.
  lms::RetryPolicy aws;
  aws.budget.capacity = 500;
  aws.budget.timeout_cost = 10;
  aws.budget.refill_per_second = 0;
  all.push_back({"equal-jitter+aws-budget", aws});
  return all;
}

bool same_policy(const lms::RetryPolicy& a, const lms::RetryPolicy& b) {
  return lms::to_json(a) == lms::to_json(b);
}

struct Result {
  std::string name;
  double peak_load_ratio = 0;  // one run; after aggregate(): the worst run
  double mean_peak_load_ratio = 0;
  std::int64_t total_requests = 0;
  std::int64_t drain_p50_ms = 0;
  std::int64_t drain_p99_ms = 0;
  std::int64_t drain_max_ms = 0;
  std::int64_t outboxed = 0;
  std::int64_t lost = 0;
  std::int64_t submitted = 0;
  std::vector<int> arrivals;  // per simulated second
};

enum class Kind : std::uint8_t { submit, send, response, outbox };

struct Event {
  std::int64_t at_ms;
  std::uint64_t seq;  // FIFO among equal times: deterministic order
  Kind kind;
  bool ok;
  std::uint32_t generation;  // outbox timers armed before the last flush are stale
  int id;                    // the request; for outbox timers, the client
  bool operator>(const Event& other) const {
    return at_ms != other.at_ms ? at_ms > other.at_ms : seq > other.seq;
  }
};

struct Request {
  int client = 0;
  std::int64_t created_ms = 0;
  std::int64_t sequence_start_ms = 0;  // first attempt of the current send (fresh, or from the outbox)
  int attempt = 0;
  double spent = 0;  // budget tokens withdrawn during the current send
  bool was_outboxed = false;
  bool from_outbox = false;
  std::int64_t delivered_ms = -1;
};

struct Client {
  lms::RetryBudget budget;
  std::deque<int> outbox;  // oldest first
  bool timer_armed = false;
  bool sending = false;  // one outbox request is on the wire
  std::uint32_t generation = 0;
};

std::int64_t percentile(std::vector<std::int64_t>& values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(rank, values.size() - 1)];
}

Result simulate(const Scenario& s, const std::vector<Submission>& subs, const NamedPolicy& named,
                const lms::Catalogue& catalogue) {
  Rng rng(s.seed ^ 0x5eedull);
  const lms::RetryPolicy& policy = named.policy;
  const double service_ms = 1000 / s.capacity_rps();
  double busy_until_ms = 0;  // when the server has worked through its queue

  lms::NormalizedError unavailable;  // what the gateway or the shedding server sends
  unavailable.dialect = "http";
  unavailable.code = "HTTP_503";
  unavailable.status = 503;
  unavailable.known = true;

  Result result;
  result.name = named.name;
  result.submitted = static_cast<std::int64_t>(subs.size());
  result.arrivals.assign(static_cast<std::size_t>(s.horizon_ms / 1000) + 1, 0);
  std::vector<Request> requests;
  requests.reserve(subs.size());
  std::vector<Client> clients(static_cast<std::size_t>(s.clients));
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
  std::uint64_t seq = 0;
  auto schedule = [&](std::int64_t at, Kind kind, int id, bool ok = false, std::uint32_t generation = 0) {
    events.push({at, seq++, kind, ok, generation, id});
  };

  for (const Submission& sub : subs) {
    requests.push_back({});
    requests.back().client = sub.client;
    requests.back().created_ms = sub.at_ms;
    schedule(sub.at_ms, Kind::submit, static_cast<int>(requests.size() - 1));
  }

  auto send = [&](int id, std::int64_t now) {
    ++result.total_requests;
    ++result.arrivals[static_cast<std::size_t>(now / 1000)];
    if (s.down(now)) return schedule(now + 10, Kind::response, id, false);
    const double start_ms = std::max(static_cast<double>(now), busy_until_ms);
    if (start_ms - static_cast<double>(now) > s.max_queue_ms) return schedule(now + 5, Kind::response, id, false);  // shed
    busy_until_ms = start_ms + service_ms;
    schedule(static_cast<std::int64_t>(busy_until_ms) + 40 + static_cast<std::int64_t>(rng.uniform() * 80), Kind::response, id, true);
  };
  auto start = [&](int id, std::int64_t now, bool from_outbox = false) {
    Request& r = requests[static_cast<std::size_t>(id)];
    r.sequence_start_ms = now;
    r.attempt = 1;
    r.spent = 0;
    r.from_outbox = from_outbox;
    send(id, now);
  };
  auto send_from_outbox = [&](Client& client, std::int64_t now) {
    if (client.sending || client.outbox.empty()) return;
    client.sending = true;
    const int oldest = client.outbox.front();
    client.outbox.pop_front();
    start(oldest, now, true);
  };
  auto arm_outbox_timer = [&](int client_id, std::int64_t now) {
    Client& client = clients[static_cast<std::size_t>(client_id)];
    if (client.timer_armed || client.sending) return;
    client.timer_armed = true;
    const double wait = static_cast<double>(s.outbox_interval_ms) * (0.5 + rng.uniform());
    schedule(now + static_cast<std::int64_t>(wait), Kind::outbox, client_id, false, client.generation);
  };

  while (!events.empty()) {
    const Event event = events.top();
    events.pop();
    const std::int64_t now = event.at_ms;
    if (now >= s.horizon_ms) break;
    if (event.kind == Kind::outbox) {
      Client& client = clients[static_cast<std::size_t>(event.id)];
      if (event.generation != client.generation) continue;
      client.timer_armed = false;
      send_from_outbox(client, now);
      continue;
    }
    Request& r = requests[static_cast<std::size_t>(event.id)];
    Client& client = clients[static_cast<std::size_t>(r.client)];
    switch (event.kind) {
      case Kind::submit: start(event.id, now); break;
      case Kind::send: send(event.id, now); break;
      case Kind::outbox: break;
      case Kind::response: {
        if (event.ok) {
          r.delivered_ms = now;
          client.budget.on_success(r.spent, s.epoch_ms + now, policy.budget);
          // The tab has seen the server answer: send the next request of the outbox now.
          if (r.from_outbox) {
            client.sending = false;
            ++client.generation;  // the timer is not needed while the outbox drains by itself
            client.timer_armed = false;
            send_from_outbox(client, now);
          }
          break;
        }
        lms::RetryContext ctx;
        ctx.attempt = r.attempt;
        ctx.method = "POST";
        ctx.has_idempotency_key = true;
        ctx.elapsed_ms = now - r.sequence_start_ms;
        ctx.now_ms = s.epoch_ms + now;
        ctx.random = rng.uniform();
        const lms::Decision decision = lms::decide(catalogue, unavailable, ctx, policy, &client.budget);
        if (decision.retry) {
          r.spent += decision.cost;
          ++r.attempt;
          schedule(now + decision.delay_ms, Kind::send, event.id);
        } else {
          r.was_outboxed = true;
          if (r.from_outbox) {
            client.outbox.push_front(event.id);
            client.sending = false;
          } else {
            client.outbox.push_back(event.id);
          }
          arm_outbox_timer(r.client, now);
        }
        break;
      }
    }
  }

  std::vector<std::int64_t> drains;  // requests still undelivered when the server came back
  for (const Request& r : requests) {
    if (r.was_outboxed) ++result.outboxed;
    if (r.delivered_ms < 0) ++result.lost;
    if (r.created_ms < s.recovery_ms() && (r.delivered_ms < 0 || r.delivered_ms >= s.recovery_ms()))
      drains.push_back(r.delivered_ms < 0 ? s.horizon_ms - s.recovery_ms() : r.delivered_ms - s.recovery_ms());
  }
  result.drain_p50_ms = percentile(drains, 0.50);
  result.drain_p99_ms = percentile(drains, 0.99);
  result.drain_max_ms = drains.empty() ? 0 : drains.back();
  const int peak = *std::max_element(result.arrivals.begin(), result.arrivals.end());
  result.peak_load_ratio = result.mean_peak_load_ratio = peak / s.capacity_rps();
  return result;
}

// Several seeds of one policy: the worst peak and lost count, the mean of the rest, and the
// load curve of the first run (for the plot).
Result aggregate(std::vector<Result> runs) {
  Result total = runs.front();
  const auto n = static_cast<std::int64_t>(runs.size());
  double peak_sum = 0;
  std::int64_t sums[5] = {};
  for (const Result& run : runs) {
    total.peak_load_ratio = std::max(total.peak_load_ratio, run.peak_load_ratio);
    total.lost = std::max(total.lost, run.lost);
    peak_sum += run.peak_load_ratio;
    const std::int64_t values[5] = {run.total_requests, run.drain_p50_ms, run.drain_p99_ms, run.drain_max_ms, run.outboxed};
    for (int i = 0; i < 5; ++i) sums[i] += values[i];
  }
  total.mean_peak_load_ratio = peak_sum / static_cast<double>(n);
  std::int64_t* fields[5] = {&total.total_requests, &total.drain_p50_ms, &total.drain_p99_ms, &total.drain_max_ms, &total.outboxed};
  for (int i = 0; i < 5; ++i) *fields[i] = (sums[i] + n / 2) / n;
  return total;
}

// ---- output --------------------------------------------------------------------------------

std::string json_report(const std::vector<Result>& results, std::string_view default_name) {
  std::string text = fmt::format("{{\"default\":\"{}\",\"policies\":[", default_name);
  for (std::size_t i = 0; i < results.size(); ++i) {
    const Result& r = results[i];
    text += fmt::format(
        "{}{{\"name\":\"{}\",\"peakLoadRatio\":{:.3f},\"totalRequests\":{},\"drainP50Ms\":{},"
        "\"drainP99Ms\":{},\"outboxed\":{},\"lost\":{}}}",
        i ? "," : "", r.name, r.peak_load_ratio, r.total_requests, r.drain_p50_ms, r.drain_p99_ms,
        r.outboxed, r.lost);
  }
  return text + "]}\n";
}

std::string table_report(const Scenario& s, int runs, const std::vector<Result>& results,
                         std::string_view default_name) {
  std::string text = fmt::format(
      "Fleet simulation: {} clients (a submission every {:.0f}-{:.0f} s each, {} in all), server capacity "
      "{:.0f} req/s (normal load {:.0f}%), down from t={} s for {} s; {} run{} (seeds {}-{}).\n\n",
      s.clients, s.min_gap_ms / 1000, s.max_gap_ms / 1000, results.empty() ? 0 : results[0].submitted,
      s.capacity_rps(), s.utilisation * 100, s.outage_start_ms / 1000, s.outage_ms / 1000, runs,
      runs == 1 ? "" : "s", s.seed, s.seed + static_cast<std::uint64_t>(runs) - 1);
  text += "| policy | peak load ÷ capacity (worst) | (mean) | requests sent | drain p50 | drain p99 | drain max | outboxed | lost |\n";
  text += "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  for (const Result& r : results) {
    text += fmt::format("| {}{} | {:.2f} | {:.2f} | {} | {:.1f} s | {:.1f} s | {:.1f} s | {} | {} |\n", r.name,
                        r.name == default_name ? " (default)" : "", r.peak_load_ratio, r.mean_peak_load_ratio, r.total_requests,
                        static_cast<double>(r.drain_p50_ms) / 1000, static_cast<double>(r.drain_p99_ms) / 1000,
                        static_cast<double>(r.drain_max_ms) / 1000, r.outboxed, r.lost);
  }
  return text;
}

// Offered load over time, one line per policy: colour = jitter, dashes = no budget.
std::string svg_plot(const Scenario& s, const std::vector<Result>& results, std::string_view default_name) {
  const int width = 1000, height = 480, left = 60, right = 290, top = 40, bottom = 50;
  const std::int64_t from_s = s.outage_start_ms / 1000 - 20, to_s = s.recovery_ms() / 1000 + 100;
  double y_max = 1.5;
  for (const Result& r : results) y_max = std::max(y_max, r.peak_load_ratio);
  y_max = static_cast<double>(static_cast<int>(y_max * 2) + 1) / 2;  // next 0.5 step
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  auto x = [&](double second) { return left + (second - static_cast<double>(from_s)) / static_cast<double>(to_s - from_s) * plot_w; };
  auto y = [&](double ratio) { return top + plot_h - ratio / y_max * plot_h; };

  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"{0}\" height=\"{1}\" fill=\"white\"/>\n",
      width, height);
  svg += fmt::format(
      "<text x=\"{}\" y=\"22\" font-size=\"15\">Offered load ÷ capacity per second — {} clients, server down {} s "
      "(curves: seed {}; dashed: no budget)</text>\n",
      left, s.clients, s.outage_ms / 1000, s.seed);
  svg += fmt::format("<rect x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"#f3d6d6\"/>\n",
                     x(static_cast<double>(s.outage_start_ms) / 1000), top,
                     x(static_cast<double>(s.recovery_ms()) / 1000) - x(static_cast<double>(s.outage_start_ms) / 1000), plot_h);
  svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" fill=\"#a33\">server down</text>\n",
                     x(static_cast<double>(s.outage_start_ms) / 1000) + 4, top + 14);
  for (double tick = 0; tick <= y_max + 1e-9; tick += 0.5) {
    const bool marked = tick == 1.0 || tick == 1.5;
    svg += fmt::format("<line x1=\"{}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\"{}/>\n", left,
                       left + plot_w, y(tick), y(tick), marked ? "#555" : "#ddd",
                       tick == 1.5 ? " stroke-dasharray=\"2 3\"" : "");
    svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{:.1f}</text>\n", left - 6, y(tick) + 4, tick);
  }
  svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" fill=\"#555\">capacity</text>\n", left + plot_w - 52, y(1.0) - 4);
  svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" fill=\"#555\">goal ≤ 1.5</text>\n", left + plot_w - 60, y(1.5) - 4);
  for (std::int64_t second = from_s; second <= to_s; second += 20) {
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", x(static_cast<double>(second)),
                       top + static_cast<int>(plot_h) + 18, second);
  }
  svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">simulated time (s)</text>\n",
                     left + plot_w / 2, height - 8);

  const char* colours[] = {"#222222", "#1f77b4", "#2ca02c", "#ff7f0e", "#d62728"};
  for (std::size_t i = 0; i < results.size(); ++i) {
    const Result& r = results[i];
    const std::size_t colour = r.name.find("aws") != std::string::npos       ? 4
                               : r.name.find("budget-") != std::string::npos ? 3
                               : r.name.starts_with("seed")                  ? 0
                               : r.name.starts_with("full")                  ? 1
                                                                             : 2;
    const bool budget = r.name.find("budget") != std::string::npos;
    std::string points;
    for (std::int64_t second = from_s; second <= to_s; ++second)
      points += fmt::format("{:.1f},{:.1f} ", x(static_cast<double>(second)),
                            y(r.arrivals[static_cast<std::size_t>(second)] / s.capacity_rps()));
    svg += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{} points=\"{}\"/>\n",
                       colours[colour], r.name == default_name ? 2.5 : 1.2,
                       budget ? "" : " stroke-dasharray=\"5 3\"", points);
    const double legend_y = top + 16 + static_cast<double>(i) * 20;
    svg += fmt::format("<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" stroke-width=\"2\"{}/>\n",
                       left + plot_w + 16, left + plot_w + 40, legend_y, legend_y, colours[colour],
                       budget ? "" : " stroke-dasharray=\"5 3\"");
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\">{}{} (worst peak {:.2f})</text>\n", left + plot_w + 46,
                       legend_y + 4, r.name, r.name == default_name ? " ★" : "", r.peak_load_ratio);
  }
  return svg + "</svg>\n";
}

bool write_file(const std::string& path, const std::string& text) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return false;
  const bool ok = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  return std::fclose(file) == 0 && ok;
}

int usage() {
  std::fputs("usage: lms_fleet [--clients N] [--seed N] [--runs N] [--json] [--svg PATH]\n", stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Scenario scenario;
  bool json = false;
  int runs = 5;
  std::string svg_path;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--json") json = true;
    else if (arg == "--clients" && has_value) scenario.clients = std::atoi(argv[++i]);
    else if (arg == "--seed" && has_value) scenario.seed = std::strtoull(argv[++i], nullptr, 10);
    else if (arg == "--runs" && has_value) runs = std::atoi(argv[++i]);
    else if (arg == "--svg" && has_value) svg_path = argv[++i];
    else return usage();
  }
  if (scenario.clients < 10 || scenario.clients > 1'000'000 || runs < 1 || runs > 100) return usage();

  auto catalogue = lms::Catalogue::from_json(lms::Catalogue::embedded_json());
  if (!catalogue.ok()) {
    fmt::print(stderr, "lms_fleet: the embedded catalogue is invalid: {}\n", catalogue.status().message());
    return 1;
  }
  std::vector<std::vector<Submission>> subs;
  for (int run = 0; run < runs; ++run) {
    Scenario seeded = scenario;
    seeded.seed += static_cast<std::uint64_t>(run);
    subs.push_back(submissions(seeded));
  }
  std::vector<Result> results;
  std::string default_name;
  for (const NamedPolicy& named : policies()) {
    std::vector<Result> per_run;
    for (int run = 0; run < runs; ++run) {
      Scenario seeded = scenario;
      seeded.seed += static_cast<std::uint64_t>(run);
      per_run.push_back(simulate(seeded, subs[static_cast<std::size_t>(run)], named, catalogue.value()));
    }
    results.push_back(aggregate(std::move(per_run)));
    // The policy decide() uses when given none: the one the simulation must vindicate.
    if (same_policy(named.policy, lms::RetryPolicy{})) default_name = named.name;
  }
  if (default_name.empty()) {
    std::fputs("lms_fleet: the default RetryPolicy is none of the simulated policies\n", stderr);
    return 1;
  }
  if (!svg_path.empty() && !write_file(svg_path, svg_plot(scenario, results, default_name))) {
    fmt::print(stderr, "lms_fleet: cannot write {}\n", svg_path);
    return 1;
  }
  const std::string report = json ? json_report(results, default_name) : table_report(scenario, runs, results, default_name);
  std::fwrite(report.data(), 1, report.size(), stdout);
  return 0;
}
