// IP addresses, their classes, and the connect policy (SSRF guard).
// Contract in newsfacts/url.h.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

#include "newsfacts/url.h"

namespace newsfacts {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One part of a WHATWG IPv4 address: decimal, 0x-hex or 0-octal.
std::optional<uint64_t> ParseIpv4Number(std::string_view s) {
  if (s.empty()) return std::nullopt;
  int radix = 10;
  if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    radix = 16;
    s.remove_prefix(2);
    if (s.empty()) return 0;
  } else if (s.size() >= 2 && s[0] == '0') {
    radix = 8;
    s.remove_prefix(1);
  }
  uint64_t value = 0;
  for (char c : s) {
    int d = HexValue(c);
    if (d < 0 || d >= radix) return std::nullopt;
    value = value * static_cast<uint64_t>(radix) + static_cast<uint64_t>(d);
    if (value > 0xFFFFFFFFull) return std::nullopt;
  }
  return value;
}

std::optional<uint32_t> ParseIpv4(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text.back() == '.') text.remove_suffix(1);
  uint64_t parts[4];
  int count = 0;
  while (true) {
    std::size_t dot = text.find('.');
    std::string_view part = text.substr(0, dot);
    if (count == 4) return std::nullopt;
    std::optional<uint64_t> n = ParseIpv4Number(part);
    if (!n) return std::nullopt;
    parts[count++] = *n;
    if (dot == std::string_view::npos) break;
    text.remove_prefix(dot + 1);
  }
  for (int i = 0; i + 1 < count; ++i) {
    if (parts[i] > 255) return std::nullopt;
  }
  uint64_t last_limit = 1ull << (8 * (5 - count));
  if (parts[count - 1] >= last_limit) return std::nullopt;
  uint64_t value = parts[count - 1];
  for (int i = 0; i + 1 < count; ++i) value += parts[i] << (8 * (3 - i));
  return static_cast<uint32_t>(value);
}

bool InV4(uint32_t a, uint32_t net, int bits) {
  uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
  return (a & mask) == (net & mask);
}

constexpr uint32_t V4(int a, int b, int c, int d) {
  return (static_cast<uint32_t>(a) << 24) | (static_cast<uint32_t>(b) << 16) |
         (static_cast<uint32_t>(c) << 8) | static_cast<uint32_t>(d);
}

AddressClass ClassifyV4(uint32_t a) {
  if (InV4(a, V4(0, 0, 0, 0), 8)) return AddressClass::kUnspecified;
  if (InV4(a, V4(127, 0, 0, 0), 8)) return AddressClass::kLoopback;
  if (InV4(a, V4(10, 0, 0, 0), 8) || InV4(a, V4(172, 16, 0, 0), 12) ||
      InV4(a, V4(192, 168, 0, 0), 16) || InV4(a, V4(100, 64, 0, 0), 10)) {
    return AddressClass::kPrivate;
  }
  if (InV4(a, V4(169, 254, 0, 0), 16)) return AddressClass::kLinkLocal;
  if (InV4(a, V4(224, 0, 0, 0), 4)) return AddressClass::kMulticast;
  if (InV4(a, V4(240, 0, 0, 0), 4) || InV4(a, V4(192, 0, 0, 0), 24) ||
      InV4(a, V4(192, 0, 2, 0), 24) || InV4(a, V4(198, 18, 0, 0), 15) ||
      InV4(a, V4(198, 51, 100, 0), 24) || InV4(a, V4(203, 0, 113, 0), 24)) {
    return AddressClass::kReserved;
  }
  return AddressClass::kPublic;
}

bool PrefixMatches(const std::array<uint8_t, 16>& a, const std::array<uint8_t, 16>& net,
                   int bits) {
  int full = bits / 8;
  if (std::memcmp(a.data(), net.data(), static_cast<std::size_t>(full)) != 0) return false;
  int rest = bits % 8;
  if (rest == 0) return true;
  uint8_t mask = static_cast<uint8_t>(0xFF << (8 - rest));
  return (a[full] & mask) == (net[full] & mask);
}

std::array<uint8_t, 16> V6Bytes(std::initializer_list<uint16_t> groups) {
  std::array<uint8_t, 16> b{};
  int i = 0;
  for (uint16_t g : groups) {
    b[i++] = static_cast<uint8_t>(g >> 8);
    b[i++] = static_cast<uint8_t>(g & 0xFF);
  }
  return b;
}

uint32_t LoadV4(const uint8_t* p) {
  return (static_cast<uint32_t>(p[0]) << 24) | (static_cast<uint32_t>(p[1]) << 16) |
         (static_cast<uint32_t>(p[2]) << 8) | p[3];
}

}  // namespace

IpAddress IpAddress::V4(uint32_t host_order) {
  IpAddress ip;
  ip.v4_ = true;
  ip.bytes_ = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, static_cast<uint8_t>(host_order >> 24),
               static_cast<uint8_t>(host_order >> 16), static_cast<uint8_t>(host_order >> 8),
               static_cast<uint8_t>(host_order)};
  return ip;
}

IpAddress IpAddress::V6(const std::array<uint8_t, 16>& bytes) {
  IpAddress ip;
  ip.v4_ = false;
  ip.bytes_ = bytes;
  return ip;
}

uint32_t IpAddress::v4() const { return LoadV4(bytes_.data() + 12); }

std::optional<IpAddress> IpAddress::Parse(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
    if (text.find(':') == std::string_view::npos) return std::nullopt;
  }
  if (text.empty() || text.size() > 64) return std::nullopt;
  if (text.find(':') != std::string_view::npos) {
    char buf[65];
    std::memcpy(buf, text.data(), text.size());
    buf[text.size()] = '\0';
    std::array<uint8_t, 16> bytes;
    if (inet_pton(AF_INET6, buf, bytes.data()) != 1) return std::nullopt;
    return V6(bytes);
  }
  std::optional<uint32_t> v4 = ParseIpv4(text);
  if (!v4) return std::nullopt;
  return V4(*v4);
}

std::optional<IpAddress> IpAddress::FromSockaddr(const struct sockaddr* addr, std::size_t len) {
  if (addr == nullptr) return std::nullopt;
  if (addr->sa_family == AF_INET && len >= sizeof(sockaddr_in)) {
    sockaddr_in in;
    std::memcpy(&in, addr, sizeof(in));
    return V4(ntohl(in.sin_addr.s_addr));
  }
  if (addr->sa_family == AF_INET6 && len >= sizeof(sockaddr_in6)) {
    sockaddr_in6 in6;
    std::memcpy(&in6, addr, sizeof(in6));
    std::array<uint8_t, 16> bytes;
    std::memcpy(bytes.data(), &in6.sin6_addr, 16);
    return V6(bytes);
  }
  return std::nullopt;
}

std::string IpAddress::ToString() const {
  char buf[INET6_ADDRSTRLEN];
  if (v4_) {
    in_addr in;
    in.s_addr = htonl(v4());
    inet_ntop(AF_INET, &in, buf, sizeof(buf));
  } else {
    inet_ntop(AF_INET6, bytes_.data(), buf, sizeof(buf));
  }
  return buf;
}

std::optional<IpAddress> IpAddress::EmbeddedV4() const {
  if (v4_) return std::nullopt;
  static const auto kMapped = V6Bytes({0, 0, 0, 0, 0, 0xffff, 0, 0});
  static const auto kZero = V6Bytes({0, 0, 0, 0, 0, 0, 0, 0});
  static const auto kNat64 = V6Bytes({0x64, 0xff9b, 0, 0, 0, 0, 0, 0});
  static const auto k6to4 = V6Bytes({0x2002, 0, 0, 0, 0, 0, 0, 0});
  if (PrefixMatches(bytes_, kMapped, 96) || PrefixMatches(bytes_, kNat64, 96)) {
    return V4(LoadV4(bytes_.data() + 12));
  }
  if (PrefixMatches(bytes_, kZero, 96)) {  // IPv4-compatible ::a.b.c.d (not :: or ::1)
    uint32_t v = LoadV4(bytes_.data() + 12);
    if (v > 1) return V4(v);
    return std::nullopt;
  }
  if (PrefixMatches(bytes_, k6to4, 16)) return V4(LoadV4(bytes_.data() + 2));
  return std::nullopt;
}

AddressClass ClassifyAddress(const IpAddress& address) {
  if (address.is_v4()) return ClassifyV4(address.v4());
  if (std::optional<IpAddress> v4 = address.EmbeddedV4()) return ClassifyV4(v4->v4());
  const std::array<uint8_t, 16>& b = address.bytes();
  static const auto kZero = V6Bytes({0, 0, 0, 0, 0, 0, 0, 0});
  static const auto kLoop = V6Bytes({0, 0, 0, 0, 0, 0, 0, 1});
  if (b == kZero) return AddressClass::kUnspecified;
  if (b == kLoop) return AddressClass::kLoopback;
  struct Net {
    std::array<uint8_t, 16> base;
    int bits;
    AddressClass cls;
  };
  static const Net kNets[] = {
      {V6Bytes({0xff00}), 8, AddressClass::kMulticast},
      {V6Bytes({0xfe80}), 10, AddressClass::kLinkLocal},
      {V6Bytes({0xfc00}), 7, AddressClass::kPrivate},
      {V6Bytes({0xfec0}), 10, AddressClass::kPrivate},  // deprecated site-local
      {V6Bytes({0x64, 0xff9b, 1}), 48, AddressClass::kPrivate},  // local-use NAT64
      {V6Bytes({0x2001, 0xdb8}), 32, AddressClass::kReserved},
      {V6Bytes({0x100, 0, 0, 0}), 64, AddressClass::kReserved},  // discard-only
      {V6Bytes({0x2001, 0}), 23, AddressClass::kReserved},  // IETF protocol assignments, Teredo
      {V6Bytes({0, 0}), 8, AddressClass::kReserved},        // rest of ::/8
  };
  for (const Net& net : kNets) {
    if (PrefixMatches(b, net.base, net.bits)) return net.cls;
  }
  return AddressClass::kPublic;
}

std::string_view AddressClassName(AddressClass c) {
  switch (c) {
    case AddressClass::kPublic: return "public";
    case AddressClass::kLoopback: return "loopback";
    case AddressClass::kPrivate: return "private";
    case AddressClass::kLinkLocal: return "link-local";
    case AddressClass::kUnspecified: return "unspecified";
    case AddressClass::kMulticast: return "multicast";
    case AddressClass::kReserved: return "reserved";
  }
  return "unknown";
}

Status HostAllowList::Add(std::string_view entry) {
  while (!entry.empty() && (entry.front() == ' ' || entry.front() == '\t')) entry.remove_prefix(1);
  while (!entry.empty() && (entry.back() == ' ' || entry.back() == '\t')) entry.remove_suffix(1);
  if (entry.empty()) return Status::InvalidArgument("empty allow-list entry");
  if (entry.find("://") != std::string_view::npos) {
    Result<Url> url = ParseUrl(entry);
    if (!url.ok()) return url.status().WithContext("allow-list entry");
    return Add(url->is_ipv6() ? "[" + url->host + "]" : url->host);
  }
  std::size_t slash = entry.find('/');
  if (slash != std::string_view::npos) {
    std::optional<IpAddress> base = IpAddress::Parse(entry.substr(0, slash));
    std::string_view bits_text = entry.substr(slash + 1);
    int bits = -1;
    if (!bits_text.empty() && bits_text.size() <= 3 &&
        std::all_of(bits_text.begin(), bits_text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      bits = std::stoi(std::string(bits_text));
    }
    if (!base || bits < 0 || bits > (base->is_v4() ? 32 : 128)) {
      return Status::InvalidArgument("invalid network in allow-list: " + std::string(entry));
    }
    networks_.push_back({*base, base->is_v4() ? bits + 96 : bits});
    return Status::Ok();
  }
  if (std::optional<IpAddress> ip = IpAddress::Parse(entry)) {
    // An address names a host ("http://127.0.0.1:8080/" as a seed), not a
    // network: other names resolving to it stay refused. Use "a.b.c.d/32"
    // to trust the address under any name.
    hosts_.push_back(ip->ToString());
    return Status::Ok();
  }
  Result<Url> url = ParseUrl("http://" + std::string(entry) + "/");
  if (!url.ok()) return url.status().WithContext("allow-list entry");
  std::string host = url->host;
  if (host.size() > 1 && host.back() == '.') host.pop_back();
  hosts_.push_back(std::move(host));
  return Status::Ok();
}

bool HostAllowList::ContainsHost(std::string_view host) const {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.size() > 1 && host.back() == '.') host.remove_suffix(1);
  for (const std::string& h : hosts_) {
    if (h.size() != host.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < h.size() && same; ++i) {
      char c = host[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      same = h[i] == c;
    }
    if (same) return true;
  }
  return false;
}

bool HostAllowList::ContainsAddress(const IpAddress& address) const {
  for (const Network& net : networks_) {
    if (net.base.is_v4() != address.is_v4() && net.prefix_bits < 96) continue;
    if (PrefixMatches(address.bytes(), net.base.bytes(), net.prefix_bits)) return true;
  }
  return false;
}

Status CheckConnect(std::string_view host, const IpAddress& address, const HostAllowList& allow) {
  AddressClass cls = ClassifyAddress(address);
  if (cls == AddressClass::kPublic) return Status::Ok();
  bool broadcast = address.is_v4() && address.v4() == 0xFFFFFFFFu;
  if (cls != AddressClass::kUnspecified && cls != AddressClass::kMulticast && !broadcast &&
      (allow.ContainsHost(host) || allow.ContainsAddress(address))) {
    return Status::Ok();
  }
  std::string msg = "refusing to connect to " + std::string(host) + " (" + address.ToString() +
                    "): " + std::string(AddressClassName(cls)) + " address";
  if (cls != AddressClass::kUnspecified && cls != AddressClass::kMulticast && !broadcast) {
    msg += ", host not allow-listed";
  }
  return Status::Unsupported(std::move(msg));
}

std::vector<IpAddress> FilterConnectable(std::string_view host,
                                         std::span<const IpAddress> resolved,
                                         const HostAllowList& allow) {
  std::vector<IpAddress> out;
  for (const IpAddress& ip : resolved) {
    if (CheckConnect(host, ip, allow).ok()) out.push_back(ip);
  }
  return out;
}

}  // namespace newsfacts
