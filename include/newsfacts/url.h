// newsfacts/url.h — absolute http(s) URLs: parse, resolve, normalise; SSRF guards.
//
//   Result<Url> u = ParseUrl("HTTP://Example.COM:80/a/./b/../c?utm_source=x&b=2&a=1#top");
//   u->Serialize()            "http://example.com/a/c?utm_source=x&b=2&a=1#top"
//   NormalizeUrl(*u)          "http://example.com/a/c?a=1&b=2"      (dedup key)
//   ResolveUrl(*u, "../d?x")  "http://example.com/d?x"
//   u->HostKey()              "example.com:80"                       (politeness)
//   ParseUrl("http://bücher.de/")->host        "xn--bcher-kva.de"
//   ParseUrl("http://0x7f.1/")->host           "127.0.0.1"
//
// Parsing is RFC 3986 with the browser (WHATWG URL) leniencies that matter
// for links found in the wild: surrounding spaces and control characters are
// trimmed, tabs and newlines inside are removed, '\' counts as '/', and
// "http:/x" / "http:///x" find their host. The host is percent-decoded,
// mapped with IDNA (UTS #46, ICU uidna) to lower-case ASCII/punycode, and a
// host that "ends in a number" is read as an IPv4 address in the browser way
// ("0x7f.1", "2130706433", "127.1", "0177.0.0.1" are all 127.0.0.1) and
// written back dotted-decimal, so what we check is what a resolver would
// connect to. IPv6 hosts are kept in canonical RFC 5952 form without brackets
// (Url::host) and bracketed on output. Path and query characters that may not
// appear raw (space, controls, '"', '<', '>', '`', '{', '}', non-ASCII) are
// percent-encoded; dot segments are removed (also "%2e" forms); the port is
// dropped when it is the scheme's default; an empty path becomes "/".
//
// Scheme policy: only http and https parse; "file" only when
// UrlPolicy::allow_file is set (then host is "" or "localhost" and path is
// kept). Everything else (javascript:, mailto:, data:, ftp:) is kUnsupported.
//
// NormalizeUrl (the dedup key) additionally drops the fragment (userinfo is
// kept) and trailing dots of the host, decodes %-escapes of unreserved
// characters and upper-cases the others (a stray '%' becomes "%25"), removes
// ";jsessionid=..."-style path parameters, removes empty query parameters and
// the parameters named in the lexicon `url_tracking_params.tsv` (utm_*,
// fbclid, gclid, mc_cid, jsessionid, phpsessid, sid, ...; extend it with
// --lexicons), and sorts the remaining parameters by name (stable, so repeated
// names keep their order). An empty query disappears.
//
// SSRF guards: ClassifyAddress() puts an IP address in one class (loopback,
// private incl. CGNAT and ULA, link-local, unspecified, multicast, reserved,
// public), looking through IPv4-mapped/compatible, NAT64 (64:ff9b::/96) and
// 6to4 (2002::/16) IPv6 forms to the IPv4 address inside. CheckConnect()
// decides, per resolved address, whether the crawler may connect: public
// addresses always; unspecified, multicast and broadcast never; every other
// class only when the URL's host (or the address, or a network containing it)
// is on the HostAllowList (the seeds' hosts and config-allowed hosts). The
// crawler applies it to DNS answers, not URL text, from libcurl's
// CURLOPT_OPENSOCKETFUNCTION (see ingest/ssrf_guard.h), which also defeats
// DNS rebinding.
//
// Errors: ParseUrl/ResolveUrl/NormalizeUrl return kInvalidArgument for
// malformed input and kUnsupported for a disallowed scheme. Inputs longer
// than kMaxUrlBytes are rejected.
// Thread-safety: all functions are reentrant; HostAllowList is immutable
// after setup and may be shared between threads for reading.
#ifndef NEWSFACTS_URL_H_
#define NEWSFACTS_URL_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "newsfacts/status.h"

struct sockaddr;

namespace newsfacts {

inline constexpr std::size_t kMaxUrlBytes = 16 * 1024;

struct UrlPolicy {
  bool allow_file = false;  // accept file:// URLs (local ingest only, never for crawling)
};

struct Url {
  std::string scheme;    // "http", "https" or "file"; lower-case
  std::string userinfo;  // "user:pass" as written (percent-encoded), usually ""
  std::string host;      // lower-case ASCII (punycode), IPv4 dotted, IPv6 unbracketed
  int port = -1;         // -1: the scheme's default
  std::string path;      // starts with '/'
  std::optional<std::string> query;     // without '?'
  std::optional<std::string> fragment;  // without '#'

  bool is_ipv6() const { return host.find(':') != std::string::npos; }
  // Port to connect to: `port`, or 80/443 for http/https (0 for file).
  int EffectivePort() const;
  // "scheme://[userinfo@]host[:port]/path[?query][#fragment]".
  std::string Serialize() const;
  // "scheme://host[:port]" (no userinfo).
  std::string Origin() const;
  // path + "?" + query: what goes on the HTTP request line and what robots.txt matches.
  std::string PathAndQuery() const;
  // Politeness key: "host:effective_port" (IPv6 bracketed).
  std::string HostKey() const;
  // The robots.txt URL for this URL's origin.
  std::string RobotsTxtUrl() const;

  bool operator==(const Url&) const = default;
};

// Parses an absolute URL.
Result<Url> ParseUrl(std::string_view text, const UrlPolicy& policy = {});

// Resolves `reference` (absolute, "//host/..", "/path", "?q", "#f", "rel/path",
// "../x") against `base` (RFC 3986 §5.2, with the leniencies above).
Result<Url> ResolveUrl(const Url& base, std::string_view reference,
                       const UrlPolicy& policy = {});

struct NormalizeOptions {
  bool drop_fragment = true;
  bool sort_query = true;
  bool drop_tracking_params = true;           // url_tracking_params.tsv
  std::vector<std::string> extra_drop_params;  // more names (exact, case-insensitive; "x_*" = prefix)
};

// The dedup form of a parsed URL (see above), serialised.
std::string NormalizeUrl(const Url& url, const NormalizeOptions& options = {});
// Parse + normalise in one step.
Result<std::string> NormalizeUrl(std::string_view text, const NormalizeOptions& options = {},
                                 const UrlPolicy& policy = {});

// ---------------------------------------------------------------------------
// IP addresses and SSRF guards.

class IpAddress {
 public:
  IpAddress() = default;  // 0.0.0.0
  static IpAddress V4(uint32_t host_order);
  static IpAddress V6(const std::array<uint8_t, 16>& bytes);

  // Accepts dotted IPv4 in the forms browsers and inet_aton accept ("127.1",
  // "0x7f.0.0.1", "017700000001", "2130706433"), and IPv6 with or without
  // brackets (no zone id). nullopt if `text` is not an address.
  static std::optional<IpAddress> Parse(std::string_view text);
  // From a sockaddr_in / sockaddr_in6 (other families: nullopt).
  static std::optional<IpAddress> FromSockaddr(const struct sockaddr* addr, std::size_t len);

  bool is_v4() const { return v4_; }
  uint32_t v4() const;  // host order; REQUIRES: is_v4()
  // 16 bytes; an IPv4 address as ::ffff:a.b.c.d.
  const std::array<uint8_t, 16>& bytes() const { return bytes_; }
  // "127.0.0.1" or RFC 5952 "2001:db8::1" (no brackets).
  std::string ToString() const;
  // If this IPv6 address embeds an IPv4 one (mapped, compatible, NAT64, 6to4).
  std::optional<IpAddress> EmbeddedV4() const;

  bool operator==(const IpAddress&) const = default;

 private:
  std::array<uint8_t, 16> bytes_{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0};
  bool v4_ = true;
};

enum class AddressClass {
  kPublic,
  kLoopback,     // 127/8, ::1
  kPrivate,      // 10/8, 172.16/12, 192.168/16, 100.64/10 (CGNAT), fc00::/7, fec0::/10
  kLinkLocal,    // 169.254/16 (incl. cloud metadata 169.254.169.254), fe80::/10
  kUnspecified,  // 0.0.0.0/8, ::
  kMulticast,    // 224/4, ff00::/8
  kReserved,     // 240/4 (incl. broadcast), 192.0.0/24, 192.0.2/24, 198.18/15,
                 // 198.51.100/24, 203.0.113/24, 2001:db8::/32, 100::/64, 2001::/23
};

AddressClass ClassifyAddress(const IpAddress& address);
std::string_view AddressClassName(AddressClass c);  // "public", "loopback", ...

// Hosts and networks the operator trusts to be internal (seeds' hosts, config).
class HostAllowList {
 public:
  // `entry`: a host name ("news.internal"), an IP address ("127.0.0.1",
  // "[::1]"), a CIDR network ("10.1.0.0/16", "fd00::/8") or a URL whose host
  // is taken ("http://127.0.0.1:8080/seed"). Names and addresses trust that
  // URL host only (another name that resolves to 127.0.0.1 stays refused);
  // networks trust their addresses under any name ("127.0.0.1/32" for one).
  // kInvalidArgument if unusable.
  Status Add(std::string_view entry);
  bool ContainsHost(std::string_view host) const;  // host as in Url::host
  bool ContainsAddress(const IpAddress& address) const;
  bool empty() const { return hosts_.empty() && networks_.empty(); }

 private:
  struct Network {
    IpAddress base;
    int prefix_bits;  // over the 16-byte form
  };
  std::vector<std::string> hosts_;
  std::vector<Network> networks_;
};

// May the crawler connect to `address`, resolved for URL host `host`?
// OK, or a kUnsupported status naming the host, the address and its class
// ("refusing to connect to metadata.internal (169.254.169.254): link-local
// address, host not allow-listed").
Status CheckConnect(std::string_view host, const IpAddress& address,
                    const HostAllowList& allow);

// The subset of `resolved` that CheckConnect permits, in order (for
// CURLOPT_RESOLVE pinning).
std::vector<IpAddress> FilterConnectable(std::string_view host,
                                         std::span<const IpAddress> resolved,
                                         const HostAllowList& allow);

}  // namespace newsfacts

#endif  // NEWSFACTS_URL_H_
