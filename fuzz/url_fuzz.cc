// libFuzzer target for URL parsing, resolution, normalisation and IP parsing
// (ingest/url.cc, ingest/ssrf.cc). Checks, besides "no crash":
//  - a parsed URL serialises to a string that parses back to the same URL;
//  - NormalizeUrl is idempotent;
//  - resolved references obey the same round trip;
//  - an IP address prints to a string that parses back to it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "newsfacts/url.h"

namespace {

void CheckRoundTrip(const newsfacts::Url& url) {
  std::string text = url.Serialize();
  newsfacts::Result<newsfacts::Url> again = newsfacts::ParseUrl(text);
  if (!again.ok() || again->Serialize() != text) std::abort();
  std::string norm = newsfacts::NormalizeUrl(url);
  newsfacts::Result<std::string> norm2 = newsfacts::NormalizeUrl(norm);
  if (!norm2.ok() || *norm2 != norm) std::abort();
  newsfacts::HostAllowList allow;
  (void)allow.Add(text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  newsfacts::Result<newsfacts::Url> url = newsfacts::ParseUrl(input);
  if (url.ok()) CheckRoundTrip(*url);

  static const newsfacts::Url base = *newsfacts::ParseUrl("https://user@news.example:8443/a/b/c?q=1#f");
  newsfacts::Result<newsfacts::Url> resolved = newsfacts::ResolveUrl(base, input);
  if (resolved.ok()) CheckRoundTrip(*resolved);

  std::optional<newsfacts::IpAddress> ip = newsfacts::IpAddress::Parse(input);
  if (ip) {
    std::optional<newsfacts::IpAddress> again = newsfacts::IpAddress::Parse(ip->ToString());
    if (!again || !(*again == *ip)) std::abort();
    (void)newsfacts::ClassifyAddress(*ip);
    newsfacts::HostAllowList allow;
    (void)newsfacts::CheckConnect("h", *ip, allow);
  }
  return 0;
}
