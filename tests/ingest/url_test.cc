// Tests for ingest/url.cc and ingest/ssrf.cc (newsfacts/url.h).
#include "newsfacts/url.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

namespace newsfacts {
namespace {

std::string Parsed(std::string_view text) {
  Result<Url> url = ParseUrl(text);
  if (!url.ok()) return "ERROR " + url.status().ToString();
  return url->Serialize();
}

std::string Resolved(std::string_view base, std::string_view ref) {
  Result<Url> b = ParseUrl(base);
  REQUIRE(b.ok());
  Result<Url> url = ResolveUrl(*b, ref);
  if (!url.ok()) return "ERROR";
  return url->Serialize();
}

std::string Normalized(std::string_view text) {
  Result<std::string> n = NormalizeUrl(text);
  if (!n.ok()) return "ERROR " + n.status().ToString();
  return *n;
}

TEST_CASE("url: parse and serialise", "[ingest]") {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"http://example.com", "http://example.com/"},
      {"HTTP://Example.COM:80/a?b#c", "http://example.com/a?b#c"},
      {"https://example.com:443/", "https://example.com/"},
      {"https://example.com:8443/x", "https://example.com:8443/x"},
      {"http://example.com:/x", "http://example.com/x"},
      {"http://example.com:0080/x", "http://example.com/x"},
      {"  http://example.com/a b\t\n ", "http://example.com/a%20b"},
      {"http://example.com/a\nb", "http://example.com/ab"},
      {"http:\\\\example.com\\a\\b", "http://example.com/a/b"},
      {"http:/example.com/x", "http://example.com/x"},
      {"http:///example.com/x", "http://example.com/x"},
      {"http://user:pa%20ss@example.com/", "http://user:pa%20ss@example.com/"},
      {"http://example.com/a/./b/../c/", "http://example.com/a/c/"},
      {"http://example.com/a/%2e%2E/b", "http://example.com/b"},
      {"http://example.com/../../x", "http://example.com/x"},
      {"http://example.com/a/..", "http://example.com/"},
      {"http://example.com/caf\xC3\xA9?q=\xC3\xA9 x#fr\xC3\xA9", "http://example.com/caf%C3%A9?q=%C3%A9%20x#fr%C3%A9"},
      {"http://example.com/?a='b'", "http://example.com/?a=%27b%27"},
      {"http://example.com/%zz", "http://example.com/%zz"},
      {"http://EXAMPLE.com./", "http://example.com./"},
      {"http://b\xC3\xBC" "cher.de/", "http://xn--bcher-kva.de/"},
      {"http://B\xC3\x9C" "CHER.de/", "http://xn--bcher-kva.de/"},
      {"http://%62%C3%BCcher.de/", "http://xn--bcher-kva.de/"},
      {"http://xn--bcher-kva.de/", "http://xn--bcher-kva.de/"},
      {"http://[::1]:8080/", "http://[::1]:8080/"},
      {"http://[2001:DB8:0:0:0:0:0:1]/", "http://[2001:db8::1]/"},
      {"http://[::ffff:127.0.0.1]/", "http://[::ffff:127.0.0.1]/"},
      {"http://0x7f.1/", "http://127.0.0.1/"},
      {"http://2130706433/", "http://127.0.0.1/"},
      {"http://127.1/", "http://127.0.0.1/"},
      {"http://0177.0.0.1/", "http://127.0.0.1/"},
      {"http://192.168.0.1./", "http://192.168.0.1/"},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    CHECK(Parsed(c.in) == c.out);
  }
}

TEST_CASE("url: parse errors and scheme policy", "[ingest]") {
  const char* bad[] = {
      "",
      "example.com/x",
      "/relative",
      "http://",
      "http://exa mple.com/",
      "http://exa<mple.com/",
      "http://example.com:65536/",
      "http://example.com:12ab/",
      "http://[::1/",
      "http://[::1]x/",
      "http://[127.0.0.1]/",
      "http://256.256.256.256/",
      "http://1.2.3.4.5/",
      "http://0x100000000/",
      "http://foo.09/",
  };
  for (const char* text : bad) {
    INFO(text);
    CHECK_FALSE(ParseUrl(text).ok());
  }
  for (const char* text : {"javascript:alert(1)", "mailto:a@b.c", "ftp://x/", "data:text/html,x"}) {
    INFO(text);
    Result<Url> url = ParseUrl(text);
    REQUIRE_FALSE(url.ok());
    CHECK(url.status().code() == Status::Code::kUnsupported);
  }
  CHECK(ParseUrl("file:///tmp/x.html").status().code() == Status::Code::kUnsupported);
  UrlPolicy allow_file;
  allow_file.allow_file = true;
  Result<Url> file = ParseUrl("file:///tmp/a/../x.html", allow_file);
  REQUIRE(file.ok());
  CHECK(file->Serialize() == "file:///tmp/x.html");
  CHECK_FALSE(ParseUrl("file://remote/x", allow_file).ok());
  CHECK_FALSE(ParseUrl("http://example.com/" + std::string(kMaxUrlBytes, 'a')).ok());
}

TEST_CASE("url: accessors", "[ingest]") {
  Result<Url> url = ParseUrl("https://user@Example.com:8443/a/b?x=1#f");
  REQUIRE(url.ok());
  CHECK(url->scheme == "https");
  CHECK(url->userinfo == "user");
  CHECK(url->host == "example.com");
  CHECK(url->port == 8443);
  CHECK(url->path == "/a/b");
  CHECK(url->query == "x=1");
  CHECK(url->fragment == "f");
  CHECK(url->Origin() == "https://example.com:8443");
  CHECK(url->PathAndQuery() == "/a/b?x=1");
  CHECK(url->HostKey() == "example.com:8443");
  CHECK(url->RobotsTxtUrl() == "https://example.com:8443/robots.txt");
  CHECK(ParseUrl("http://example.com/")->HostKey() == "example.com:80");
  CHECK(ParseUrl("http://[::1]/")->HostKey() == "[::1]:80");
  CHECK(ParseUrl("http://x.org/?")->query == "");
  CHECK_FALSE(ParseUrl("http://x.org/")->query.has_value());
}

TEST_CASE("url: resolve relative references (RFC 3986 5.4)", "[ingest]") {
  const char* base = "http://a/b/c/d;p?q";
  struct Case {
    const char* ref;
    const char* out;
  };
  const Case cases[] = {
      {"g", "http://a/b/c/g"},           {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},         {"/g", "http://a/g"},
      {"//g", "http://g/"},              {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},       {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"},       {"g?y#s", "http://a/b/c/g?y#s"},
      {";x", "http://a/b/c/;x"},         {"g;x", "http://a/b/c/g;x"},
      {"", "http://a/b/c/d;p?q"},        {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},           {"..", "http://a/b/"},
      {"../", "http://a/b/"},            {"../g", "http://a/b/g"},
      {"../..", "http://a/"},            {"../../", "http://a/"},
      {"../../g", "http://a/g"},         {"../../../g", "http://a/g"},
      {"../../../../g", "http://a/g"},   {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},           {"g.", "http://a/b/c/g."},
      {".g", "http://a/b/c/.g"},         {"g..", "http://a/b/c/g.."},
      {"..g", "http://a/b/c/..g"},       {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"},      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},      {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {"g;x=1/../y", "http://a/b/c/y"},  {"g?y/./x", "http://a/b/c/g?y/./x"},
      {"g?y/../x", "http://a/b/c/g?y/../x"}, {"g#s/./x", "http://a/b/c/g#s/./x"},
      {"http:g", "http://a/b/c/g"},      {"https://other.org/x", "https://other.org/x"},
      {"\\\\other.org\\x", "http://other.org/x"},
      {"  /spaced  ", "http://a/spaced"},
  };
  for (const Case& c : cases) {
    INFO(c.ref);
    CHECK(Resolved(base, c.ref) == c.out);
  }
  CHECK(Resolved(base, "javascript:void(0)") == "ERROR");
  CHECK(Resolved(base, "mailto:x@y") == "ERROR");
  CHECK(Resolved("https://u:p@h.org:8443/a/b", "c") == "https://u:p@h.org:8443/a/c");
}

TEST_CASE("url: normalisation for dedup", "[ingest]") {
  struct Case {
    const char* in;
    const char* out;
  };
  const Case cases[] = {
      {"HTTP://WWW.Example.COM:80/a/../b/./c#frag", "http://www.example.com/b/c"},
      {"http://example.com", "http://example.com/"},
      {"http://example.com./x", "http://example.com/x"},
      {"http://example.com/%7Euser/%41%2f%2F%c3%a9", "http://example.com/~user/A%2F%2F%C3%A9"},
      {"http://example.com/?b=2&a=1&c=3", "http://example.com/?a=1&b=2&c=3"},
      {"http://example.com/?b=2&a=1&b=1", "http://example.com/?a=1&b=2&b=1"},
      {"http://example.com/?utm_source=x&utm_MEDIUM=y&id=5&fbclid=abc&gclid=1",
       "http://example.com/?id=5"},
      {"http://example.com/?mc_cid=1&mc_eid=2", "http://example.com/"},
      {"http://example.com/?&&a=1&&", "http://example.com/?a=1"},
      {"http://example.com/?", "http://example.com/"},
      {"http://example.com/page;jsessionid=ABC123?PHPSESSID=x&sid=1&p=2",
       "http://example.com/page?p=2"},
      {"http://example.com/a;v=1/b", "http://example.com/a;v=1/b"},
      {"http://example.com/?%75tm_source=x&q=%7e", "http://example.com/?q=~"},
      {"https://b\xC3\xBC" "cher.de:443/", "https://xn--bcher-kva.de/"},
      {"http://example.com/%%42e%", "http://example.com/%25Be%25"},
      {"http://example.com../", "http://example.com/"},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    CHECK(Normalized(c.in) == c.out);
  }
  // Idempotent.
  for (const Case& c : cases) {
    INFO(c.out);
    CHECK(Normalized(c.out) == c.out);
  }
  NormalizeOptions keep;
  keep.drop_fragment = false;
  keep.sort_query = false;
  keep.drop_tracking_params = false;
  keep.extra_drop_params = {"ref", "share_*"};
  Result<std::string> n =
      NormalizeUrl("http://x.org/?z=1&utm_source=a&ref=hn&share_id=9&a=2#top", keep);
  REQUIRE(n.ok());
  CHECK(*n == "http://x.org/?z=1&utm_source=a&a=2#top");
}

TEST_CASE("url: IP address parsing", "[ingest]") {
  struct Case {
    const char* in;
    const char* out;  // nullptr: not an address
  };
  const Case cases[] = {
      {"127.0.0.1", "127.0.0.1"},        {"127.1", "127.0.0.1"},
      {"0x7f.1", "127.0.0.1"},           {"0x7F.0.0.1", "127.0.0.1"},
      {"2130706433", "127.0.0.1"},       {"017700000001", "127.0.0.1"},
      {"0177.0.0.1", "127.0.0.1"},       {"10.1", "10.0.0.1"},
      {"192.168.257", "192.168.1.1"},    {"0x", "0.0.0.0"},
      {"1.2.3.4.", "1.2.3.4"},           {"::1", "::1"},
      {"[::1]", "::1"},                  {"::ffff:10.0.0.1", "::ffff:10.0.0.1"},
      {"2001:0db8::0001", "2001:db8::1"}, {"256.1.1.1", nullptr},
      {"1.2.3.4.5", nullptr},            {"08.1.1.1", nullptr},
      {"4294967296", nullptr},           {"example.com", nullptr},
      {"", nullptr},                     {"::1%eth0", nullptr},
      {"[127.0.0.1]", nullptr},          {"1..2", nullptr},
  };
  for (const Case& c : cases) {
    INFO(c.in);
    std::optional<IpAddress> ip = IpAddress::Parse(c.in);
    if (c.out == nullptr) {
      CHECK_FALSE(ip.has_value());
    } else {
      REQUIRE(ip.has_value());
      CHECK(ip->ToString() == c.out);
    }
  }
}

TEST_CASE("url: address classes", "[ingest]") {
  struct Case {
    const char* ip;
    AddressClass cls;
  };
  const Case cases[] = {
      {"8.8.8.8", AddressClass::kPublic},
      {"93.184.216.34", AddressClass::kPublic},
      {"127.0.0.1", AddressClass::kLoopback},
      {"127.255.255.254", AddressClass::kLoopback},
      {"0x7f.1", AddressClass::kLoopback},
      {"2130706433", AddressClass::kLoopback},
      {"10.0.0.1", AddressClass::kPrivate},
      {"172.16.0.1", AddressClass::kPrivate},
      {"172.31.255.255", AddressClass::kPrivate},
      {"172.32.0.1", AddressClass::kPublic},
      {"192.168.1.1", AddressClass::kPrivate},
      {"100.64.0.1", AddressClass::kPrivate},
      {"100.128.0.1", AddressClass::kPublic},
      {"169.254.169.254", AddressClass::kLinkLocal},
      {"0.0.0.0", AddressClass::kUnspecified},
      {"0.1.2.3", AddressClass::kUnspecified},
      {"224.0.0.1", AddressClass::kMulticast},
      {"255.255.255.255", AddressClass::kReserved},
      {"192.0.2.1", AddressClass::kReserved},
      {"::1", AddressClass::kLoopback},
      {"::", AddressClass::kUnspecified},
      {"::ffff:127.0.0.1", AddressClass::kLoopback},
      {"::ffff:7f00:1", AddressClass::kLoopback},
      {"::ffff:169.254.169.254", AddressClass::kLinkLocal},
      {"::ffff:8.8.8.8", AddressClass::kPublic},
      {"::10.0.0.1", AddressClass::kPrivate},
      {"64:ff9b::192.168.0.1", AddressClass::kPrivate},
      {"64:ff9b::8.8.8.8", AddressClass::kPublic},
      {"2002:c0a8:0101::1", AddressClass::kPrivate},  // 6to4 of 192.168.1.1
      {"fc00::1", AddressClass::kPrivate},
      {"fd12:3456::1", AddressClass::kPrivate},
      {"fe80::1", AddressClass::kLinkLocal},
      {"febf::1", AddressClass::kLinkLocal},
      {"ff02::1", AddressClass::kMulticast},
      {"2001:db8::1", AddressClass::kReserved},
      {"2606:4700::1111", AddressClass::kPublic},
  };
  for (const Case& c : cases) {
    INFO(c.ip);
    std::optional<IpAddress> ip = IpAddress::Parse(c.ip);
    REQUIRE(ip.has_value());
    CHECK(AddressClassName(ClassifyAddress(*ip)) == AddressClassName(c.cls));
  }
}

TEST_CASE("url: addresses from sockaddr", "[ingest]") {
  sockaddr_in in4{};
  in4.sin_family = AF_INET;
  in4.sin_addr.s_addr = htonl(0x7f000001);
  std::optional<IpAddress> a = IpAddress::FromSockaddr(reinterpret_cast<sockaddr*>(&in4), sizeof(in4));
  REQUIRE(a.has_value());
  CHECK(a->ToString() == "127.0.0.1");
  sockaddr_in6 in6{};
  in6.sin6_family = AF_INET6;
  inet_pton(AF_INET6, "fe80::2", &in6.sin6_addr);
  std::optional<IpAddress> b = IpAddress::FromSockaddr(reinterpret_cast<sockaddr*>(&in6), sizeof(in6));
  REQUIRE(b.has_value());
  CHECK(ClassifyAddress(*b) == AddressClass::kLinkLocal);
  CHECK_FALSE(IpAddress::FromSockaddr(reinterpret_cast<sockaddr*>(&in4), 4).has_value());
}

TEST_CASE("url: connect policy with an allow-list", "[ingest]") {
  HostAllowList allow;
  REQUIRE(allow.Add("http://127.0.0.1:8080/seed").ok());
  REQUIRE(allow.Add("Intranet.Example.").ok());
  REQUIRE(allow.Add("10.20.0.0/16").ok());
  REQUIRE(allow.Add("[fd00::5]").ok());
  CHECK_FALSE(allow.Add("10.0.0.0/33").ok());
  CHECK_FALSE(allow.Add("").ok());
  CHECK_FALSE(allow.Add("bad host name").ok());

  IpAddress loop = *IpAddress::Parse("127.0.0.1");
  IpAddress meta = *IpAddress::Parse("169.254.169.254");
  IpAddress pub = *IpAddress::Parse("93.184.216.34");
  IpAddress net = *IpAddress::Parse("10.20.3.4");
  IpAddress any = *IpAddress::Parse("0.0.0.0");
  IpAddress mcast = *IpAddress::Parse("239.1.1.1");

  CHECK(CheckConnect("news.example", pub, allow).ok());
  CHECK(CheckConnect("127.0.0.1", loop, allow).ok());                 // allow-listed seed
  CHECK(CheckConnect("intranet.example", meta, allow).ok());          // allow-listed host
  CHECK(CheckConnect("INTRANET.example.", meta, allow).ok());
  CHECK(CheckConnect("anything", net, allow).ok());                   // allow-listed network
  Status refused = CheckConnect("evil.example", loop, allow);        // DNS points at loopback
  CHECK(refused.code() == Status::Code::kUnsupported);
  CHECK(refused.message().find("loopback") != std::string::npos);
  CHECK_FALSE(CheckConnect("evil.example", meta, allow).ok());
  CHECK_FALSE(CheckConnect("127.0.0.1", any, allow).ok());            // never 0.0.0.0
  CHECK_FALSE(CheckConnect("intranet.example", mcast, allow).ok());   // never multicast
  CHECK_FALSE(CheckConnect("evil.example", *IpAddress::Parse("::ffff:10.1.1.1"), allow).ok());
  CHECK_FALSE(CheckConnect("x", *IpAddress::Parse("fd00::5"), allow).ok());  // address = host only
  HostAllowList by_network;
  REQUIRE(by_network.Add("127.0.0.1/32").ok());
  CHECK(CheckConnect("any.name", loop, by_network).ok());
  CHECK_FALSE(CheckConnect("any.name", *IpAddress::Parse("127.0.0.2"), by_network).ok());
  CHECK(CheckConnect("[fd00::5]", *IpAddress::Parse("fd00::6"), allow).ok());  // by host
  HostAllowList empty;
  CHECK_FALSE(CheckConnect("localhost", loop, empty).ok());

  std::vector<IpAddress> resolved = {loop, pub, meta};
  std::vector<IpAddress> ok = FilterConnectable("mixed.example", resolved, allow);
  REQUIRE(ok.size() == 1);
  CHECK(ok[0] == pub);
}

}  // namespace
}  // namespace newsfacts
