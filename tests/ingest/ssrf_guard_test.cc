// Tests for ingest/ssrf_guard.cc: libcurl refuses sockets to non-public
// addresses unless allow-listed, checked on a real loopback server.
#include "ssrf_guard.h"

#include <curl/curl.h>
#include <httplib.h>

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <thread>

namespace newsfacts {
namespace {

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};

size_t Collect(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

CURLcode Fetch(const std::string& url, SsrfGuard* guard, std::string* body,
               const std::string& resolve = "") {
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  REQUIRE(curl);
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, &Collect);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, body);
  curl_easy_setopt(curl.get(), CURLOPT_NOPROXY, "*");
  curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT, 10L);
  curl_slist* hosts = nullptr;
  if (!resolve.empty()) {
    hosts = curl_slist_append(hosts, resolve.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_RESOLVE, hosts);
  }
  REQUIRE(InstallSsrfGuard(curl.get(), guard).ok());
  CURLcode rc = curl_easy_perform(curl.get());
  curl_slist_free_all(hosts);
  return rc;
}

TEST_CASE("ssrf_guard: libcurl connects only where CheckConnect allows", "[ingest]") {
  httplib::Server server;
  server.Get("/", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("hello", "text/plain");
  });
  int port = server.bind_to_any_port("127.0.0.1");
  REQUIRE(port > 0);
  std::thread thread([&] { server.listen_after_bind(); });
  const std::string direct = "http://127.0.0.1:" + std::to_string(port) + "/";

  HostAllowList empty;
  SsrfGuard refused{"127.0.0.1", &empty, {}};
  std::string body;
  CHECK(Fetch(direct, &refused, &body) == CURLE_COULDNT_CONNECT);
  CHECK(body.empty());
  CHECK(refused.refusal.message().find("loopback") != std::string::npos);

  // A public-looking name whose DNS answer is loopback (rebinding) is refused too.
  const std::string named = "http://news.example:" + std::to_string(port) + "/";
  const std::string pin = "news.example:" + std::to_string(port) + ":127.0.0.1";
  SsrfGuard rebound{"news.example", &empty, {}};
  CHECK(Fetch(named, &rebound, &body, pin) == CURLE_COULDNT_CONNECT);
  CHECK_FALSE(rebound.refusal.ok());

  HostAllowList seeds;
  REQUIRE(seeds.Add(direct).ok());
  SsrfGuard allowed{"127.0.0.1", &seeds, {}};
  CHECK(Fetch(direct, &allowed, &body) == CURLE_OK);
  CHECK(body == "hello");
  CHECK(allowed.refusal.ok());

  server.stop();
  thread.join();
}

}  // namespace
}  // namespace newsfacts
