// newsfacts/fetcher.h — asynchronous HTTP fetching for the crawler.
//
// A Fetcher runs many single-hop GET requests at once and hands back each
// response when it is complete. It never follows redirects (the crawler does
// that, so every hop passes robots.txt, the scheme policy and the SSRF check)
// and never decides what is polite (the crawler schedules; the fetcher only
// runs what it is given).
//
//   CurlFetcher fetcher(FetcherOptions{...});
//   fetcher.Start({.id = 7, .url = "https://example.org/a", .host = "example.org"});
//   while (fetcher.in_flight() > 0) {
//     for (FetchResponse& r : fetcher.Poll(std::chrono::milliseconds(100))) { ... }
//   }
//
// CurlFetcher is one libcurl multi handle driven by Poll(): one event loop,
// no thread per request. HTTP/2 (multiplexed) and HTTP/1.1 keep-alive
// connections are reused between requests to the same host; gzip, deflate,
// br and zstd are accepted and decoded by libcurl. Limits enforced while
// bytes arrive (never after the fact):
//  - connect timeout, total timeout, and a low-speed limit (a server that
//    dribbles fewer than low_speed_bytes per second for low_speed_seconds is
//    cut off): FetchError::kTimeout;
//  - body size: a Content-Length above max_body_bytes is refused before the
//    body is read; an identity body that grows past it is cut there
//    (`truncated`, error kNone), and so is a content-encoded one, unless it
//    decoded to more than 20 times its encoded size (HTML gzips 4-10x): that is a
//    decompression bomb, aborted with kDecompressionLimit and dropped;
//  - every socket libcurl opens is checked against CheckConnect() with the
//    address DNS actually returned (CURLOPT_OPENSOCKETFUNCTION), so names
//    that resolve to loopback, private or link-local addresses are refused
//    (kRefused) unless allow-listed; an IP-literal host is checked before any
//    resolver or socket is involved.
//
// For archiving, a response carries the request as sent and the response
// header block as received; the body is the decoded entity, so
// `WarcResponseBlock()` rewrites the framing headers (Content-Encoding,
// Transfer-Encoding, Content-Length) to match it.
//
// Thread-safety: Start/Poll/Cancel/in_flight from one thread; Wakeup() from
// any thread and from a signal handler (it writes one byte to a pipe).
#ifndef NEWSFACTS_FETCHER_H_
#define NEWSFACTS_FETCHER_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsfacts/status.h"
#include "newsfacts/url.h"
#include "newsfacts/warc.h"

namespace newsfacts {

inline constexpr const char* kDefaultUserAgent =
    "newsfacts/0.1 (+https://github.com/newsfacts/newsfacts)";

struct FetchRequest {
  std::uint64_t id = 0;        // the caller's tag, returned in the response
  std::string url;             // absolute http(s) URL (file:// only if allowed)
  std::string host;            // Url::host of `url` (what the SSRF check names)
  std::string if_none_match;   // conditional GET validators ("" = none)
  std::string if_modified_since;
  std::uint64_t max_body_bytes = 0;  // 0: FetcherOptions::max_body_bytes
};

enum class FetchError {
  kNone = 0,
  kRefused,             // SSRF policy: address not allowed (no connection made)
  kDns,                 // name did not resolve
  kConnect,             // connection refused / unreachable
  kTimeout,             // connect, total or low-speed timeout
  kTooLarge,            // Content-Length above the cap
  kDecompressionLimit,  // encoded body decoded past the cap (gzip bomb)
  kTls,
  kNetwork,             // reset, empty reply, broken transfer
  kBadEncoding,         // corrupt content coding
  kUnsupported,         // scheme not allowed
  kCancelled,           // Cancel() or shutdown
  kOther,
};
std::string_view FetchErrorName(FetchError e);  // "refused", "timeout", ...

struct FetchResponse {
  std::uint64_t id = 0;
  std::string url;
  FetchError error = FetchError::kNone;
  std::string error_message;    // human detail ("Operation timed out after 2001 ms ...")
  int http_status = 0;          // 0 when no response arrived
  std::string http_version;     // "HTTP/1.1", "HTTP/2"
  WarcFields headers;           // of the final response, in order
  std::string header_block;     // status line + header lines as received, CRLF-terminated
  std::string request_block;    // the request head as sent
  std::string body;             // decoded entity body (possibly cut)
  bool truncated = false;       // body cut at max_body_bytes
  std::string ip;               // address connected to
  std::uint64_t wire_bytes = 0; // body bytes on the wire (before decoding)
  double seconds = 0;           // total transfer time
  std::chrono::system_clock::time_point started{};

  std::string_view Header(std::string_view name) const { return FindHeader(headers, name); }
  bool ok() const { return error == FetchError::kNone; }
};

// The HTTP response block to archive in a WARC `response` record for `r`:
// the received status line and headers, with Content-Encoding and
// Transfer-Encoding renamed to X-Newsfacts-Original-* and Content-Length set
// to the decoded body length, followed by the decoded body.
std::string WarcResponseBlock(const FetchResponse& r);

class Fetcher {
 public:
  virtual ~Fetcher() = default;
  // Begins a transfer. Failures (bad URL, refused address) are reported as a
  // response from the next Poll(), never dropped.
  virtual void Start(FetchRequest request) = 0;
  // Drives transfers for at most `max_wait` (returning earlier when something
  // completes or Wakeup() is called) and returns the completed responses.
  virtual std::vector<FetchResponse> Poll(std::chrono::milliseconds max_wait) = 0;
  // Aborts every transfer in flight; they come back as kCancelled.
  virtual std::vector<FetchResponse> CancelAll() = 0;
  virtual std::size_t in_flight() const = 0;
  // Makes a blocked Poll() return. Async-signal-safe.
  virtual void Wakeup() = 0;
};

struct FetcherOptions {
  std::string user_agent = kDefaultUserAgent;
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds total_timeout{60000};
  long low_speed_bytes = 512;     // bytes/s; 0 disables the low-speed limit
  long low_speed_seconds = 20;
  std::uint64_t max_body_bytes = 16ull << 20;
  int max_host_connections = 1;   // libcurl's per-host connection cap
  int max_total_connections = 0;  // 0: no cap
  bool http2 = true;              // negotiate HTTP/2 over TLS (ALPN)
  bool allow_file = false;        // file:// URLs
  // Hosts and networks that may be internal addresses (seeds, config).
  HostAllowList allow;
  // "host:port:address" entries as curl --resolve (tests, benchmarks, split DNS).
  std::vector<std::string> resolve;
  bool verify_tls = true;
};

// Counters for tests and the benchmark.
struct FetcherCounters {
  std::uint64_t started = 0;
  std::uint64_t sockets_opened = 0;   // connections actually attempted
  std::uint64_t sockets_refused = 0;  // refused by the SSRF check at connect time
  std::uint64_t literal_refused = 0;  // refused before any socket (IP-literal host)
};

class CurlFetcher : public Fetcher {
 public:
  explicit CurlFetcher(FetcherOptions options);
  ~CurlFetcher() override;
  CurlFetcher(const CurlFetcher&) = delete;
  CurlFetcher& operator=(const CurlFetcher&) = delete;

  // OK unless libcurl could not be initialised (then every Start fails).
  const Status& status() const;

  void Start(FetchRequest request) override;
  std::vector<FetchResponse> Poll(std::chrono::milliseconds max_wait) override;
  std::vector<FetchResponse> CancelAll() override;
  std::size_t in_flight() const override;
  void Wakeup() override;
  FetcherCounters counters() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsfacts

#endif  // NEWSFACTS_FETCHER_H_
