// fd_soak: the load generator of `make soak` (scripts/soak). Keeps CONNECTIONS keep-alive
// HTTP/1.1 connections busy with a weighted mix of requests for a set time and reports, per
// kind of request, the count, throughput, p50/p99 and every status outside 2xx; with --pid,
// the server's resident memory (anonymous: heap and stacks) after the warm-up and at the end.
//
// Our own rather than wrk: wrk reports one latency distribution for everything it sends,
// and a soak needs each kind apart (a slow worklist hides behind fast Open311 reads).
//
//   fd_soak --port P --mix FILE [--seconds 600] [--warmup 60] [--connections 16]
//           [--references FILE] [--staff-key KEY] [--pid PID]
// A mix file has one kind per line: NAME WEIGHT METHOD AUTH TARGET [BODY], AUTH being
// "none" or "staff" (Authorization: Bearer KEY). In TARGET and BODY, {ref} becomes a random
// reference from the references file, {n} a number unique to the request and {lat}, {lon}
// a point in Belfast that moves with {n}; a BODY makes the request a form post. Exit status: 0 when
// no request got a 5xx or failed at the socket.
#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using SteadyClock = std::chrono::steady_clock;

struct Kind {
  std::string name;
  int weight = 0;
  std::string method;
  bool staff = false;
  std::string target;
  std::string body;
};

struct Options {
  std::uint16_t port = 0;
  int seconds = 600;
  int warmup = 60;
  int connections = 16;
  std::string staff_key;
  std::vector<Kind> kinds;
  std::vector<std::string> references;
  long pid = 0;
};

// What one kind saw: latencies in microseconds (measured phase only) and outcomes.
struct Tally {
  std::vector<std::int64_t> micros;
  std::int64_t ok = 0;
  std::int64_t client_errors = 0;  // 4xx: counted, not a failure (e.g. a 404 on purpose)
  std::int64_t server_errors = 0;  // 5xx
  std::int64_t socket_errors = 0;  // refused, reset, cut short, timed out
};

class Connection {
 public:
  explicit Connection(std::uint16_t port) : port_(port) {}
  ~Connection() { Close(); }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Sends one request and reads its answer; the status, or 0 on any socket failure.
  int Exchange(const std::string& request) {
    if (fd_ < 0 && !Open()) {
      return 0;
    }
    if (!SendAll(request)) {
      Close();
      return 0;
    }
    const int status = ReadResponse();
    if (status == 0 || must_close_) {
      Close();
    }
    return status;
  }

  // The body of the last response read.
  [[nodiscard]] const std::string& body() const { return body_; }

 private:
  bool Open() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) {
      return false;
    }
    const int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port_);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API
    if (connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
      Close();
      return false;
    }
    buffer_.clear();
    return true;
  }

  void Close() {
    if (fd_ >= 0) {
      close(fd_);
      fd_ = -1;
    }
  }

  bool SendAll(const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
      const auto n = send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) {
        return false;
      }
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }

  // Appends what arrives within 30 s; false on close, error or timeout.
  bool Fill() {
    pollfd poll_fd{fd_, POLLIN, 0};
    if (poll(&poll_fd, 1, 30'000) <= 0) {
      return false;
    }
    char chunk[16384];
    const auto n = recv(fd_, chunk, sizeof(chunk), 0);
    if (n <= 0) {
      return false;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int ReadResponse() {
    std::size_t end = 0;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) {
        return 0;
      }
    }
    std::string head = buffer_.substr(0, end + 2);
    std::transform(head.begin(), head.end(), head.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    int status = 0;
    if (std::sscanf(head.c_str(), "http/1.%*d %d", &status) != 1) {
      return 0;
    }
    std::size_t length = 0;
    if (const auto at = head.find("\r\ncontent-length:"); at != std::string::npos) {
      length = std::strtoul(head.c_str() + at + 17, nullptr, 10);
    }
    must_close_ = head.find("\r\nconnection: close") != std::string::npos;
    const std::size_t total = end + 4 + length;
    while (buffer_.size() < total) {
      if (!Fill()) {
        return 0;
      }
    }
    body_ = buffer_.substr(end + 4, length);
    buffer_.erase(0, total);
    return status;
  }

  std::uint16_t port_;
  int fd_ = -1;
  bool must_close_ = false;
  std::string buffer_;
  std::string body_;
};

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string BuildRequest(const Options& options, const Kind& kind, const std::string& reference,
                         std::int64_t n) {
  // Creates spread over a few kilometres of Belfast, so duplicate suggestions stay few.
  char lat[32];
  char lon[32];
  std::snprintf(lat, sizeof(lat), "%.6f", 54.56 + static_cast<double>(n % 997) * 0.00008);
  std::snprintf(lon, sizeof(lon), "%.6f", -5.99 + static_cast<double>(n % 991) * 0.00011);
  const auto fill = [&](const std::string& text) {
    auto out = Replace(Replace(text, "{ref}", reference), "{n}", std::to_string(n));
    return Replace(Replace(out, "{lat}", lat), "{lon}", lon);
  };
  std::string request = kind.method + " " + fill(kind.target) + " HTTP/1.1\r\nHost: soak\r\n";
  if (kind.staff) {
    request += "Authorization: Bearer " + options.staff_key + "\r\n";
  }
  if (!kind.body.empty()) {
    const auto body = fill(kind.body);
    request += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
               std::to_string(body.size()) + "\r\n\r\n" + body;
  } else {
    request += "\r\n";
  }
  return request;
}

// A line of /proc/PID/status in KiB, e.g. "RssAnon:"; -1 when absent.
long StatusKib(long pid, const std::string& field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.starts_with(field)) {
      return std::strtol(line.c_str() + field.size(), nullptr, 10);
    }
  }
  return -1;
}

// The server's own resident memory: anonymous pages (heap, stacks). Read connections map the
// database file, and its pages, resident or not as the kernel's page cache decides, would
// otherwise count as the server's (VmRSS includes them as RssFile).
long ResidentKib(long pid) {
  return StatusKib(pid, "RssAnon:");
}

// The server's user + system CPU time in milliseconds: throughput on a machine others share
// says little, CPU time per request says what the server spent.
double CpuMillis(long pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const auto close = text.rfind(')');  // the command name may hold spaces
  if (close == std::string::npos) {
    return -1;
  }
  std::istringstream fields(text.substr(close + 2));
  std::string field;
  long long user = 0;
  long long system = 0;
  for (int i = 3; i <= 15 && fields >> field; ++i) {
    if (i == 14) {
      user = std::stoll(field);
    } else if (i == 15) {
      system = std::stoll(field);
    }
  }
  return static_cast<double>(user + system) * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

// What the server says it keeps in memory (GET /metrics): the indexes and the heap, in KiB;
// absent gauges read 0.
struct MemoryGauges {
  long indexes = 0;  // case search and knowledge indexes
  long cases = 0;    // documents in the case index
  long heap_in_use = 0;
  long heap_free = 0;
  long sqlite = 0;  // SQLite's page caches and statements, part of the heap in use
};

MemoryGauges ScrapeMemory(std::uint16_t port) {
  MemoryGauges gauges;
  Connection connection(port);
  if (connection.Exchange("GET /metrics HTTP/1.1\r\nHost: soak\r\nConnection: close\r\n\r\n") !=
      200) {
    return gauges;
  }
  std::istringstream lines(connection.body());
  for (std::string line; std::getline(lines, line);) {
    const auto space = line.find(' ');
    if (line.empty() || line.front() == '#' || space == std::string::npos) {
      continue;
    }
    const std::string name = line.substr(0, space);
    const double value = std::strtod(line.c_str() + space + 1, nullptr);
    const auto kib = static_cast<long>(value / 1024);
    if (name == "frontdoor_case_index_bytes" || name == "frontdoor_knowledge_index_bytes") {
      gauges.indexes += kib;
    } else if (name == "frontdoor_case_index_documents") {
      gauges.cases = static_cast<long>(value);
    } else if (name == "frontdoor_heap_in_use_bytes") {
      gauges.heap_in_use = kib;
    } else if (name == "frontdoor_heap_free_bytes") {
      gauges.heap_free = kib;
    } else if (name == "frontdoor_sqlite_memory_bytes") {
      gauges.sqlite = kib;
    }
  }
  return gauges;
}

std::vector<Kind> ReadMix(const std::string& path) {
  std::vector<Kind> kinds;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') {
      continue;
    }
    std::istringstream fields(line);
    Kind kind;
    std::string auth;
    fields >> kind.name >> kind.weight >> kind.method >> auth >> kind.target >> kind.body;
    kind.staff = auth == "staff";
    if (kind.weight > 0 && !kind.target.empty()) {
      kinds.push_back(kind);
    }
  }
  return kinds;
}

bool ParseOptions(int argc, char** argv, Options& options) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--port") {
      options.port = static_cast<std::uint16_t>(std::stoi(value));
    } else if (flag == "--seconds") {
      options.seconds = std::stoi(value);
    } else if (flag == "--warmup") {
      options.warmup = std::stoi(value);
    } else if (flag == "--connections") {
      options.connections = std::stoi(value);
    } else if (flag == "--staff-key") {
      options.staff_key = value;
    } else if (flag == "--pid") {
      options.pid = std::stol(value);
    } else if (flag == "--mix") {
      options.kinds = ReadMix(value);
    } else if (flag == "--references") {
      std::ifstream in(value);
      for (std::string line; std::getline(in, line);) {
        if (!line.empty()) {
          options.references.push_back(line);
        }
      }
    } else {
      std::fprintf(stderr, "fd_soak: unknown option %s\n", flag.c_str());
      return false;
    }
  }
  return options.port != 0 && !options.kinds.empty();
}

double Percentile(std::vector<std::int64_t>& micros, double fraction) {
  if (micros.empty()) {
    return 0;
  }
  const auto index = static_cast<std::size_t>(fraction * static_cast<double>(micros.size() - 1));
  std::nth_element(micros.begin(), micros.begin() + static_cast<std::ptrdiff_t>(index),
                   micros.end());
  return static_cast<double>(micros[index]) / 1000.0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  if (!ParseOptions(argc, argv, options)) {
    std::fprintf(stderr,
                 "usage: fd_soak --port P --mix FILE [--seconds S] [--warmup S] "
                 "[--connections N] [--references FILE] [--staff-key KEY] [--pid PID]\n");
    return 2;
  }
  if (options.references.empty()) {
    options.references.emplace_back("none");
  }
  int total_weight = 0;
  for (const auto& kind : options.kinds) {
    total_weight += kind.weight;
  }

  std::atomic<bool> measuring{false};
  std::atomic<bool> stop{false};
  std::atomic<std::int64_t> counter{0};
  std::mutex mutex;
  std::vector<Tally> tallies(options.kinds.size());
  std::vector<std::thread> threads;
  for (int c = 0; c < options.connections; ++c) {
    threads.emplace_back([&, c] {
      std::mt19937 rng(static_cast<std::uint32_t>(c) * 7919U + 1U);
      std::uniform_int_distribution<int> pick_weight(0, total_weight - 1);
      std::uniform_int_distribution<std::size_t> pick_ref(0, options.references.size() - 1);
      std::vector<Tally> local(options.kinds.size());
      Connection connection(options.port);
      while (!stop.load(std::memory_order_relaxed)) {
        int roll = pick_weight(rng);
        std::size_t k = 0;
        while (roll >= options.kinds[k].weight) {
          roll -= options.kinds[k].weight;
          ++k;
        }
        const auto request = BuildRequest(options, options.kinds[k],
                                          options.references[pick_ref(rng)], counter.fetch_add(1));
        const bool counted = measuring.load(std::memory_order_relaxed);
        const auto started = SteadyClock::now();
        const int status = connection.Exchange(request);
        const auto micros =
            std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - started)
                .count();
        Tally& tally = local[k];
        if (status == 0) {
          ++tally.socket_errors;  // counted in warm-up too: nothing may fail
        } else if (status >= 500) {
          ++tally.server_errors;
        } else if (counted) {
          tally.micros.push_back(micros);
          ++(status >= 400 ? tally.client_errors : tally.ok);
        }
      }
      const std::scoped_lock lock(mutex);
      for (std::size_t k = 0; k < local.size(); ++k) {
        auto& into = tallies[k];
        into.micros.insert(into.micros.end(), local[k].micros.begin(), local[k].micros.end());
        into.ok += local[k].ok;
        into.client_errors += local[k].client_errors;
        into.server_errors += local[k].server_errors;
        into.socket_errors += local[k].socket_errors;
      }
    });
  }

  std::this_thread::sleep_for(std::chrono::seconds(options.warmup));
  const long rss_start = options.pid > 0 ? ResidentKib(options.pid) : -1;
  const long file_start = options.pid > 0 ? StatusKib(options.pid, "RssFile:") : -1;
  const double cpu_start = options.pid > 0 ? CpuMillis(options.pid) : -1;
  const MemoryGauges gauges_start = ScrapeMemory(options.port);
  long rss_peak = rss_start;
  long rss_half = -1;  // growth that has stopped by half-time is warm-up, not a leak
  measuring.store(true);
  const auto began = SteadyClock::now();
  const auto half = began + std::chrono::seconds(options.seconds) / 2;
  const auto deadline = began + std::chrono::seconds(options.seconds);
  while (SteadyClock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    if (options.pid > 0) {
      const long rss = ResidentKib(options.pid);
      rss_peak = std::max(rss_peak, rss);
      if (rss_half < 0 && SteadyClock::now() >= half) {
        rss_half = rss;
      }
    }
  }
  measuring.store(false);
  const double elapsed = std::chrono::duration<double>(SteadyClock::now() - began).count();
  const long rss_end = options.pid > 0 ? ResidentKib(options.pid) : -1;
  const long file_end = options.pid > 0 ? StatusKib(options.pid, "RssFile:") : -1;
  const double cpu_end = options.pid > 0 ? CpuMillis(options.pid) : -1;
  const MemoryGauges gauges_end = ScrapeMemory(options.port);
  stop.store(true);
  for (auto& thread : threads) {
    thread.join();
  }

  std::int64_t requests = 0;
  std::int64_t failures = 0;
  std::printf("%-18s %9s %9s %9s %9s %6s %6s %6s\n", "kind", "requests", "req/s", "p50 ms",
              "p99 ms", "4xx", "5xx", "socket");
  for (std::size_t k = 0; k < tallies.size(); ++k) {
    auto& tally = tallies[k];
    const auto count = tally.ok + tally.client_errors;
    requests += count;
    failures += tally.server_errors + tally.socket_errors;
    std::printf("%-18s %9lld %9.1f %9.2f %9.2f %6lld %6lld %6lld\n", options.kinds[k].name.c_str(),
                static_cast<long long>(count), static_cast<double>(count) / elapsed,
                Percentile(tally.micros, 0.50), Percentile(tally.micros, 0.99),
                static_cast<long long>(tally.client_errors),
                static_cast<long long>(tally.server_errors),
                static_cast<long long>(tally.socket_errors));
  }
  std::printf("total %lld requests in %.0f s: %.1f req/s, %lld failures (5xx or socket)\n",
              static_cast<long long>(requests), elapsed, static_cast<double>(requests) / elapsed,
              static_cast<long long>(failures));
  if (options.pid > 0) {
    std::printf(
        "rss after warm-up %ld KiB, at half-time %ld KiB, peak %ld KiB, end %ld KiB "
        "(%+.1f%%)\n",
        rss_start, rss_half, rss_peak, rss_end,
        rss_start > 0
            ? 100.0 * static_cast<double>(rss_end - rss_start) / static_cast<double>(rss_start)
            : 0.0);
  }
  std::printf(
      "file-backed rss (binary, libraries, the mapped database) after warm-up %ld KiB, "
      "end %ld KiB\n",
      file_start, file_end);
  std::printf(
      "indexes after warm-up %ld KiB (%ld cases), end %ld KiB (%ld cases); heap in use %ld -> "
      "%ld KiB (of which SQLite %ld -> %ld KiB), held free %ld -> %ld KiB\n",
      gauges_start.indexes, gauges_start.cases, gauges_end.indexes, gauges_end.cases,
      gauges_start.heap_in_use, gauges_end.heap_in_use, gauges_start.sqlite, gauges_end.sqlite,
      gauges_start.heap_free, gauges_end.heap_free);
  if (options.pid > 0 && requests > 0) {
    std::printf("server cpu (user+sys) %.0f ms over the run: %.3f ms per request\n",
                cpu_end - cpu_start, (cpu_end - cpu_start) / static_cast<double>(requests));
  }
  return failures == 0 ? 0 : 1;
}
