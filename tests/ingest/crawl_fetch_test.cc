// CurlFetcher against a real server on 127.0.0.1: limits are enforced while
// bytes arrive, and the SSRF policy is applied to actual addresses.
#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "gzip.h"
#include "newsfacts/fetcher.h"
#include "test_server.h"

namespace nf = newsfacts;
using nf::testing::TestServer;

namespace {

nf::FetcherOptions LoopbackOptions() {
  nf::FetcherOptions o;
  REQUIRE(o.allow.Add("127.0.0.1").ok());
  o.connect_timeout = std::chrono::milliseconds(2000);
  o.total_timeout = std::chrono::milliseconds(10000);
  return o;
}

// Runs one request to completion.
nf::FetchResponse FetchOne(nf::CurlFetcher& f, nf::FetchRequest req) {
  f.Start(std::move(req));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    auto done = f.Poll(std::chrono::milliseconds(100));
    if (!done.empty()) return std::move(done.front());
  }
  FAIL("request did not complete");
  return {};
}

nf::FetchRequest Req(const std::string& url) {
  nf::FetchRequest r;
  r.id = 1;
  r.url = url;
  return r;
}

}  // namespace

TEST_CASE("CurlFetcher GETs a page with validators and records the exchange", "[ingest]") {
  TestServer server;
  server.http().Get("/page", [](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("If-None-Match") == "\"v1\"") {
      res.status = 304;
      return;
    }
    res.set_header("ETag", "\"v1\"");
    res.set_content("<html><body>hello</body></html>", "text/html; charset=utf-8");
  });
  std::string gz;
  REQUIRE(nf::AppendGzipMember(std::string(5000, 'x'), 6, &gz).ok());
  server.http().Get("/gz", [&gz](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Encoding", "gzip");
    res.set_content(gz, "text/html");
  });
  server.Start();

  nf::CurlFetcher fetcher(LoopbackOptions());
  nf::FetchResponse r = FetchOne(fetcher, Req(server.Url("/page")));
  REQUIRE(r.ok());
  CHECK(r.http_status == 200);
  CHECK(r.body == "<html><body>hello</body></html>");
  CHECK(r.Header("etag") == "\"v1\"");
  CHECK(r.ip == "127.0.0.1");
  CHECK(r.request_block.rfind("GET /page HTTP/1.1\r\n", 0) == 0);
  CHECK(r.request_block.find("User-Agent: newsfacts/0.1 (+https://") != std::string::npos);
  CHECK(r.header_block.rfind("HTTP/1.1 200", 0) == 0);

  nf::FetchRequest cond = Req(server.Url("/page"));
  cond.if_none_match = "\"v1\"";
  r = FetchOne(fetcher, cond);
  REQUIRE(r.ok());
  CHECK(r.http_status == 304);
  CHECK(r.body.empty());

  r = FetchOne(fetcher, Req(server.Url("/gz")));
  REQUIRE(r.ok());
  CHECK(r.body == std::string(5000, 'x'));  // decoded
  CHECK(r.wire_bytes < 1000);
  const std::string block = nf::WarcResponseBlock(r);
  CHECK(block.find("\r\nX-Newsfacts-Original-Content-Encoding: gzip\r\n") != std::string::npos);
  CHECK(block.find("\r\nContent-Length: 5000\r\n") != std::string::npos);
  auto parsed = nf::ParseHttpResponse(block);
  REQUIRE(parsed.ok());
  CHECK(parsed->body == std::string(5000, 'x'));
  CHECK(server.Hits("/page") == 2);
}

TEST_CASE("CurlFetcher cuts a huge page at the cap without reading it all", "[ingest]") {
  TestServer server;
  std::atomic<std::uint64_t> sent{0};
  server.http().Get("/huge", [&sent](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/html", [&sent](size_t, httplib::DataSink& sink) {
      static const std::string chunk = nf::testing::NoiseText(64 * 1024);
      while (sent < (50ull << 20)) {
        if (!sink.write(chunk.data(), chunk.size())) return false;
        sent += chunk.size();
      }
      sink.done();
      return true;
    });
  });
  server.Start();
  nf::FetcherOptions o = LoopbackOptions();
  o.max_body_bytes = 1 << 20;
  nf::CurlFetcher fetcher(o);
  nf::FetchResponse r = FetchOne(fetcher, Req(server.Url("/huge")));
  REQUIRE(r.ok());
  CHECK(r.truncated);
  CHECK(r.body.size() == (1u << 20));
  CHECK(r.wire_bytes < (4u << 20));  // read about the cap, not the page
  server.Stop();
  CHECK(sent.load() < (50ull << 20));  // the transfer was abandoned, not drained
}

TEST_CASE("CurlFetcher refuses a declared body far above the cap", "[ingest]") {
  TestServer server;
  server.http().Get("/big", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(9 << 20, 'b'), "text/html");
  });
  server.Start();
  nf::FetcherOptions o = LoopbackOptions();
  o.max_body_bytes = 1 << 20;
  nf::CurlFetcher fetcher(o);
  nf::FetchResponse r = FetchOne(fetcher, Req(server.Url("/big")));
  CHECK(r.error == nf::FetchError::kTooLarge);
  CHECK(r.body.empty());
}

TEST_CASE("CurlFetcher stops a gzip bomb by counting decoded bytes", "[ingest]") {
  TestServer server;
  std::string bomb;
  REQUIRE(nf::AppendGzipMember(std::string(32 << 20, '\0'), 9, &bomb).ok());
  REQUIRE(bomb.size() < (1u << 20));
  server.http().Get("/bomb", [&bomb](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Encoding", "gzip");
    res.set_content(bomb, "text/html");
  });
  server.Start();
  nf::FetcherOptions o = LoopbackOptions();
  o.max_body_bytes = 2 << 20;
  nf::CurlFetcher fetcher(o);
  nf::FetchResponse r = FetchOne(fetcher, Req(server.Url("/bomb")));
  CHECK(r.error == nf::FetchError::kDecompressionLimit);
  CHECK(r.body.empty());
}

TEST_CASE("CurlFetcher cuts off a server that dribbles bytes", "[ingest]") {
  TestServer server;
  std::atomic<bool> stop{false};
  server.http().Get("/slow", [&stop](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/html", [&stop](size_t, httplib::DataSink& sink) {
      for (int i = 0; i < 100 && !stop; ++i) {
        if (!sink.write("x", 1)) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      sink.done();
      return true;
    });
  });
  server.Start();
  nf::FetcherOptions o = LoopbackOptions();
  o.low_speed_bytes = 1000;
  o.low_speed_seconds = 1;
  nf::CurlFetcher fetcher(o);
  const auto t0 = std::chrono::steady_clock::now();
  nf::FetchResponse r = FetchOne(fetcher, Req(server.Url("/slow")));
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  stop = true;
  CHECK(r.error == nf::FetchError::kTimeout);
  CHECK(secs < 5);
}

TEST_CASE("CurlFetcher applies the SSRF policy to resolved addresses", "[ingest]") {
  TestServer server;
  server.http().Get("/secret", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("internal", "text/plain");
  });
  server.Start();
  const std::string port = std::to_string(server.port());
  nf::FetcherOptions o;
  o.resolve = {"internal.test:" + port + ":127.0.0.1", "allowed.test:" + port + ":127.0.0.1"};
  REQUIRE(o.allow.Add("allowed.test").ok());
  nf::CurlFetcher fetcher(o);

  // A name that resolves to loopback, not allow-listed: refused at connect time.
  nf::FetchResponse r = FetchOne(fetcher, Req("http://internal.test:" + port + "/secret"));
  CHECK(r.error == nf::FetchError::kRefused);
  CHECK(r.error_message.find("loopback") != std::string::npos);
  CHECK(fetcher.counters().sockets_opened == 0);
  CHECK(fetcher.counters().sockets_refused >= 1);
  CHECK(server.Hits("/secret") == 0);

  // IP literals of internal services are refused before any socket exists.
  r = FetchOne(fetcher, Req("http://169.254.169.254/latest/meta-data/"));
  CHECK(r.error == nf::FetchError::kRefused);
  r = FetchOne(fetcher, Req("http://10.0.0.1/"));
  CHECK(r.error == nf::FetchError::kRefused);
  r = FetchOne(fetcher, Req("http://[::ffff:127.0.0.1]:" + port + "/secret"));
  CHECK(r.error == nf::FetchError::kRefused);
  CHECK(fetcher.counters().literal_refused == 3);
  CHECK(fetcher.counters().sockets_opened == 0);

  // Other schemes never run.
  r = FetchOne(fetcher, Req("file:///etc/passwd"));
  CHECK(r.error == nf::FetchError::kUnsupported);

  // The allow-listed name gets through.
  r = FetchOne(fetcher, Req("http://allowed.test:" + port + "/secret"));
  REQUIRE(r.ok());
  CHECK(r.body == "internal");
  CHECK(fetcher.counters().sockets_opened == 1);
  CHECK(server.Hits("/secret") == 1);
}

TEST_CASE("CurlFetcher runs many transfers on one event loop", "[ingest]") {
  TestServer a("127.0.0.1"), b("127.0.0.2");
  for (TestServer* s : {&a, &b}) {
    s->http().Get("/p", [](const httplib::Request&, httplib::Response& res) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      res.set_content("ok", "text/plain");
    });
    s->Start();
  }
  nf::FetcherOptions o;
  REQUIRE(o.allow.Add("127.0.0.0/8").ok());
  nf::CurlFetcher fetcher(o);
  const auto t0 = std::chrono::steady_clock::now();
  for (std::uint64_t i = 0; i < 8; ++i) {
    nf::FetchRequest r = Req((i % 2 ? a : b).Url("/p?i=" + std::to_string(i)));
    r.id = i;
    fetcher.Start(r);
  }
  // max_host_connections = 1 per host (127.0.0.1 and 127.0.0.2): 4 rounds of 200 ms.
  int done = 0;
  while (done < 8) {
    for (auto& r : fetcher.Poll(std::chrono::milliseconds(100))) {
      CHECK(r.ok());
      ++done;
    }
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(secs < 1.6);  // serial would be 1.6 s
  CHECK(secs > 0.7);  // one connection per host
}
