// HTTP messages inside WARC blocks: parsing, de-chunking, content decoding.
// Contract in newsfacts/warc.h.
#include <charconv>

#include "ascii.h"
#include "gzip.h"
#include "newsfacts/warc.h"

namespace newsfacts {
namespace {



bool ContainsToken(std::string_view list, std::string_view token) {
  std::size_t pos = 0;
  while (pos <= list.size()) {
    std::size_t comma = list.find(',', pos);
    if (comma == std::string_view::npos) comma = list.size();
    std::string_view item = list.substr(pos, comma - pos);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (EqualsIgnoreCase(item, token)) return true;
    pos = comma + 1;
  }
  return false;
}

std::string_view TrimWs(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Next line of `text` from `*pos` without its CRLF/LF; false at the end.
bool NextLine(std::string_view text, std::size_t* pos, std::string_view* line) {
  if (*pos >= text.size()) return false;
  std::size_t nl = text.find('\n', *pos);
  if (nl == std::string_view::npos) {
    *line = text.substr(*pos);
    *pos = text.size();
  } else {
    *line = text.substr(*pos, nl - *pos);
    *pos = nl + 1;
  }
  if (!line->empty() && line->back() == '\r') line->remove_suffix(1);
  return true;
}

// De-chunks `body`. Returns false if it does not start with a valid chunk
// header (i.e. it is not chunked at all). Sets *truncated if it ends early.
bool Dechunk(std::string_view body, std::size_t max_bytes, std::string* out, bool* truncated,
             bool* too_big) {
  std::size_t pos = 0;
  bool first = true;
  while (true) {
    std::string_view line;
    if (!NextLine(body, &pos, &line)) {
      *truncated = !first;
      return !first;
    }
    std::string_view size_text = TrimWs(line.substr(0, line.find(';')));
    uint64_t size = 0;
    auto [end, ec] = std::from_chars(size_text.data(), size_text.data() + size_text.size(), size, 16);
    if (ec != std::errc() || end != size_text.data() + size_text.size() || size_text.empty()) {
      if (first) return false;
      *truncated = true;
      return true;
    }
    first = false;
    if (size == 0) return true;  // trailers ignored
    if (size > body.size() - pos) {
      out->append(body.substr(pos));
      *truncated = true;
      return true;
    }
    if (out->size() + size > max_bytes) {
      *too_big = true;
      return true;
    }
    out->append(body.substr(pos, size));
    pos += size;
    if (body.substr(pos, 2) == "\r\n") {
      pos += 2;
    } else if (body.substr(pos, 1) == "\n") {
      pos += 1;
    }
  }
}

}  // namespace

std::string_view FindHeader(const WarcFields& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return {};
}

std::string_view WarcRecord::target_uri() const {
  std::string_view uri = Header("WARC-Target-URI");
  if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);
  return uri;
}

Result<HttpResponse> ParseHttpResponse(std::string_view block, std::size_t max_body_bytes) {
  HttpResponse response;
  std::size_t pos = 0;
  std::string_view line;
  if (!NextLine(block, &pos, &line) || line.substr(0, 5) != "HTTP/") {
    return Status::InvalidArgument("no HTTP status line");
  }
  std::size_t sp = line.find(' ');
  response.version.assign(line.substr(0, sp));
  std::string_view rest = sp == std::string_view::npos ? std::string_view() : TrimWs(line.substr(sp + 1));
  std::string_view code = rest.substr(0, rest.find(' '));
  int status = 0;
  auto [end, ec] = std::from_chars(code.data(), code.data() + code.size(), status);
  if (ec != std::errc() || end != code.data() + code.size() || code.size() != 3) {
    return Status::InvalidArgument("bad HTTP status code in \"" + std::string(line.substr(0, 80)) + "\"");
  }
  response.status = status;
  if (code.size() < rest.size()) response.reason.assign(TrimWs(rest.substr(code.size() + 1)));

  bool ended = false;
  while (NextLine(block, &pos, &line)) {
    if (line.empty()) {
      ended = true;
      break;
    }
    if ((line.front() == ' ' || line.front() == '\t') && !response.headers.empty()) {
      response.headers.back().second += ' ';
      response.headers.back().second.append(TrimWs(line));
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;  // junk header line
    response.headers.emplace_back(std::string(TrimWs(line.substr(0, colon))),
                                  std::string(TrimWs(line.substr(colon + 1))));
  }
  if (!ended) return response;  // headers only (revisit records)
  std::string_view body = block.substr(pos);
  if (ContainsToken(response.Header("Transfer-Encoding"), "chunked")) {
    std::string dechunked;
    bool truncated = false, too_big = false;
    if (Dechunk(body, max_body_bytes, &dechunked, &truncated, &too_big)) {
      if (too_big) return Status::ResourceExhausted("HTTP body larger than the limit");
      response.body = std::move(dechunked);
      response.chunked = true;
      response.truncated = truncated;
      return response;
    }
  }
  if (body.size() > max_body_bytes) return Status::ResourceExhausted("HTTP body larger than the limit");
  response.body.assign(body);
  return response;
}

Result<std::string> DecodeContentEncoding(std::string_view body, std::string_view encoding,
                                          std::size_t max_bytes) {
  // Codings are listed in the order they were applied: undo right to left.
  std::vector<std::string_view> codings;
  std::size_t pos = 0;
  while (pos <= encoding.size()) {
    std::size_t comma = encoding.find(',', pos);
    if (comma == std::string_view::npos) comma = encoding.size();
    std::string_view c = TrimWs(encoding.substr(pos, comma - pos));
    if (!c.empty() && !EqualsIgnoreCase(c, "identity")) codings.push_back(c);
    pos = comma + 1;
  }
  if (codings.size() > 4) return Status::Unsupported("too many content codings");
  std::string current(body);
  for (auto it = codings.rbegin(); it != codings.rend(); ++it) {
    Result<std::string> decoded = Status::Unsupported("content coding \"" + std::string(*it) + "\"");
    if (EqualsIgnoreCase(*it, "gzip") || EqualsIgnoreCase(*it, "x-gzip")) {
      decoded = InflateAll(current, 15 + 16, max_bytes, /*multi_member=*/true);
    } else if (EqualsIgnoreCase(*it, "deflate")) {
      decoded = InflateAll(current, 15, max_bytes, false);  // zlib wrapper (the standard)
      if (!decoded.ok() && decoded.status().code() == Status::Code::kCorruption) {
        decoded = InflateAll(current, -15, max_bytes, false);  // raw deflate (old IIS)
      }
    }
    if (!decoded.ok()) return decoded.status();
    current = std::move(decoded).value();
  }
  if (current.size() > max_bytes) return Status::ResourceExhausted("decoded body larger than the limit");
  return current;
}

}  // namespace newsfacts
