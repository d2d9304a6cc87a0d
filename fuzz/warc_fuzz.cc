// libFuzzer target for the WARC reader and HTTP block parsing
// (ingest/warc_reader.cc, ingest/http_message.cc). Small limits make the
// size guards reachable; the loop bound catches a reader that stops making
// progress (every Next() call must consume input or end).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "newsfacts/warc.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  newsfacts::WarcReaderOptions options;
  options.max_record_bytes = 1 << 20;
  options.max_member_bytes = 4 << 20;
  options.max_header_bytes = 4096;
  newsfacts::WarcReader reader =
      newsfacts::WarcReader::FromString(std::string(reinterpret_cast<const char*>(data), size), options);
  newsfacts::WarcRecord record;
  // Every call consumes at least one byte of input or one gzip member, so
  // size + a margin calls must reach the end.
  for (std::size_t steps = 0;; ++steps) {
    if (steps > size + 16) std::abort();
    newsfacts::Result<bool> more = reader.Next(&record);
    if (!more.ok()) continue;
    if (!*more) break;
    (void)record.target_uri();
    newsfacts::Result<newsfacts::HttpResponse> http = newsfacts::ParseHttpResponse(record.block, 1 << 20);
    if (http.ok()) {
      (void)newsfacts::DecodeContentEncoding(http->body, http->Header("Content-Encoding"), 1 << 20);
    }
  }
  return 0;
}
