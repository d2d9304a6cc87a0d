// libcurl glue for the SSRF guard. Contract in ssrf_guard.h.
#include "ssrf_guard.h"

#include <sys/socket.h>

namespace newsfacts {

curl_socket_t SsrfOpenSocket(void* clientp, curlsocktype purpose, struct curl_sockaddr* address) {
  auto* guard = static_cast<SsrfGuard*>(clientp);
  if (guard == nullptr || address == nullptr) return CURL_SOCKET_BAD;
  std::optional<IpAddress> ip = IpAddress::FromSockaddr(&address->addr, address->addrlen);
  if (!ip) {
    guard->refusal = Status::Unsupported("refusing to connect to " + guard->host +
                                         ": not an IPv4/IPv6 address");
    return CURL_SOCKET_BAD;
  }
  static const HostAllowList kNothing;
  Status status = CheckConnect(guard->host, *ip, guard->allow ? *guard->allow : kNothing);
  if (!status.ok()) {
    guard->refusal = std::move(status);
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

Status InstallSsrfGuard(CURL* curl, SsrfGuard* guard) {
  if (curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, &SsrfOpenSocket) != CURLE_OK ||
      curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, guard) != CURLE_OK) {
    return Status::Internal("cannot install the SSRF guard on a curl handle");
  }
  return Status::Ok();
}

}  // namespace newsfacts
