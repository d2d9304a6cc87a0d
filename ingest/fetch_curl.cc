// CurlFetcher: one libcurl multi handle, one event loop. Contract in
// newsfacts/fetcher.h.
#include <curl/curl.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <deque>
#include <mutex>
#include <unordered_map>

#include "newsfacts/fetcher.h"
#include "ssrf_guard.h"

namespace newsfacts {
namespace {

struct EasyDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
using EasyPtr = std::unique_ptr<CURL, EasyDeleter>;
struct MultiDeleter {
  void operator()(CURLM* m) const { curl_multi_cleanup(m); }
};
using MultiPtr = std::unique_ptr<CURLM, MultiDeleter>;
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

// Owns a pipe whose write end can be poked from a signal handler.
class WakePipe {
 public:
  WakePipe() {
    if (::pipe2(fds_, O_NONBLOCK | O_CLOEXEC) != 0) fds_[0] = fds_[1] = -1;
  }
  ~WakePipe() {
    if (fds_[0] >= 0) ::close(fds_[0]);
    if (fds_[1] >= 0) ::close(fds_[1]);
  }
  WakePipe(const WakePipe&) = delete;
  WakePipe& operator=(const WakePipe&) = delete;
  int read_fd() const { return fds_[0]; }
  // Drain reads only after a Poke (the event loop drains after every poll).
  // The flag is set after the write: a Drain that misses it leaves the byte
  // for the next poll, which returns at once and drains it.
  void Poke() {
    if (fds_[1] < 0) return;
    const char b = 1;
    ssize_t n = ::write(fds_[1], &b, 1);  // EAGAIN: already poked
    (void)n;
    poked_.store(true);
  }
  void Drain() {
    if (!poked_.exchange(false)) return;
    char buf[64];
    while (fds_[0] >= 0 && ::read(fds_[0], buf, sizeof buf) > 0) {
    }
  }

 private:
  int fds_[2] = {-1, -1};
  std::atomic<bool> poked_{false};  // lock-free: safe in a signal handler
};

std::once_flag g_curl_init;

// Decoded/encoded size above which a body that passes the cap is a bomb.
constexpr double kBombRatio = 20.0;

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' ||
                        s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::string_view FetchErrorName(FetchError e) {
  switch (e) {
    case FetchError::kNone: return "ok";
    case FetchError::kRefused: return "ssrf";
    case FetchError::kDns: return "dns";
    case FetchError::kConnect: return "connect";
    case FetchError::kTimeout: return "timeout";
    case FetchError::kTooLarge: return "too large";
    case FetchError::kDecompressionLimit: return "decompression limit";
    case FetchError::kTls: return "tls";
    case FetchError::kNetwork: return "network";
    case FetchError::kBadEncoding: return "bad content encoding";
    case FetchError::kUnsupported: return "unsupported scheme";
    case FetchError::kCancelled: return "cancelled";
    case FetchError::kOther: return "error";
  }
  return "error";
}

std::string WarcResponseBlock(const FetchResponse& r) {
  std::string out;
  out.reserve(r.header_block.size() + r.body.size() + 64);
  std::string_view block = r.header_block;
  bool first = true;
  bool wrote_length = false;
  while (!block.empty()) {
    std::size_t eol = block.find('\n');
    std::string_view line = block.substr(0, eol == std::string_view::npos ? block.size() : eol);
    block.remove_prefix(eol == std::string_view::npos ? block.size() : eol + 1);
    line = Trim(line);
    if (line.empty()) continue;
    if (first) {
      out.append(line).append("\r\n");
      first = false;
      continue;
    }
    if (StartsWithNoCase(line, "content-encoding:") ||
        StartsWithNoCase(line, "transfer-encoding:")) {
      out.append("X-Newsfacts-Original-").append(line).append("\r\n");
    } else if (StartsWithNoCase(line, "content-length:")) {
      out.append("Content-Length: ").append(std::to_string(r.body.size())).append("\r\n");
      wrote_length = true;
    } else {
      out.append(line).append("\r\n");
    }
  }
  if (first) {
    out.append(r.http_version.empty() ? "HTTP/1.1" : r.http_version)
        .append(" ")
        .append(std::to_string(r.http_status))
        .append("\r\n");
  }
  if (!wrote_length) {
    out.append("Content-Length: ").append(std::to_string(r.body.size())).append("\r\n");
  }
  out.append("\r\n");
  out.append(r.body);
  return out;
}

// ---------------------------------------------------------------------------

struct CurlFetcher::Impl {
  struct Transfer {
    Impl* impl = nullptr;
    EasyPtr easy;
    SlistPtr headers;
    FetchRequest request;
    FetchResponse response;
    SsrfGuard guard;
    std::uint64_t cap = 0;
    bool encoded = false;           // Content-Encoding other than identity
    bool abort_truncated = false;
    bool abort_too_large = false;
    bool abort_bomb = false;
  };

  FetcherOptions options;
  Status init_status;
  MultiPtr multi;
  SlistPtr resolve;
  WakePipe wake;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> running;
  std::vector<EasyPtr> idle_handles;
  std::deque<FetchResponse> ready;  // failed before starting
  FetcherCounters counters;
  std::string protocols;

  static curl_socket_t OpenSocket(void* clientp, curlsocktype purpose,
                                  struct curl_sockaddr* address) {
    auto* t = static_cast<Transfer*>(clientp);
    curl_socket_t s = SsrfOpenSocket(&t->guard, purpose, address);
    if (s == CURL_SOCKET_BAD) {
      if (!t->guard.refusal.ok()) ++t->impl->counters.sockets_refused;
    } else {
      ++t->impl->counters.sockets_opened;
    }
    return s;
  }

  static size_t OnHeader(char* data, size_t size, size_t n, void* arg) {
    auto* t = static_cast<Transfer*>(arg);
    const size_t len = size * n;
    std::string_view line(data, len);
    FetchResponse& r = t->response;
    if (StartsWithNoCase(line, "HTTP/")) {  // a new response (after 1xx)
      r.headers.clear();
      r.header_block.clear();
      t->encoded = false;
      std::string_view l = Trim(line);
      std::size_t sp = l.find(' ');
      r.http_version = std::string(l.substr(0, sp));
      if (sp != std::string_view::npos) {
        std::string_view rest = l.substr(sp + 1);
        int code = 0;
        std::from_chars(rest.data(), rest.data() + std::min<std::size_t>(3, rest.size()), code);
        r.http_status = code;
      }
      r.header_block.append(line);
      return len;
    }
    r.header_block.append(line);
    std::string_view l = Trim(line);
    if (l.empty()) {
      // End of the header block: refuse a declared body above the cap.
      if (r.http_status >= 200) {
        std::string_view cl = r.Header("content-length");
        std::uint64_t declared = 0;
        if (!cl.empty() &&
            std::from_chars(cl.data(), cl.data() + cl.size(), declared).ec == std::errc() &&
            declared > t->cap && !t->encoded) {
          // An identity body we would cut anyway: read up to the cap (truncation
          // is decided in OnBody), unless it is absurdly larger than the cap.
          if (declared > 4 * t->cap) {
            t->abort_too_large = true;
            return 0;
          }
        }
        // The body arrives in pieces: room for all of it at once (a few MiB
        // at most: the declared length is the server's word).
        if (declared > 0 && !t->encoded) {
          r.body.reserve(std::min<std::uint64_t>({declared, t->cap, std::uint64_t{4} << 20}));
        }
      }
      return len;
    }
    std::size_t colon = l.find(':');
    if (colon == std::string_view::npos) return len;
    std::string name(Trim(l.substr(0, colon)));
    std::string value(Trim(l.substr(colon + 1)));
    if (StartsWithNoCase(name, "content-encoding") && name.size() == 16 && !value.empty() &&
        !StartsWithNoCase(value, "identity")) {
      t->encoded = true;
    }
    r.headers.emplace_back(std::move(name), std::move(value));
    return len;
  }

  static size_t OnBody(char* data, size_t size, size_t n, void* arg) {
    auto* t = static_cast<Transfer*>(arg);
    const size_t len = size * n;
    std::string& body = t->response.body;
    if (body.size() + len > t->cap) {
      if (t->encoded) {
        // Decoded bytes past the cap. Real pages compress a few times over; a
        // ratio beyond kBombRatio is a decompression bomb, dropped whole.
        curl_off_t wire = 0;
        curl_easy_getinfo(t->easy.get(), CURLINFO_SIZE_DOWNLOAD_T, &wire);
        if (static_cast<double>(body.size() + len) >
            kBombRatio * static_cast<double>(std::max<curl_off_t>(wire, 1))) {
          t->abort_bomb = true;
          return 0;
        }
      }
      body.append(data, t->cap - body.size());
      t->abort_truncated = true;
      return 0;
    }
    body.append(data, len);
    return len;
  }

  static int OnDebug(CURL*, curl_infotype type, char* data, size_t size, void* arg) {
    if (type == CURLINFO_HEADER_OUT) {
      static_cast<Transfer*>(arg)->response.request_block.append(data, size);
    }
    return 0;
  }

  explicit Impl(FetcherOptions opts) : options(std::move(opts)) {
    std::call_once(g_curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    multi.reset(curl_multi_init());
    if (!multi) {
      init_status = Status::Internal("curl_multi_init failed");
      return;
    }
    curl_multi_setopt(multi.get(), CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
    curl_multi_setopt(multi.get(), CURLMOPT_MAX_HOST_CONNECTIONS,
                      static_cast<long>(std::max(1, options.max_host_connections)));
    if (options.max_total_connections > 0) {
      curl_multi_setopt(multi.get(), CURLMOPT_MAX_TOTAL_CONNECTIONS,
                        static_cast<long>(options.max_total_connections));
    }
    curl_multi_setopt(multi.get(), CURLMOPT_MAXCONNECTS, 1024L);
    curl_slist* list = nullptr;
    for (const std::string& r : options.resolve) list = curl_slist_append(list, r.c_str());
    resolve.reset(list);
    protocols = options.allow_file ? "http,https,file" : "http,https";
  }

  ~Impl() {
    for (auto& [easy, t] : running) curl_multi_remove_handle(multi.get(), easy);
    running.clear();
  }

  void Fail(FetchRequest&& req, FetchError error, std::string message) {
    FetchResponse r;
    r.id = req.id;
    r.url = std::move(req.url);
    r.error = error;
    r.error_message = std::move(message);
    r.started = std::chrono::system_clock::now();
    ready.push_back(std::move(r));
    wake.Poke();
  }

  void Start(FetchRequest req) {
    ++counters.started;
    if (!init_status.ok()) return Fail(std::move(req), FetchError::kOther, init_status.message());
    UrlPolicy policy;
    policy.allow_file = options.allow_file;
    Result<Url> url = ParseUrl(req.url, policy);
    if (!url.ok()) {
      const bool scheme = url.status().code() == Status::Code::kUnsupported;
      return Fail(std::move(req), scheme ? FetchError::kUnsupported : FetchError::kOther,
                  url.status().message());
    }
    if (req.host.empty()) req.host = url->host;
    if (url->scheme != "file") {
      // An IP-literal host is judged before anything touches the network.
      if (std::optional<IpAddress> ip = IpAddress::Parse(url->host)) {
        Status s = CheckConnect(url->host, *ip, options.allow);
        if (!s.ok()) {
          ++counters.literal_refused;
          return Fail(std::move(req), FetchError::kRefused, s.message());
        }
      }
    }
    auto t = std::make_unique<Transfer>();
    t->impl = this;
    if (!idle_handles.empty()) {
      t->easy = std::move(idle_handles.back());
      idle_handles.pop_back();
      curl_easy_reset(t->easy.get());
    } else {
      t->easy.reset(curl_easy_init());
    }
    if (!t->easy) return Fail(std::move(req), FetchError::kOther, "curl_easy_init failed");
    t->request = std::move(req);
    t->cap = t->request.max_body_bytes != 0 ? t->request.max_body_bytes : options.max_body_bytes;
    t->guard.host = t->request.host;
    t->guard.allow = &options.allow;
    t->response.id = t->request.id;
    t->response.url = t->request.url;
    t->response.started = std::chrono::system_clock::now();

    curl_slist* h = nullptr;
    h = curl_slist_append(h, "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    if (!t->request.if_none_match.empty()) {
      h = curl_slist_append(h, ("If-None-Match: " + t->request.if_none_match).c_str());
    }
    if (!t->request.if_modified_since.empty()) {
      h = curl_slist_append(h, ("If-Modified-Since: " + t->request.if_modified_since).c_str());
    }
    t->headers.reset(h);

    CURL* e = t->easy.get();
    curl_easy_setopt(e, CURLOPT_URL, t->request.url.c_str());
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, protocols.c_str());
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_USERAGENT, options.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // all libcurl decodes: gzip, deflate, br, zstd
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers.get());
    curl_easy_setopt(e, CURLOPT_HTTP_VERSION,
                     options.http2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1);
    curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout.count()));
    if (options.low_speed_bytes > 0) {
      curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, options.low_speed_bytes);
      curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, options.low_speed_seconds);
    }
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Impl::OnHeader);
    // Fewer reads and body callbacks per page than with the 16 KiB default.
    curl_easy_setopt(e, CURLOPT_BUFFERSIZE, 128L * 1024);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Impl::OnBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
    curl_easy_setopt(e, CURLOPT_DEBUGFUNCTION, &Impl::OnDebug);
    curl_easy_setopt(e, CURLOPT_DEBUGDATA, t.get());
    curl_easy_setopt(e, CURLOPT_VERBOSE, 1L);  // needed for the request head (CURLINFO_HEADER_OUT)
    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, &Impl::OpenSocket);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, t.get());
    if (resolve) curl_easy_setopt(e, CURLOPT_RESOLVE, resolve.get());
    if (!options.verify_tls) {
      curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
      curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());
    CURLMcode mc = curl_multi_add_handle(multi.get(), e);
    if (mc != CURLM_OK) {
      FetchRequest back = std::move(t->request);
      idle_handles.push_back(std::move(t->easy));
      return Fail(std::move(back), FetchError::kOther, curl_multi_strerror(mc));
    }
    running.emplace(e, std::move(t));
  }

  FetchResponse Finish(CURL* easy, CURLcode rc) {
    auto it = running.find(easy);
    std::unique_ptr<Transfer> t = std::move(it->second);
    running.erase(it);
    curl_multi_remove_handle(multi.get(), easy);
    FetchResponse r = std::move(t->response);
    long code = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &code);
    if (code != 0) r.http_status = static_cast<int>(code);
    char* ip = nullptr;
    if (curl_easy_getinfo(easy, CURLINFO_PRIMARY_IP, &ip) == CURLE_OK && ip != nullptr) r.ip = ip;
    double total = 0;
    curl_easy_getinfo(easy, CURLINFO_TOTAL_TIME, &total);
    r.seconds = total;
    curl_off_t down = 0;
    curl_easy_getinfo(easy, CURLINFO_SIZE_DOWNLOAD_T, &down);
    r.wire_bytes = static_cast<std::uint64_t>(down);

    if (rc == CURLE_OK) {
      r.error = FetchError::kNone;
    } else if (rc == CURLE_WRITE_ERROR && t->abort_truncated) {
      r.error = FetchError::kNone;
      r.truncated = true;
    } else if (rc == CURLE_WRITE_ERROR && t->abort_bomb) {
      r.error = FetchError::kDecompressionLimit;
      r.error_message = "decoded body larger than " + std::to_string(t->cap) + " bytes";
      r.body.clear();
      r.body.shrink_to_fit();
    } else if ((rc == CURLE_WRITE_ERROR && t->abort_too_large) ||
               rc == CURLE_FILESIZE_EXCEEDED) {
      r.error = FetchError::kTooLarge;
      r.error_message = "Content-Length " + std::string(r.Header("content-length")) +
                        " is larger than the cap of " + std::to_string(t->cap) + " bytes";
      r.body.clear();
    } else {
      switch (rc) {
        case CURLE_COULDNT_CONNECT:
          r.error = t->guard.refusal.ok() ? FetchError::kConnect : FetchError::kRefused;
          break;
        case CURLE_COULDNT_RESOLVE_HOST: r.error = FetchError::kDns; break;
        case CURLE_OPERATION_TIMEDOUT: r.error = FetchError::kTimeout; break;
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE: r.error = FetchError::kTls; break;
        case CURLE_BAD_CONTENT_ENCODING: r.error = FetchError::kBadEncoding; break;
        case CURLE_UNSUPPORTED_PROTOCOL: r.error = FetchError::kUnsupported; break;
        case CURLE_RECV_ERROR:
        case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING:
        case CURLE_PARTIAL_FILE:
        case CURLE_HTTP2:
        case CURLE_HTTP2_STREAM:
        case CURLE_WEIRD_SERVER_REPLY: r.error = FetchError::kNetwork; break;
        default: r.error = FetchError::kOther; break;
      }
      r.error_message = r.error == FetchError::kRefused ? t->guard.refusal.message()
                                                        : curl_easy_strerror(rc);
      if (r.error == FetchError::kTimeout) r.error_message += " (timeout or low-speed limit)";
    }
    t->headers.reset();
    if (idle_handles.size() < 256) idle_handles.push_back(std::move(t->easy));
    return r;
  }

  void Drain(std::vector<FetchResponse>* out) {
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi.get(), &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      out->push_back(Finish(msg->easy_handle, msg->data.result));
    }
  }

  std::vector<FetchResponse> Poll(std::chrono::milliseconds max_wait) {
    std::vector<FetchResponse> out;
    while (!ready.empty()) {
      out.push_back(std::move(ready.front()));
      ready.pop_front();
    }
    int still = 0;
    if (!running.empty()) {
      curl_multi_perform(multi.get(), &still);
      Drain(&out);
    }
    if (!out.empty()) {
      wake.Drain();
      return out;
    }
    curl_waitfd extra{};
    extra.fd = wake.read_fd();
    extra.events = CURL_WAIT_POLLIN;
    int numfds = 0;
    curl_multi_poll(multi.get(), extra.fd >= 0 ? &extra : nullptr, extra.fd >= 0 ? 1 : 0,
                    static_cast<int>(max_wait.count()), &numfds);
    wake.Drain();
    while (!ready.empty()) {
      out.push_back(std::move(ready.front()));
      ready.pop_front();
    }
    if (!running.empty()) {
      curl_multi_perform(multi.get(), &still);
      Drain(&out);
    }
    return out;
  }

  std::vector<FetchResponse> CancelAll() {
    std::vector<FetchResponse> out;
    while (!ready.empty()) {
      out.push_back(std::move(ready.front()));
      ready.pop_front();
    }
    std::vector<CURL*> handles;
    for (auto& [easy, t] : running) handles.push_back(easy);
    for (CURL* easy : handles) {
      FetchResponse r = Finish(easy, CURLE_ABORTED_BY_CALLBACK);
      r.error = FetchError::kCancelled;
      r.error_message = "cancelled";
      out.push_back(std::move(r));
    }
    return out;
  }
};

CurlFetcher::CurlFetcher(FetcherOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
CurlFetcher::~CurlFetcher() = default;
const Status& CurlFetcher::status() const { return impl_->init_status; }
void CurlFetcher::Start(FetchRequest request) { impl_->Start(std::move(request)); }
std::vector<FetchResponse> CurlFetcher::Poll(std::chrono::milliseconds max_wait) {
  return impl_->Poll(max_wait);
}
std::vector<FetchResponse> CurlFetcher::CancelAll() { return impl_->CancelAll(); }
std::size_t CurlFetcher::in_flight() const { return impl_->running.size() + impl_->ready.size(); }
void CurlFetcher::Wakeup() { impl_->wake.Poke(); }
FetcherCounters CurlFetcher::counters() const { return impl_->counters; }

}  // namespace newsfacts
