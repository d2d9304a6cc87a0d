// ingest/ssrf_guard.h — enforces CheckConnect() (newsfacts/url.h) inside libcurl.
//
// libcurl resolves names itself, so checking the URL text is not enough: a
// public-looking name can resolve to 127.0.0.1 or 169.254.169.254, or change
// its answer between a check and the connect (DNS rebinding). InstallSsrfGuard
// sets CURLOPT_OPENSOCKETFUNCTION so every socket libcurl is about to open is
// checked against the address it will actually connect to.
//
//   SsrfGuard guard{url.host, &allow_list};
//   InstallSsrfGuard(curl, &guard);
//   CURLcode rc = curl_easy_perform(curl);   // refused: CURLE_COULDNT_CONNECT
//   if (!guard.refusal.ok()) ... guard.refusal.message() says why
//
// The guard must outlive the transfer. It knows one host: follow redirects
// yourself (CURLOPT_FOLLOWLOCATION off, which the crawler needs anyway to
// check robots.txt per hop) and update `host` before each request. With a
// proxy configured the socket goes to the proxy, which is then what is checked.
// Internal to newsfacts_ingest; not thread-safe per guard (one per transfer).
#ifndef NEWSFACTS_INGEST_SSRF_GUARD_H_
#define NEWSFACTS_INGEST_SSRF_GUARD_H_

#include <curl/curl.h>

#include <string>

#include "newsfacts/status.h"
#include "newsfacts/url.h"

namespace newsfacts {

struct SsrfGuard {
  std::string host;                        // Url::host of the current request
  const HostAllowList* allow = nullptr;    // nullptr: nothing is allow-listed
  Status refusal;                          // the last refused connect, if any
};

// The CURLOPT_OPENSOCKETFUNCTION callback; `clientp` is an SsrfGuard*.
curl_socket_t SsrfOpenSocket(void* clientp, curlsocktype purpose, struct curl_sockaddr* address);

// Sets CURLOPT_OPENSOCKETFUNCTION and CURLOPT_OPENSOCKETDATA on `curl`.
Status InstallSsrfGuard(CURL* curl, SsrfGuard* guard);

}  // namespace newsfacts

#endif  // NEWSFACTS_INGEST_SSRF_GUARD_H_
