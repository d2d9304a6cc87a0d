// tests/ingest/test_server.h — a real HTTP server on 127.0.0.x for the
// crawler's tests (cpp-httplib, port chosen by the kernel).
//
//   TestServer server;                                 // 127.0.0.1:<free port>
//   server.http().Get("/a", [](const httplib::Request&, httplib::Response& res) {...});
//   server.Start();
//   server.Url("/a")                                   // "http://127.0.0.1:PORT/a"
//   server.Hits("/a")                                  // requests seen for that target
//
// ServeCorpus() serves corpus/sites/<Host>/ by the Host header, rewriting the
// corpus's absolute "https://<host>/" links to "http://<host>:PORT/" so that a
// crawler given CorpusResolve() (curl --resolve entries) stays on this server.
// Every request is recorded (target, Host, selected headers, arrival time)
// before routing; the server never compresses on its own. Nothing here
// touches a non-loopback address.
#ifndef NEWSFACTS_TESTS_INGEST_TEST_SERVER_H_
#define NEWSFACTS_TESTS_INGEST_TEST_SERVER_H_

#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "test_util.h"

namespace newsfacts::testing {

struct SeenRequest {
  std::string target;  // path + query as requested
  std::string host;    // Host header without port
  std::string if_none_match;
  std::string if_modified_since;
  std::string user_agent;
  std::chrono::steady_clock::time_point at;
};

class TestServer {
 public:
  explicit TestServer(std::string address = "127.0.0.1") : address_(std::move(address)) {
    http_.set_keep_alive_max_count(1000);
    // A keep-alive connection holds a pool thread: have more threads than the
    // crawler has connections (one per host).
    http_.new_task_queue = [] { return new httplib::ThreadPool(64); };
    http_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
      // cpp-httplib would brotli-compress text responses (slowly, whole): tests
      // that want a content coding set Content-Encoding on their own body.
      const_cast<httplib::Request&>(req).headers.erase("Accept-Encoding");
      SeenRequest r;
      r.target = req.target;
      r.host = req.get_header_value("Host");
      if (auto colon = r.host.rfind(':'); colon != std::string::npos) r.host.resize(colon);
      r.if_none_match = req.get_header_value("If-None-Match");
      r.if_modified_since = req.get_header_value("If-Modified-Since");
      r.user_agent = req.get_header_value("User-Agent");
      r.at = std::chrono::steady_clock::now();
      std::lock_guard<std::mutex> lock(mu_);
      requests_.push_back(std::move(r));
      return httplib::Server::HandlerResponse::Unhandled;
    });
    port_ = http_.bind_to_any_port(address_);
  }
  ~TestServer() { Stop(); }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  httplib::Server& http() { return http_; }
  int port() const { return port_; }
  const std::string& address() const { return address_; }
  std::string Origin() const { return "http://" + address_ + ":" + std::to_string(port_); }
  std::string Url(const std::string& path) const { return Origin() + path; }

  void Start() {
    thread_ = std::thread([this] { http_.listen_after_bind(); });
    while (!http_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void Stop() {
    if (thread_.joinable()) {
      http_.stop();
      thread_.join();
    }
  }

  std::vector<SeenRequest> Requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }
  // Requests whose target is `target` (and, if given, whose Host is `host`).
  int Hits(const std::string& target, const std::string& host = "") {
    std::lock_guard<std::mutex> lock(mu_);
    int n = 0;
    for (const SeenRequest& r : requests_) {
      if (r.target == target && (host.empty() || r.host == host)) ++n;
    }
    return n;
  }
  int HitsWithPrefix(const std::string& prefix) {
    std::lock_guard<std::mutex> lock(mu_);
    int n = 0;
    for (const SeenRequest& r : requests_) {
      if (r.target.rfind(prefix, 0) == 0) ++n;
    }
    return n;
  }
  int TotalHits() {
    std::lock_guard<std::mutex> lock(mu_);
    return static_cast<int>(requests_.size());
  }

 private:
  std::string address_;
  httplib::Server http_;
  int port_ = -1;
  std::thread thread_;
  std::mutex mu_;
  std::vector<SeenRequest> requests_;
};

// `n` bytes of word-like noise (compresses about 1.6:1, not like a bomb).
inline std::string NoiseText(std::size_t n, unsigned seed = 1) {
  std::string out;
  out.reserve(n);
  unsigned x = seed;
  while (out.size() < n) {
    x = x * 1103515245u + 12345u;
    unsigned r = (x >> 16) & 31;
    out.push_back(r < 26 ? static_cast<char>('a' + r) : ' ');
  }
  return out;
}

// The corpus's hosts (folder names under corpus/sites).
inline std::vector<std::string> CorpusHosts() {
  std::vector<std::string> hosts;
  for (const auto& e : std::filesystem::directory_iterator(SourceDir() / "corpus" / "sites")) {
    if (e.is_directory()) hosts.push_back(e.path().filename().string());
  }
  std::sort(hosts.begin(), hosts.end());
  return hosts;
}

inline std::string ContentTypeFor(const std::string& path) {
  auto ends = [&](const char* s) {
    std::string suf(s);
    return path.size() >= suf.size() && path.compare(path.size() - suf.size(), suf.size(), suf) == 0;
  };
  if (ends(".html") || ends("/")) return "text/html";  // no charset: the page's <meta> decides
  if (ends(".xml")) return "application/xml";
  if (ends(".txt")) return "text/plain";
  return "application/octet-stream";
}

// Serves every corpus site on `server` by Host header (see above), each
// response after `latency`.
inline void ServeCorpus(TestServer& server,
                        std::chrono::milliseconds latency = std::chrono::milliseconds(0)) {
  const std::vector<std::string> hosts = CorpusHosts();
  const std::string port = std::to_string(server.port());
  server.http().Get(R"(/.*)", [hosts, port, latency](const httplib::Request& req,
                                                     httplib::Response& res) {
    if (latency.count() > 0) std::this_thread::sleep_for(latency);
    std::string host = req.get_header_value("Host");
    if (auto colon = host.rfind(':'); colon != std::string::npos) host.resize(colon);
    if (std::find(hosts.begin(), hosts.end(), host) == hosts.end()) {
      res.status = 404;
      return;
    }
    std::string path = req.path;
    if (path.find("..") != std::string::npos) {
      res.status = 400;
      return;
    }
    if (path.empty() || path.back() == '/') path += "index.html";
    std::filesystem::path file = SourceDir() / "corpus" / "sites" / host / path.substr(1);
    if (!std::filesystem::is_regular_file(file)) {
      res.status = 404;
      res.set_content("not found", "text/plain");
      return;
    }
    std::string body = ReadFile(file);
    for (const std::string& h : hosts) {
      const std::string from = "https://" + h + "/";
      const std::string to = "http://" + h + ":" + port + "/";
      for (std::size_t pos = body.find(from); pos != std::string::npos;
           pos = body.find(from, pos + to.size())) {
        body.replace(pos, from.size(), to);
      }
    }
    res.set_content(body, ContentTypeFor(path));
  });
}

// --resolve entries mapping every corpus host on `port` to `address`.
inline std::vector<std::string> CorpusResolve(int port, const std::string& address = "127.0.0.1") {
  std::vector<std::string> out;
  for (const std::string& h : CorpusHosts()) {
    out.push_back(h + ":" + std::to_string(port) + ":" + address);
  }
  return out;
}

}  // namespace newsfacts::testing

#endif  // NEWSFACTS_TESTS_INGEST_TEST_SERVER_H_
