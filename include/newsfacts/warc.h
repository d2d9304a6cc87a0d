// newsfacts/warc.h — WARC 1.1 files: write what the crawler fetched, read any crawler's.
//
// Writing (one gzip member per record, so any record can be read alone from
// its offset, and a crash loses at most the record being written):
//
//   WarcWriterOptions opt;  opt.directory = "warcs";
//   Result<std::unique_ptr<WarcWriter>> w = WarcWriter::Open(opt);
//   WarcExchange ex;
//   ex.target_uri = "https://example.org/a";  ex.ip_address = "93.184.216.34";
//   ex.request  = "GET /a HTTP/1.1\r\nHost: example.org\r\n\r\n";
//   ex.response = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>..";
//   ex.metadata = {{"fetchTimeMs", "120"}, {"via", "https://example.org/"}};
//   Result<WarcExchangeIds> ids = (*w)->WriteExchange(ex);
//
// Files are named <prefix>-<UTC yyyymmddhhmmss>-<serial>-<pid>.warc.gz, start
// with a `warcinfo` record, and rotate once adding a record would pass
// max_file_bytes (an exchange's records always stay in one file). Each record
// gets WARC-Record-ID (urn:uuid, random v4), WARC-Date (UTC, seconds),
// Content-Length, WARC-Block-Digest (sha1, base32) and, for request/response,
// WARC-Payload-Digest over the entity body (chunked transfer coding removed,
// content coding kept, as the standard says). WARC-Target-URI and
// WARC-IP-Address are set when given; request and metadata records point at
// their response with WARC-Concurrent-To. Header values from the wild are
// sanitised (CR/LF → space) so they cannot inject WARC headers.
//
// What `response` must hold: the HTTP response as received on the wire:
// status line, header lines, blank line, then the body bytes before any
// decoding. With libcurl set CURLOPT_HTTP_CONTENT_DECODING=0 and
// CURLOPT_HTTP_TRANSFER_DECODING=0 for the bytes you archive, and decode for
// extraction with ParseHttpResponse + DecodeContentEncoding below. If a body
// was decoded anyway, drop or rewrite Content-Encoding/Transfer-Encoding
// headers first; readers (ours included) cope with a "chunked" header over an
// un-chunked body, but other tools may not.
//
// Crash safety: a record (or an exchange) is compressed first and appended
// with one write loop; if the write fails the file is truncated back to the
// previous record boundary. fsync policy: kNever, kOnClose (fsync at rotation
// and Close; the default) or kEveryRecord (fdatasync after every append).
// A torn final member after a crash is reported by the reader as an error at
// its offset, after every earlier record was returned.
//
// Reading streams records from .warc.gz (any number of members, including
// several records per member or one member for the whole file) and from
// uncompressed .warc (detected by content, not by name), written by us or by
// wget, wpull, Heritrix, warcprox and the like: `revisit`, `resource`,
// `conversion`, ... records, header names in any case, LF-only line ends,
// folded header lines, WARC/1.0 and 1.1, extra blank lines between records.
//
//   Result<WarcReader> r = WarcReader::Open("crawl.warc.gz");
//   WarcRecord rec;
//   while (true) {
//     Result<bool> more = r->Next(&rec);
//     if (!more.ok()) { log(more.status()); continue; }  // bad record skipped
//     if (!*more) break;                                  // end of file
//     if (rec.type() == "response") { Result<HttpResponse> http = ParseHttpResponse(rec.block); }
//   }
//
// Limits (WarcReaderOptions): max_record_bytes (bigger records are skipped
// without being buffered and reported as kResourceExhausted),
// max_member_bytes (decompressed bytes per gzip member: the gzip-bomb guard),
// max_header_bytes. Corruption (bad gzip data, a missing "WARC/" line, no
// Content-Length, a truncated record) is reported as kCorruption with the file
// offset of the record (for .warc.gz the offset of its gzip member); calling
// Next() again resumes at the next gzip member (or the next "WARC/" line of an
// uncompressed file), so one bad record never hides the rest.
//
// Thread-safety: WarcWriter is thread-safe (records are compressed in the
// calling thread, appended under a mutex). WarcReader is not; use one per thread.
#ifndef NEWSFACTS_WARC_H_
#define NEWSFACTS_WARC_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "newsfacts/status.h"

namespace newsfacts {

using WarcFields = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive lookup in a header list; "" when absent (first match wins).
std::string_view FindHeader(const WarcFields& fields, std::string_view name);

// ---------------------------------------------------------------------------
// Records

struct WarcRecord {
  std::string version;  // "WARC/1.1", "WARC/1.0", ...
  WarcFields headers;   // in file order, names as written
  std::string block;    // the content block (Content-Length bytes)
  uint64_t offset = 0;  // where the record starts in the file (gz: its member)

  std::string_view Header(std::string_view name) const { return FindHeader(headers, name); }
  std::string_view type() const { return Header("WARC-Type"); }
  std::string_view record_id() const { return Header("WARC-Record-ID"); }
  std::string_view date() const { return Header("WARC-Date"); }
  // WARC-Target-URI without the <...> some WARC/1.0 writers put around it.
  std::string_view target_uri() const;
};

// ---------------------------------------------------------------------------
// HTTP messages inside request/response/revisit blocks

struct HttpResponse {
  std::string version;  // "HTTP/1.1"
  int status = 0;
  std::string reason;
  WarcFields headers;
  std::string body;          // transfer coding removed, content coding kept
  bool chunked = false;      // the body was de-chunked
  bool truncated = false;    // chunked body ended early
  std::string_view Header(std::string_view name) const { return FindHeader(headers, name); }
};

// Parses "HTTP/x.y NNN reason\r\nheaders\r\n\r\nbody" (LF-only tolerated; a
// block with headers only, as in revisit records, has an empty body). A
// "Transfer-Encoding: chunked" body is de-chunked; if it is not actually
// chunked (the recorder decoded it already) it is kept as is.
// kInvalidArgument if there is no status line; kResourceExhausted if the body
// exceeds `max_body_bytes`.
Result<HttpResponse> ParseHttpResponse(std::string_view block,
                                       std::size_t max_body_bytes = 256u << 20);

// Undoes Content-Encoding: "", "identity", "gzip"/"x-gzip", "deflate" (zlib
// or raw) and lists of them ("gzip, deflate" is undone right to left).
// kUnsupported for "br", "zstd", "compress"; kCorruption for bad data;
// kResourceExhausted past `max_bytes` of output.
Result<std::string> DecodeContentEncoding(std::string_view body, std::string_view encoding,
                                          std::size_t max_bytes = 256u << 20);

// ---------------------------------------------------------------------------
// Writer

enum class WarcFsync { kNever, kOnClose, kEveryRecord };

struct WarcWriterOptions {
  std::string directory = ".";        // created if missing
  std::string prefix = "newsfacts";   // file name prefix
  uint64_t max_file_bytes = 1ull << 30;  // rotate past this (compressed) size
  WarcFsync fsync = WarcFsync::kOnClose;
  int compression_level = 6;          // zlib 1..9
  std::string software = "newsfacts/0.1";
  WarcFields warcinfo;                // extra warcinfo fields ("operator", "robots", ...)
};

// One fetch: request + response (+ metadata) records written together.
struct WarcExchange {
  std::string target_uri;
  std::chrono::system_clock::time_point date{};  // request time; epoch → now
  std::string ip_address;   // WARC-IP-Address of the response, if known
  std::string request;      // raw HTTP request; empty → no request record
  std::string response;     // raw HTTP response as received (see above)
  WarcFields metadata;      // application/warc-fields; empty → no metadata record.
                            // Suggested names: fetchTimeMs, finalUrl, via
                            // (one per redirect hop), hopsFromSeed.
  std::string truncated;    // WARC-Truncated reason ("length", "time", ...) or ""
};

struct WarcExchangeIds {
  std::string response_id;  // "<urn:uuid:...>"
  std::string request_id;   // "" if no request record
  std::string metadata_id;  // "" if no metadata record
  std::string file;         // path of the file the records went to
  uint64_t offset = 0;      // offset of the response record in that file
};

// Any record (resource, revisit, conversion, ...).
struct WarcRecordSpec {
  std::string type;          // WARC-Type
  std::string target_uri;    // "" → no WARC-Target-URI
  std::chrono::system_clock::time_point date{};  // epoch → now
  std::string content_type;  // "" → no Content-Type
  std::string block;
  WarcFields extra_headers;  // e.g. WARC-Refers-To, WARC-Profile
};

class WarcWriter {
 public:
  // Creates the directory if needed and opens the first file.
  static Result<std::unique_ptr<WarcWriter>> Open(WarcWriterOptions options);
  ~WarcWriter();  // Close(), errors ignored
  WarcWriter(const WarcWriter&) = delete;
  WarcWriter& operator=(const WarcWriter&) = delete;

  Result<WarcExchangeIds> WriteExchange(const WarcExchange& exchange);
  // Returns the new record's WARC-Record-ID ("<urn:uuid:...>").
  Result<std::string> WriteRecord(const WarcRecordSpec& spec);

  Status Sync();   // fsync the current file now
  Status Close();  // sync per policy and close; further writes fail

  std::string current_file() const;
  std::vector<std::string> files() const;  // every file opened, oldest first

 private:
  struct Impl;
  explicit WarcWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A fresh "<urn:uuid:...>" (random, version 4).
std::string NewWarcRecordId();
// "2024-05-01T12:00:00Z".
std::string FormatWarcDate(std::chrono::system_clock::time_point t);

// ---------------------------------------------------------------------------
// Reader

struct WarcReaderOptions {
  uint64_t max_record_bytes = 256ull << 20;  // header + block
  uint64_t max_member_bytes = 1ull << 30;    // decompressed bytes per gzip member
  std::size_t max_header_bytes = 256 << 10;  // WARC header section
};

class WarcReader {
 public:
  static Result<WarcReader> Open(const std::string& path, WarcReaderOptions options = {});
  // Reads from memory (tests, fuzzing, data already in RAM).
  static WarcReader FromString(std::string data, WarcReaderOptions options = {});

  WarcReader(WarcReader&&) noexcept;
  WarcReader& operator=(WarcReader&&) noexcept;
  ~WarcReader();

  // true: `*record` holds the next record; false: clean end of input.
  // An error names the offset; the next call resumes after the bad part.
  Result<bool> Next(WarcRecord* record);

  bool compressed() const;  // the input is gzip

 private:
  struct Impl;
  explicit WarcReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsfacts

#endif  // NEWSFACTS_WARC_H_
