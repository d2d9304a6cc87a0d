// URL parsing, resolution and dedup normalisation. Contract in newsfacts/url.h.
#include "newsfacts/url.h"

#include <unicode/uidna.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <mutex>

#include "newsfacts/lexicon.h"

namespace newsfacts {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

char ToLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsUnreserved(unsigned char c) {
  return IsAlpha(static_cast<char>(c)) || IsDigit(static_cast<char>(c)) || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

bool IsSpecial(std::string_view scheme) { return scheme == "http" || scheme == "https"; }

int DefaultPort(std::string_view scheme) {
  if (scheme == "http") return 80;
  if (scheme == "https") return 443;
  return -1;
}

enum class Part { kPath, kQuery, kFragment, kUserinfo };

bool MustEncode(unsigned char c, Part part) {
  if (c <= 0x20 || c >= 0x7F) return true;
  switch (c) {
    case '"':
    case '<':
    case '>':
      return true;
    case '`':
      return part != Part::kQuery;
    case '{':
    case '}':
      return part == Part::kPath || part == Part::kUserinfo;
    case '\'':
      return part == Part::kQuery;  // special schemes encode ' in queries
    case '#':
      return part != Part::kFragment;  // cannot occur raw, kept for safety
    case '?':
    case '^':
    case '|':
      return part == Part::kUserinfo;
    default:
      return false;
  }
}

void AppendEncoded(std::string* out, std::string_view in, Part part) {
  for (unsigned char c : in) {
    if (MustEncode(c, part)) {
      out->push_back('%');
      out->push_back(kHex[c >> 4]);
      out->push_back(kHex[c & 15]);
    } else {
      out->push_back(static_cast<char>(c));
    }
  }
}

// Decodes %XX of unreserved characters, upper-cases the hex of the others,
// and writes a '%' that starts no escape as "%25" (so the result is stable).
std::string NormalizePercent(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size() && HexValue(in[i + 1]) >= 0 &&
        HexValue(in[i + 2]) >= 0) {
      unsigned char c = static_cast<unsigned char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2]));
      if (IsUnreserved(c)) {
        out.push_back(static_cast<char>(c));
      } else {
        out.push_back('%');
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
      }
      i += 2;
    } else if (in[i] == '%') {
      out.append("%25");  // a stray '%' is a literal percent sign
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

std::string PercentDecode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '%' && i + 2 < in.size() && HexValue(in[i + 1]) >= 0 && HexValue(in[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2])));
      i += 2;
    } else {
      out.push_back(in[i]);
    }
  }
  return out;
}

bool IsSingleDot(std::string_view s) {
  return s == "." || s == "%2e" || s == "%2E";
}

bool IsDoubleDot(std::string_view s) {
  if (s == "..") return true;
  if (s.size() != 4 && s.size() != 6) return false;
  std::string lower(s);
  for (char& c : lower) c = ToLower(c);
  return lower == ".%2e" || lower == "%2e." || lower == "%2e%2e";
}

// `path` starts with '/'. Removes "." and ".." segments (RFC 3986 §5.2.4).
std::string RemoveDotSegments(std::string_view path) {
  if (path.find('.') == std::string_view::npos && path.find('%') == std::string_view::npos) {
    return std::string(path);
  }
  std::vector<std::string_view> segments;
  std::size_t pos = 1;
  while (true) {
    std::size_t slash = path.find('/', pos);
    bool last = slash == std::string_view::npos;
    std::string_view seg = path.substr(pos, last ? std::string_view::npos : slash - pos);
    if (IsDoubleDot(seg)) {
      if (!segments.empty()) segments.pop_back();
      if (last) segments.emplace_back();
    } else if (IsSingleDot(seg)) {
      if (last) segments.emplace_back();
    } else {
      segments.push_back(seg);
    }
    if (last) break;
    pos = slash + 1;
  }
  std::string out;
  out.reserve(path.size());
  for (std::string_view seg : segments) {
    out.push_back('/');
    out.append(seg);
  }
  if (out.empty()) out = "/";
  return out;
}

struct UidnaCloser {
  void operator()(UIDNA* idna) const { uidna_close(idna); }
};

const UIDNA* Uts46() {
  static std::unique_ptr<UIDNA, UidnaCloser> idna = [] {
    UErrorCode err = U_ZERO_ERROR;
    UIDNA* p = uidna_openUTS46(
        UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ, &err);
    return std::unique_ptr<UIDNA, UidnaCloser>(U_SUCCESS(err) ? p : nullptr);
  }();
  return idna.get();
}

// UTS #46 ToASCII as the WHATWG URL standard uses it (hyphen and length
// checks off).
Result<std::string> DomainToAscii(std::string_view domain) {
  const UIDNA* idna = Uts46();
  if (idna == nullptr) return Status::Internal("ICU UTS #46 IDNA is unavailable");
  constexpr uint32_t kIgnored = UIDNA_ERROR_EMPTY_LABEL | UIDNA_ERROR_LABEL_TOO_LONG |
                                UIDNA_ERROR_DOMAIN_NAME_TOO_LONG | UIDNA_ERROR_LEADING_HYPHEN |
                                UIDNA_ERROR_TRAILING_HYPHEN | UIDNA_ERROR_HYPHEN_3_4;
  std::string out(domain.size() * 4 + 64, '\0');
  for (int attempt = 0; attempt < 2; ++attempt) {
    UErrorCode err = U_ZERO_ERROR;
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    int32_t n = uidna_nameToASCII_UTF8(idna, domain.data(), static_cast<int32_t>(domain.size()),
                                       out.data(), static_cast<int32_t>(out.size()), &info, &err);
    if (err == U_BUFFER_OVERFLOW_ERROR) {
      out.assign(static_cast<std::size_t>(n) + 1, '\0');
      continue;
    }
    if (U_FAILURE(err) || (info.errors & ~kIgnored) != 0) {
      return Status::InvalidArgument("invalid international domain name");
    }
    out.resize(static_cast<std::size_t>(n));
    return out;
  }
  return Status::InvalidArgument("invalid international domain name");
}

bool IsForbiddenHostByte(unsigned char c) {
  if (c <= 0x20 || c == 0x7F) return true;
  switch (c) {
    case '#': case '%': case '/': case ':': case '<': case '>': case '?': case '@':
    case '[': case '\\': case ']': case '^': case '|':
      return true;
    default:
      return false;
  }
}

// WHATWG "ends in a number": the last label is all digits or 0x-hex.
bool EndsInNumber(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  std::size_t dot = host.rfind('.');
  std::string_view last = dot == std::string_view::npos ? host : host.substr(dot + 1);
  if (last.empty()) return false;
  if (std::all_of(last.begin(), last.end(), IsDigit)) return true;
  if (last.size() >= 2 && last[0] == '0' && (last[1] == 'x' || last[1] == 'X')) {
    return std::all_of(last.begin() + 2, last.end(), [](char c) { return HexValue(c) >= 0; });
  }
  return false;
}

// Turns the raw authority host into Url::host.
Result<std::string> ParseHost(std::string_view raw) {
  if (raw.empty()) return Status::InvalidArgument("empty host");
  if (raw.front() == '[') {
    if (raw.back() != ']') return Status::InvalidArgument("unterminated IPv6 address");
    std::optional<IpAddress> ip = IpAddress::Parse(raw);
    if (!ip || ip->is_v4()) return Status::InvalidArgument("invalid IPv6 address");
    return ip->ToString();
  }
  std::string host = PercentDecode(raw);
  bool ascii = std::all_of(host.begin(), host.end(),
                           [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {
    for (char& c : host) c = ToLower(c);
    if (host.find("xn--") != std::string::npos) {
      Result<std::string> mapped = DomainToAscii(host);
      if (!mapped.ok()) return mapped.status();
      host = std::move(mapped).value();
    }
  } else {
    Result<std::string> mapped = DomainToAscii(host);
    if (!mapped.ok()) return mapped.status();
    host = std::move(mapped).value();
  }
  if (host.find_first_not_of('.') == std::string::npos) return Status::InvalidArgument("empty host");
  for (unsigned char c : host) {
    if (IsForbiddenHostByte(c)) return Status::InvalidArgument("forbidden character in host");
  }
  if (EndsInNumber(host)) {
    std::optional<IpAddress> ip = IpAddress::Parse(host);
    if (!ip || !ip->is_v4()) return Status::InvalidArgument("invalid IPv4 address: " + host);
    return ip->ToString();
  }
  return host;
}

std::string Preprocess(std::string_view text) {
  while (!text.empty() && static_cast<unsigned char>(text.front()) <= 0x20) text.remove_prefix(1);
  while (!text.empty() && static_cast<unsigned char>(text.back()) <= 0x20) text.remove_suffix(1);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c != '\t' && c != '\n' && c != '\r') out.push_back(c);
  }
  return out;
}

// Length of the scheme if `s` starts with "scheme:", else 0.
std::size_t SchemeLength(std::string_view s) {
  if (s.empty() || !IsAlpha(s[0])) return 0;
  for (std::size_t i = 1; i < s.size(); ++i) {
    char c = s[i];
    if (c == ':') return i;
    if (!IsAlpha(c) && !IsDigit(c) && c != '+' && c != '-' && c != '.') return 0;
  }
  return 0;
}

bool IsSlash(char c) { return c == '/' || c == '\\'; }

// Path, query and fragment from `rest` (which starts at the path).
void ParseTail(std::string_view rest, bool special, Url* url) {
  std::size_t hash = rest.find('#');
  if (hash != std::string_view::npos) {
    std::string fragment;
    AppendEncoded(&fragment, rest.substr(hash + 1), Part::kFragment);
    url->fragment = std::move(fragment);
    rest = rest.substr(0, hash);
  }
  std::size_t question = rest.find('?');
  if (question != std::string_view::npos) {
    std::string query;
    AppendEncoded(&query, rest.substr(question + 1), Part::kQuery);
    url->query = std::move(query);
    rest = rest.substr(0, question);
  }
  std::string path;
  path.reserve(rest.size() + 1);
  if (rest.empty() || !IsSlash(rest.front())) path.push_back('/');
  std::string raw(rest);
  if (special) std::replace(raw.begin(), raw.end(), '\\', '/');
  AppendEncoded(&path, raw, Part::kPath);
  url->path = RemoveDotSegments(path);
}

struct DropList {
  std::vector<std::string> exact;     // lower-case
  std::vector<std::string> prefixes;  // lower-case, without the '*'
  void Add(std::string_view name) {
    std::string lower(name);
    for (char& c : lower) c = ToLower(c);
    if (lower.empty()) return;
    if (lower.back() == '*') {
      lower.pop_back();
      prefixes.push_back(std::move(lower));
    } else {
      exact.push_back(std::move(lower));
    }
  }
  bool Contains(std::string_view lower_name) const {
    for (const std::string& e : exact) {
      if (e == lower_name) return true;
    }
    for (const std::string& p : prefixes) {
      if (lower_name.substr(0, p.size()) == p) return true;
    }
    return false;
  }
};

const DropList& TrackingParams() {
  static const DropList list = [] {
    DropList l;
    ForEachTsvRow(LoadLexicon("url_tracking_params.tsv"),
                  [&l](const std::vector<std::string_view>& cols, int) {
                    if (!cols.empty()) l.Add(cols[0]);
                  });
    return l;
  }();
  return list;
}

bool ShouldDrop(std::string_view raw_name, const NormalizeOptions& options,
                const DropList* extra) {
  std::string name = PercentDecode(raw_name);
  for (char& c : name) c = ToLower(c);
  if (options.drop_tracking_params && TrackingParams().Contains(name)) return true;
  return extra != nullptr && extra->Contains(name);
}

// Removes ";name=value" path parameters whose name is dropped (";jsessionid=..").
std::string DropPathParams(const std::string& path, const NormalizeOptions& options,
                           const DropList* extra) {
  if (path.find(';') == std::string::npos) return path;
  std::string out;
  out.reserve(path.size());
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] != ';') {
      out.push_back(path[i++]);
      continue;
    }
    std::size_t end = path.find_first_of(";/", i + 1);
    if (end == std::string::npos) end = path.size();
    std::string_view param(path.data() + i + 1, end - i - 1);
    std::string_view name = param.substr(0, param.find('='));
    if (!ShouldDrop(name, options, extra)) out.append(path, i, end - i);
    i = end;
  }
  return out;
}

std::string SerializeHost(const Url& url) {
  if (url.is_ipv6()) return "[" + url.host + "]";
  return url.host;
}

}  // namespace

int Url::EffectivePort() const {
  if (port >= 0) return port;
  int p = DefaultPort(scheme);
  return p < 0 ? 0 : p;
}

std::string Url::Serialize() const {
  std::string out = scheme;
  out += "://";
  if (!userinfo.empty()) {
    out += userinfo;
    out += '@';
  }
  out += SerializeHost(*this);
  if (port >= 0) {
    out += ':';
    out += std::to_string(port);
  }
  out += path;
  if (query) {
    out += '?';
    out += *query;
  }
  if (fragment) {
    out += '#';
    out += *fragment;
  }
  return out;
}

std::string Url::Origin() const {
  std::string out = scheme + "://" + SerializeHost(*this);
  if (port >= 0) out += ":" + std::to_string(port);
  return out;
}

std::string Url::PathAndQuery() const {
  if (!query) return path;
  return path + "?" + *query;
}

std::string Url::HostKey() const { return SerializeHost(*this) + ":" + std::to_string(EffectivePort()); }

std::string Url::RobotsTxtUrl() const { return Origin() + "/robots.txt"; }

Result<Url> ParseUrl(std::string_view text, const UrlPolicy& policy) {
  if (text.size() > kMaxUrlBytes) return Status::InvalidArgument("URL longer than 16 KiB");
  std::string input = Preprocess(text);
  std::string_view s = input;
  std::size_t scheme_len = SchemeLength(s);
  if (scheme_len == 0) return Status::InvalidArgument("not an absolute URL (no scheme)");
  Url url;
  url.scheme.assign(s.substr(0, scheme_len));
  for (char& c : url.scheme) c = ToLower(c);
  s.remove_prefix(scheme_len + 1);

  if (url.scheme == "file") {
    if (!policy.allow_file) return Status::Unsupported("file: URLs are not allowed here");
    std::string_view rest = s;
    if (rest.substr(0, 2) == "//") {
      rest.remove_prefix(2);
      std::size_t end = rest.find_first_of("/?#");
      std::string_view host = rest.substr(0, end);
      if (!host.empty() && host != "localhost") {
        return Status::Unsupported("file: URLs with a remote host are not supported");
      }
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    }
    ParseTail(rest, /*special=*/false, &url);
    return url;
  }
  if (!IsSpecial(url.scheme)) {
    return Status::Unsupported("unsupported URL scheme \"" + url.scheme + "\"");
  }

  while (!s.empty() && IsSlash(s.front())) s.remove_prefix(1);
  std::size_t authority_end = s.find_first_of("/\\?#");
  std::string_view authority = s.substr(0, authority_end);
  std::string_view rest =
      authority_end == std::string_view::npos ? std::string_view() : s.substr(authority_end);

  std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    AppendEncoded(&url.userinfo, authority.substr(0, at), Part::kUserinfo);
    authority.remove_prefix(at + 1);
  }
  std::string_view host_part = authority;
  std::string_view port_part;
  bool has_port = false;
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return Status::InvalidArgument("unterminated IPv6 address");
    host_part = authority.substr(0, close + 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return Status::InvalidArgument("junk after IPv6 address");
      port_part = after.substr(1);
      has_port = true;
    }
  } else {
    std::size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      host_part = authority.substr(0, colon);
      port_part = authority.substr(colon + 1);
      has_port = true;
    }
  }
  if (has_port && !port_part.empty()) {
    if (!std::all_of(port_part.begin(), port_part.end(), IsDigit)) {
      return Status::InvalidArgument("invalid port");
    }
    std::size_t digits = port_part.find_first_not_of('0');
    std::string_view significant =
        digits == std::string_view::npos ? std::string_view("0") : port_part.substr(digits);
    int port = 0;
    if (significant.size() > 5 ||
        std::from_chars(significant.data(), significant.data() + significant.size(), port).ec !=
            std::errc() ||
        port > 65535) {
      return Status::InvalidArgument("port out of range");
    }
    url.port = port == DefaultPort(url.scheme) ? -1 : port;
  }
  Result<std::string> host = ParseHost(host_part);
  if (!host.ok()) return host.status();
  url.host = std::move(host).value();
  ParseTail(rest, /*special=*/true, &url);
  return url;
}

Result<Url> ResolveUrl(const Url& base, std::string_view reference, const UrlPolicy& policy) {
  if (reference.size() > kMaxUrlBytes) return Status::InvalidArgument("URL longer than 16 KiB");
  std::string ref = Preprocess(reference);
  std::string_view r = ref;
  std::size_t scheme_len = SchemeLength(r);
  if (scheme_len > 0) {
    std::string scheme(r.substr(0, scheme_len));
    for (char& c : scheme) c = ToLower(c);
    std::string_view after = r.substr(scheme_len + 1);
    // WHATWG: "http:foo" relative to an http base is a relative reference.
    if (!(scheme == base.scheme && IsSpecial(scheme) && (after.empty() || !IsSlash(after[0])))) {
      return ParseUrl(r, policy);
    }
    r = after;
  }
  bool special = IsSpecial(base.scheme);
  std::string prefix = base.scheme + "://";
  if (!base.userinfo.empty()) prefix += base.userinfo + "@";
  prefix += SerializeHost(base);
  if (base.port >= 0) prefix += ":" + std::to_string(base.port);

  std::string absolute;
  if (r.size() >= 2 && (special ? IsSlash(r[0]) && IsSlash(r[1]) : r.substr(0, 2) == "//")) {
    absolute = base.scheme + ":" + std::string(r);
  } else if (!r.empty() && (r[0] == '/' || (special && r[0] == '\\'))) {
    absolute = prefix + std::string(r);
  } else if (!r.empty() && r[0] == '?') {
    absolute = prefix + base.path + std::string(r);
  } else if (!r.empty() && r[0] == '#') {
    absolute = prefix + base.PathAndQuery() + std::string(r);
  } else if (r.empty()) {
    absolute = prefix + base.PathAndQuery();
  } else {
    std::size_t slash = base.path.rfind('/');
    absolute = prefix + base.path.substr(0, slash + 1) + std::string(r);
  }
  UrlPolicy inner = policy;
  if (base.scheme == "file") inner.allow_file = true;
  return ParseUrl(absolute, inner);
}

std::string NormalizeUrl(const Url& url, const NormalizeOptions& options) {
  std::unique_ptr<DropList> extra;
  if (!options.extra_drop_params.empty()) {
    extra = std::make_unique<DropList>();
    for (const std::string& name : options.extra_drop_params) extra->Add(name);
  }
  Url out;
  out.scheme = url.scheme;
  out.userinfo = url.userinfo;
  out.host = url.host;
  if (!url.is_ipv6()) {
    // "example.com." and "example.com" are one host. Without its dots a host
    // may end in a number ("7..") and must then be read as IPv4 like ParseUrl
    // does, or be left alone when it is not a valid address.
    std::string stripped = out.host;
    while (stripped.size() > 1 && stripped.back() == '.') stripped.pop_back();
    if (!EndsInNumber(stripped)) {
      out.host = std::move(stripped);
    } else if (std::optional<IpAddress> ip = IpAddress::Parse(stripped); ip && ip->is_v4()) {
      out.host = ip->ToString();
    }
  }
  out.port = url.port;
  out.path = RemoveDotSegments(DropPathParams(NormalizePercent(url.path), options, extra.get()));
  if (url.query) {
    struct Param {
      std::string_view name;
      std::string_view text;
    };
    std::string query = NormalizePercent(*url.query);
    std::vector<Param> params;
    std::size_t pos = 0;
    while (pos <= query.size()) {
      std::size_t amp = query.find('&', pos);
      if (amp == std::string::npos) amp = query.size();
      std::string_view param(query.data() + pos, amp - pos);
      pos = amp + 1;
      if (param.empty() || param == "=") continue;
      std::string_view name = param.substr(0, param.find('='));
      if (ShouldDrop(name, options, extra.get())) continue;
      params.push_back({name, param});
    }
    if (options.sort_query) {
      std::stable_sort(params.begin(), params.end(),
                       [](const Param& a, const Param& b) { return a.name < b.name; });
    }
    if (!params.empty()) {
      std::string joined;
      joined.reserve(query.size());
      for (const Param& p : params) {
        if (!joined.empty()) joined.push_back('&');
        joined.append(p.text);
      }
      out.query = std::move(joined);
    }
  }
  if (!options.drop_fragment && url.fragment) out.fragment = NormalizePercent(*url.fragment);
  return out.Serialize();
}

Result<std::string> NormalizeUrl(std::string_view text, const NormalizeOptions& options,
                                 const UrlPolicy& policy) {
  Result<Url> url = ParseUrl(text, policy);
  if (!url.ok()) return url.status();
  return NormalizeUrl(*url, options);
}

}  // namespace newsfacts
