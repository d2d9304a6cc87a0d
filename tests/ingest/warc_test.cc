// Tests for the WARC writer and reader and the HTTP block helpers
// (ingest/warc_writer.cc, ingest/warc_reader.cc, ingest/http_message.cc).
#include "newsfacts/warc.h"

#include <httplib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "gzip.h"
#include "sha1.h"
#include "test_util.h"

namespace newsfacts {
namespace {

using testing::ReadFile;
using testing::ScopedTempDir;
using testing::WriteFile;

struct ReadResult {
  std::vector<WarcRecord> records;
  std::vector<Status> errors;
};

ReadResult ReadAll(WarcReader& reader, int max_steps = 1000) {
  ReadResult out;
  for (int i = 0; i < max_steps; ++i) {
    WarcRecord record;
    Result<bool> more = reader.Next(&record);
    if (!more.ok()) {
      out.errors.push_back(more.status());
      continue;
    }
    if (!*more) return out;
    out.records.push_back(std::move(record));
  }
  FAIL("reader did not reach the end");
  return out;
}

ReadResult ReadPath(const std::string& path, WarcReaderOptions options = {}) {
  Result<WarcReader> reader = WarcReader::Open(path, options);
  REQUIRE(reader.ok());
  return ReadAll(*reader);
}

std::string Gzip(std::string_view data) {
  std::string out;
  REQUIRE(AppendGzipMember(data, 6, &out).ok());
  return out;
}

std::string Response(int i) {
  std::string body = "<html><body>page " + std::to_string(i) + "</body></html>";
  return "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

WarcExchange Exchange(int i) {
  WarcExchange ex;
  ex.target_uri = "https://example.org/p" + std::to_string(i);
  ex.ip_address = "93.184.216.34";
  ex.request = "GET /p" + std::to_string(i) + " HTTP/1.1\r\nHost: example.org\r\n\r\n";
  ex.response = Response(i);
  ex.metadata = {{"fetchTimeMs", "12"}, {"via", "https://example.org/"}};
  return ex;
}

// Offsets of every gzip member, found by inflating member by member.
std::vector<std::size_t> MemberOffsets(const std::string& gz) {
  std::vector<std::size_t> offsets;
  std::size_t pos = 0;
  while (pos < gz.size()) {
    offsets.push_back(pos);
    Inflater inf(15 + 16);
    z_stream* z = inf.stream();
    z->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data() + pos));
    z->avail_in = static_cast<uInt>(gz.size() - pos);
    char sink[4096];
    int rc;
    do {
      z->next_out = reinterpret_cast<Bytef*>(sink);
      z->avail_out = sizeof(sink);
      rc = inflate(z, Z_NO_FLUSH);
    } while (rc == Z_OK);
    REQUIRE(rc == Z_STREAM_END);
    pos = gz.size() - z->avail_in;
  }
  return offsets;
}

// Levels 1-3 are igzip's, 4-9 zlib's; every member must be one standard gzip
// member that zlib inflates back, including input igzip cannot shrink (it
// then grows its output buffer) and empty input.
TEST_CASE("warc: gzip members at every level inflate with zlib", "[ingest]") {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "<p>Revenue rose " + std::to_string(i % 97) + "% to Rmb" + std::to_string(i) + "bn.</p>\n";
  std::string noise(300000, '\0');
  unsigned x = 12345;
  for (char& c : noise) {
    x = x * 1103515245u + 12345u;
    c = static_cast<char>(x >> 23);
  }
  const std::vector<std::string> inputs = {"", "a", text, noise};
  for (int level = 1; level <= 9; ++level) {
    std::string all;
    for (const std::string& in : inputs) {
      std::string gz;
      REQUIRE(AppendGzipMember(in, level, &gz).ok());
      Result<std::string> back = InflateAll(gz, 15 + 16, 1 << 24, false);
      REQUIRE(back.ok());
      CHECK(*back == in);
      if (&in == &inputs[2]) CHECK(gz.size() < in.size() / 4);
      all += gz;
    }
    // Appending keeps what `out` held and concatenates whole members.
    CHECK(MemberOffsets(all).size() == inputs.size());
    Result<std::string> joined = InflateAll(all, 15 + 16, 1 << 24, true);
    REQUIRE(joined.ok());
    CHECK(*joined == inputs[0] + inputs[1] + inputs[2] + inputs[3]);
  }
}

TEST_CASE("warc: write then read an exchange", "[ingest]") {
  ScopedTempDir dir;
  WarcWriterOptions options;
  options.directory = (dir.path() / "out").string();
  options.warcinfo = {{"operator", "newsfacts tests"}, {"robots", "obey"}};
  Result<std::unique_ptr<WarcWriter>> writer = WarcWriter::Open(options);
  REQUIRE(writer.ok());
  WarcExchange ex = Exchange(1);
  ex.date = std::chrono::system_clock::from_time_t(1700000000);
  Result<WarcExchangeIds> ids = (*writer)->WriteExchange(ex);
  REQUIRE(ids.ok());
  WarcRecordSpec resource;
  resource.type = "resource";
  resource.target_uri = "urn:x-newsfacts:note";
  resource.content_type = "text/plain";
  resource.block = "hello\r\n\r\nworld";
  Result<std::string> resource_id = (*writer)->WriteRecord(resource);
  REQUIRE(resource_id.ok());
  REQUIRE((*writer)->Close().ok());

  std::string path = ids->file;
  CHECK(std::regex_match(std::filesystem::path(path).filename().string(),
                         std::regex(R"(newsfacts-\d{14}-00000-\d+\.warc\.gz)")));
  ReadResult read = ReadPath(path);
  REQUIRE(read.errors.empty());
  REQUIRE(read.records.size() == 5);
  const WarcRecord& info = read.records[0];
  CHECK(info.version == "WARC/1.1");
  CHECK(info.type() == "warcinfo");
  CHECK(info.offset == 0);
  CHECK(info.Header("WARC-Filename") == std::filesystem::path(path).filename().string());
  CHECK(info.block.find("operator: newsfacts tests\r\n") != std::string::npos);
  CHECK(info.Header("Content-Type") == "application/warc-fields");

  const WarcRecord& resp = read.records[1];
  CHECK(resp.type() == "response");
  CHECK(resp.offset == ids->offset);
  CHECK(resp.record_id() == ids->response_id);
  CHECK(std::regex_match(std::string(resp.record_id()),
                         std::regex(R"(<urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}>)")));
  CHECK(resp.date() == "2023-11-14T22:13:20Z");
  CHECK(resp.target_uri() == "https://example.org/p1");
  CHECK(resp.Header("WARC-IP-Address") == "93.184.216.34");
  CHECK(resp.Header("content-type") == "application/http;msgtype=response");
  CHECK(resp.block == ex.response);
  CHECK(resp.Header("WARC-Block-Digest") == WarcDigest(ex.response));
  CHECK(resp.Header("WARC-Payload-Digest") ==
        WarcDigest("<html><body>page 1</body></html>"));

  const WarcRecord& req = read.records[2];
  CHECK(req.type() == "request");
  CHECK(req.record_id() == ids->request_id);
  CHECK(req.Header("WARC-Concurrent-To") == ids->response_id);
  CHECK(req.block == ex.request);

  const WarcRecord& meta = read.records[3];
  CHECK(meta.type() == "metadata");
  CHECK(meta.record_id() == ids->metadata_id);
  CHECK(meta.Header("WARC-Concurrent-To") == ids->response_id);
  CHECK(meta.block == "fetchTimeMs: 12\r\nvia: https://example.org/\r\n");

  const WarcRecord& res = read.records[4];
  CHECK(res.type() == "resource");
  CHECK(res.record_id() == *resource_id);
  CHECK(res.block == "hello\r\n\r\nworld");

  // Each record is its own gzip member, so every offset is a member start.
  std::string bytes = ReadFile(path);
  std::vector<std::size_t> members = MemberOffsets(bytes);
  REQUIRE(members.size() == 5);
  for (std::size_t i = 0; i < 5; ++i) CHECK(read.records[i].offset == members[i]);

  // A record can be read alone from its offset.
  WarcReader alone = WarcReader::FromString(bytes.substr(resp.offset));
  WarcRecord first;
  REQUIRE(alone.Next(&first).ok());
  CHECK(first.record_id() == ids->response_id);
}

TEST_CASE("warc: header values cannot inject headers", "[ingest]") {
  ScopedTempDir dir;
  WarcWriterOptions options;
  options.directory = dir.path().string();
  auto writer = WarcWriter::Open(options);
  REQUIRE(writer.ok());
  WarcExchange ex = Exchange(2);
  ex.target_uri = "https://example.org/x\r\nWARC-Type: evil";
  ex.request.clear();
  ex.metadata.clear();
  auto ids = (*writer)->WriteExchange(ex);
  REQUIRE(ids.ok());
  REQUIRE((*writer)->Close().ok());
  ReadResult read = ReadPath(ids->file);
  REQUIRE(read.records.size() == 2);  // warcinfo + response only
  CHECK(read.records[1].type() == "response");
  CHECK(read.records[1].target_uri() == "https://example.org/x  WARC-Type: evil");
}

TEST_CASE("warc: files rotate at the size limit and keep exchanges whole", "[ingest]") {
  ScopedTempDir dir;
  WarcWriterOptions options;
  options.directory = dir.path().string();
  options.max_file_bytes = 2000;
  options.fsync = WarcFsync::kEveryRecord;
  auto writer = WarcWriter::Open(options);
  REQUIRE(writer.ok());
  for (int i = 0; i < 12; ++i) REQUIRE((*writer)->WriteExchange(Exchange(i)).ok());
  REQUIRE((*writer)->Close().ok());
  CHECK_FALSE((*writer)->WriteExchange(Exchange(99)).ok());  // closed
  std::vector<std::string> files = (*writer)->files();
  REQUIRE(files.size() >= 3);
  int responses = 0;
  for (const std::string& file : files) {
    ReadResult read = ReadPath(file);
    REQUIRE(read.errors.empty());
    REQUIRE(!read.records.empty());
    CHECK(read.records[0].type() == "warcinfo");
    // Each file holds whole exchanges: response, request, metadata.
    CHECK((read.records.size() - 1) % 3 == 0);
    for (const WarcRecord& r : read.records) responses += r.type() == "response";
    if (read.records.size() > 4) CHECK(std::filesystem::file_size(file) <= options.max_file_bytes);
  }
  CHECK(responses == 12);
}

TEST_CASE("warc: concurrent writers produce readable files", "[ingest]") {
  ScopedTempDir dir;
  WarcWriterOptions options;
  options.directory = dir.path().string();
  options.max_file_bytes = 64 * 1024;
  auto writer = WarcWriter::Open(options);
  REQUIRE(writer.ok());
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        if (!(*writer)->WriteExchange(Exchange(t * 100 + i)).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  REQUIRE((*writer)->Close().ok());
  CHECK(failures == 0);
  int responses = 0;
  for (const std::string& file : (*writer)->files()) {
    ReadResult read = ReadPath(file);
    CHECK(read.errors.empty());
    for (const WarcRecord& r : read.records) {
      if (r.type() != "response") continue;
      ++responses;
      CHECK(r.Header("WARC-Block-Digest") == WarcDigest(r.block));
    }
  }
  CHECK(responses == 200);
}

TEST_CASE("warc: a truncated final member does not hide earlier records", "[ingest]") {
  ScopedTempDir dir;
  WarcWriterOptions options;
  options.directory = dir.path().string();
  auto writer = WarcWriter::Open(options);
  REQUIRE(writer.ok());
  for (int i = 0; i < 3; ++i) REQUIRE((*writer)->WriteExchange(Exchange(i)).ok());
  REQUIRE((*writer)->Close().ok());
  std::string bytes = ReadFile((*writer)->current_file());
  std::vector<std::size_t> members = MemberOffsets(bytes);
  REQUIRE(members.size() == 10);
  // Cut the last member (metadata of exchange 2) in its middle.
  std::size_t last = members.back();
  std::string torn = bytes.substr(0, last + (bytes.size() - last) / 2);
  std::string path = (dir.path() / "torn.warc.gz").string();
  WriteFile(path, torn);
  ReadResult read = ReadPath(path);
  CHECK(read.records.size() == 9);
  REQUIRE(read.errors.size() == 1);
  CHECK(read.errors[0].code() == Status::Code::kCorruption);
  CHECK(read.errors[0].message().find("offset " + std::to_string(last)) != std::string::npos);
}

TEST_CASE("warc: a corrupt member in the middle is skipped", "[ingest]") {
  std::string bytes;
  for (int i = 0; i < 4; ++i) {
    std::string block = "record " + std::to_string(i) + std::string(200, 'x');
    bytes += Gzip("WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: " +
                  std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n");
  }
  std::vector<std::size_t> members = MemberOffsets(bytes);
  REQUIRE(members.size() == 4);
  // Garble the deflate data of member 1 (after its 10-byte gzip header).
  for (std::size_t i = members[1] + 12; i < members[1] + 40; ++i) bytes[i] = static_cast<char>(0xFF);
  WarcReader reader = WarcReader::FromString(bytes);
  ReadResult read = ReadAll(reader);
  REQUIRE(read.records.size() == 3);
  CHECK(read.records[0].block.substr(0, 8) == "record 0");
  CHECK(read.records[1].block.substr(0, 8) == "record 2");
  CHECK(read.records[2].block.substr(0, 8) == "record 3");
  CHECK(read.records[1].offset == members[2]);
  REQUIRE(read.errors.size() == 1);
  CHECK(read.errors[0].message().find("offset " + std::to_string(members[1])) != std::string::npos);
}

TEST_CASE("warc: gzip bomb guard", "[ingest]") {
  const std::size_t big = 8u << 20;
  std::string bomb = Gzip("WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: " +
                          std::to_string(big) + "\r\n\r\n" + std::string(big, '\0') + "\r\n\r\n");
  CHECK(bomb.size() < 64 * 1024);
  std::string after = Gzip("WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 2\r\n\r\nok\r\n\r\n");
  WarcReaderOptions options;
  options.max_member_bytes = 1u << 20;
  WarcReader reader = WarcReader::FromString(bomb + after, options);
  ReadResult read = ReadAll(reader);
  REQUIRE(read.errors.size() == 1);
  CHECK(read.errors[0].code() == Status::Code::kResourceExhausted);
  CHECK(read.errors[0].message().find("offset 0") != std::string::npos);
  REQUIRE(read.records.size() == 1);
  CHECK(read.records[0].block == "ok");
}

TEST_CASE("warc: oversized records are skipped without buffering", "[ingest]") {
  std::string plain;
  plain += "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 5000\r\n\r\n" +
           std::string(5000, 'a') + "\r\n\r\n";
  plain += "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 3\r\n\r\nabc\r\n\r\n";
  WarcReaderOptions options;
  options.max_record_bytes = 1000;
  for (bool gz : {false, true}) {
    INFO("gz " << gz);
    WarcReader reader = WarcReader::FromString(gz ? Gzip(plain) : plain, options);
    ReadResult read = ReadAll(reader);
    REQUIRE(read.errors.size() == 1);
    CHECK(read.errors[0].code() == Status::Code::kResourceExhausted);
    REQUIRE(read.records.size() == 1);
    CHECK(read.records[0].block == "abc");
  }
}

TEST_CASE("warc: record-level corruption resumes at the next WARC/ line", "[ingest]") {
  std::string plain =
      "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 3\r\n\r\none\r\n\r\n"
      "garbage that is not a record\r\nmore garbage\r\n"
      "WARC/1.1\r\nWARC-Type: resource\r\nNo-Length: here\r\n\r\nxyz\r\n\r\n"
      "WARC/1.1\r\nWARC-Type: resource\r\nContent-Length: 3\r\n\r\ntwo\r\n\r\n";
  for (bool gz : {false, true}) {
    INFO("gz " << gz);
    WarcReader reader = WarcReader::FromString(gz ? Gzip(plain) : plain);
    ReadResult read = ReadAll(reader);
    REQUIRE(read.records.size() == 2);
    CHECK(read.records[0].block == "one");
    CHECK(read.records[1].block == "two");
    REQUIRE(read.errors.size() == 2);
    CHECK(read.errors[0].code() == Status::Code::kCorruption);
    CHECK(read.errors[0].message().find("no WARC/ version line") != std::string::npos);
    CHECK(read.errors[1].message().find("Content-Length") != std::string::npos);
    if (!gz) {
      std::string at = "offset " + std::to_string(plain.find("garbage"));
      CHECK(read.errors[0].message().find(at) != std::string::npos);
    }
  }
  // A truncated uncompressed record at the end.
  WarcReader reader = WarcReader::FromString(
      "WARC/1.1\r\nContent-Length: 3\r\n\r\none\r\n\r\nWARC/1.1\r\nContent-Length: 300\r\n\r\nshort");
  ReadResult read = ReadAll(reader);
  CHECK(read.records.size() == 1);
  REQUIRE(read.errors.size() == 1);
  CHECK(read.errors[0].message().find("truncated") != std::string::npos);
}

// A WARC as other crawlers write them: WARC/1.0, lower-case names, <uri>,
// folded header, LF-only record, chunked body, revisit, resource, extra blank
// lines, whole-file gzip.
std::string ForeignWarc() {
  const std::string chunked_http =
      "HTTP/1.1 200 OK\r\n"
      "transfer-encoding: chunked\r\n"
      "Content-Type: text/html; charset=utf-8\r\n"
      "X-Folded: a\r\n"
      "  b\r\n"
      "\r\n"
      "5\r\nHello\r\n"
      "7;ext=1\r\n, World\r\n"
      "0\r\n"
      "Trailer: x\r\n"
      "\r\n";
  const std::string revisit_http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n";
  std::string out;
  out += "WARC/1.0\r\nwarc-type: warcinfo\r\nCONTENT-LENGTH: 19\r\nwarc-date: 2014-01-02T03:04:05Z\r\n\r\n"
         "software: Wget/1.21\r\n\r\n";
  out += "\r\n";  // stray blank line
  out += "WARC/1.0\r\n"
         "WARC-Type: response\r\n"
         "WARC-Target-URI: <http://example.com/chunked>\r\n"
         "WARC-Record-ID: <urn:uuid:11111111-1111-4111-8111-111111111111>\r\n"
         "WARC-Block-Digest: sha1:UNKNOWN\r\n"
         "X-Long-Header: part one\r\n"
         "\tpart two\r\n"
         "Content-Type: application/http; msgtype=response\r\n"
         "Content-Length: " + std::to_string(chunked_http.size()) + "\r\n\r\n" + chunked_http +
         "\r\n\r\n";
  out += "WARC/1.0\r\n"
         "WARC-Type: revisit\r\n"
         "WARC-Target-URI: http://example.com/again\r\n"
         "WARC-Profile: http://netpreserve.org/warc/1.0/revisit/identical-payload-digest\r\n"
         "WARC-Refers-To: <urn:uuid:11111111-1111-4111-8111-111111111111>\r\n"
         "Content-Length: " + std::to_string(revisit_http.size()) + "\r\n\r\n" + revisit_http +
         "\r\n\r\n";
  out += "WARC/1.0\nWARC-Type: resource\nWARC-Target-URI: dns:example.com\n"
         "Content-Type: text/dns\nContent-Length: 23\n\n20140102030405\n1.2.3.4\n\n\n";
  return out;
}

void CheckForeign(const ReadResult& read) {
  REQUIRE(read.errors.empty());
  REQUIRE(read.records.size() == 4);
  CHECK(read.records[0].type() == "warcinfo");
  CHECK(read.records[0].version == "WARC/1.0");
  CHECK(read.records[0].date() == "2014-01-02T03:04:05Z");
  CHECK(read.records[0].block == "software: Wget/1.21");
  const WarcRecord& resp = read.records[1];
  CHECK(resp.type() == "response");
  CHECK(resp.target_uri() == "http://example.com/chunked");
  CHECK(resp.Header("x-long-header") == "part one part two");
  Result<HttpResponse> http = ParseHttpResponse(resp.block);
  REQUIRE(http.ok());
  CHECK(http->status == 200);
  CHECK(http->reason == "OK");
  CHECK(http->chunked);
  CHECK_FALSE(http->truncated);
  CHECK(http->body == "Hello, World");
  CHECK(http->Header("X-Folded") == "a b");
  CHECK(http->Header("content-type") == "text/html; charset=utf-8");
  const WarcRecord& revisit = read.records[2];
  CHECK(revisit.type() == "revisit");
  Result<HttpResponse> rh = ParseHttpResponse(revisit.block);
  REQUIRE(rh.ok());
  CHECK(rh->status == 200);
  CHECK(rh->body.empty());
  const WarcRecord& dns = read.records[3];
  CHECK(dns.type() == "resource");
  CHECK(dns.target_uri() == "dns:example.com");
  CHECK(dns.block == "20140102030405\n1.2.3.4\n");
}

TEST_CASE("warc: reads foreign-style WARCs (plain, per-record gz, whole-file gz)", "[ingest]") {
  const std::string plain = ForeignWarc();
  {
    WarcReader reader = WarcReader::FromString(plain);
    CHECK_FALSE(reader.compressed());
    CheckForeign(ReadAll(reader));
  }
  {
    WarcReader reader = WarcReader::FromString(Gzip(plain));
    CHECK(reader.compressed());
    ReadResult read = ReadAll(reader);
    CheckForeign(read);
    for (const WarcRecord& r : read.records) CHECK(r.offset == 0);  // all in member 0
  }
  {
    // One member per record, plus NUL padding at the end of the file.
    WarcReader split_reader = WarcReader::FromString(plain);
    ReadResult split = ReadAll(split_reader);
    std::string gz;
    std::vector<std::size_t> starts;
    for (const WarcRecord& r : split.records) starts.push_back(r.offset);
    starts.push_back(plain.size());
    for (std::size_t i = 0; i + 1 < starts.size(); ++i) {
      gz += Gzip(plain.substr(starts[i], starts[i + 1] - starts[i]));
    }
    gz += std::string(512, '\0');
    ScopedTempDir dir;
    std::string path = (dir.path() / "foreign.warc.gz").string();
    WriteFile(path, gz);
    CheckForeign(ReadPath(path));
  }
}

TEST_CASE("warc: missing file and empty input", "[ingest]") {
  Result<WarcReader> missing = WarcReader::Open("/nonexistent/x.warc.gz");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().IsNotFound());
  WarcReader empty = WarcReader::FromString("");
  WarcRecord r;
  Result<bool> more = empty.Next(&r);
  REQUIRE(more.ok());
  CHECK_FALSE(*more);
  WarcReader junk = WarcReader::FromString("\x1f\x8b\x08not really gzip");
  ReadResult read = ReadAll(junk);
  CHECK(read.records.empty());
  CHECK(read.errors.size() == 1);
}

TEST_CASE("warc: HTTP response parsing", "[ingest]") {
  Result<HttpResponse> lf = ParseHttpResponse("HTTP/1.0 404 Not Found\nServer: x\n\nnope");
  REQUIRE(lf.ok());
  CHECK(lf->version == "HTTP/1.0");
  CHECK(lf->status == 404);
  CHECK(lf->reason == "Not Found");
  CHECK(lf->body == "nope");
  Result<HttpResponse> no_reason = ParseHttpResponse("HTTP/2 204\r\n\r\n");
  REQUIRE(no_reason.ok());
  CHECK(no_reason->status == 204);
  CHECK(no_reason->reason.empty());
  // "chunked" header over a body the recorder already de-chunked.
  Result<HttpResponse> fake =
      ParseHttpResponse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n<html>x</html>");
  REQUIRE(fake.ok());
  CHECK_FALSE(fake->chunked);
  CHECK(fake->body == "<html>x</html>");
  // A chunked body cut short.
  Result<HttpResponse> cut =
      ParseHttpResponse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\n01234");
  REQUIRE(cut.ok());
  CHECK(cut->truncated);
  CHECK(cut->body == "01234");
  CHECK_FALSE(ParseHttpResponse("GET / HTTP/1.1\r\n\r\n").ok());
  CHECK_FALSE(ParseHttpResponse("HTTP/1.1 2000 OK\r\n\r\n").ok());
  CHECK(ParseHttpResponse("HTTP/1.1 200 OK\r\n\r\n" + std::string(100, 'x'), 50).status().code() ==
        Status::Code::kResourceExhausted);
}

TEST_CASE("warc: content decoding", "[ingest]") {
  const std::string text = "the quick brown fox " + std::string(1000, 'z');
  std::string gz = Gzip(text);
  Result<std::string> plain = DecodeContentEncoding(gz, "gzip");
  REQUIRE(plain.ok());
  CHECK(*plain == text);
  CHECK(*DecodeContentEncoding(gz, "X-GZIP") == text);
  CHECK(*DecodeContentEncoding(text, "") == text);
  CHECK(*DecodeContentEncoding(text, "identity") == text);
  // deflate: zlib-wrapped and raw.
  for (int bits : {15, -15}) {
    z_stream z{};
    REQUIRE(deflateInit2(&z, 6, Z_DEFLATED, bits, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(text.size() + 256, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    z.avail_in = static_cast<uInt>(text.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
    out.resize(z.total_out);
    deflateEnd(&z);
    INFO(bits);
    Result<std::string> d = DecodeContentEncoding(out, "deflate");
    REQUIRE(d.ok());
    CHECK(*d == text);
  }
  // Two codings, applied gzip then gzip again.
  CHECK(*DecodeContentEncoding(Gzip(gz), "gzip, gzip") == text);
  CHECK(DecodeContentEncoding(gz, "br").status().code() == Status::Code::kUnsupported);
  CHECK(DecodeContentEncoding("not gzip", "gzip").status().code() == Status::Code::kCorruption);
  CHECK(DecodeContentEncoding(gz.substr(0, gz.size() / 2), "gzip").status().code() ==
        Status::Code::kCorruption);
  CHECK(DecodeContentEncoding(gz, "gzip", 100).status().code() ==
        Status::Code::kResourceExhausted);
}

TEST_CASE("warc: payload digest is over the de-chunked body", "[ingest]") {
  ScopedTempDir dir;
  WarcWriterOptions options;
  options.directory = dir.path().string();
  auto writer = WarcWriter::Open(options);
  REQUIRE(writer.ok());
  WarcExchange ex;
  ex.target_uri = "http://example.com/c";
  ex.response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
  auto ids = (*writer)->WriteExchange(ex);
  REQUIRE(ids.ok());
  REQUIRE((*writer)->Close().ok());
  ReadResult read = ReadPath(ids->file);
  REQUIRE(read.records.size() == 2);
  CHECK(read.records[1].Header("WARC-Payload-Digest") == WarcDigest("abcde"));
  CHECK(read.records[1].Header("WARC-Block-Digest") == WarcDigest(ex.response));
}

TEST_CASE("warc: reads a WARC written by wget", "[ingest]") {
  if (access("/usr/bin/wget", X_OK) != 0) {
    WARN("wget not installed; skipping");
    return;
  }
  httplib::Server server;
  server.Get("/page", [](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/html", [](size_t offset, httplib::DataSink& sink) {
      if (offset == 0) {
        std::string part = "<html><body>chunk one, ";
        sink.write(part.data(), part.size());
        return true;
      }
      std::string part = "chunk two</body></html>";
      sink.write(part.data(), part.size());
      sink.done();
      return true;
    });
  });
  int port = server.bind_to_any_port("127.0.0.1");
  REQUIRE(port > 0);
  std::thread thread([&] { server.listen_after_bind(); });
  ScopedTempDir dir;
  std::string base = (dir.path() / "wget").string();
  std::string cmd = "cd '" + dir.path().string() + "' && /usr/bin/wget -q --no-proxy --tries=1 --timeout=10 " +
                    "--warc-file='" + base + "' -O /dev/null http://127.0.0.1:" +
                    std::to_string(port) + "/page 2>/dev/null";
  int rc = std::system(cmd.c_str());
  server.stop();
  thread.join();
  REQUIRE(rc == 0);
  ReadResult read = ReadPath(base + ".warc.gz");
  CHECK(read.errors.empty());
  const WarcRecord* response = nullptr;
  int warcinfo = 0, requests = 0;
  for (const WarcRecord& r : read.records) {
    if (r.type() == "response") response = &r;
    warcinfo += r.type() == "warcinfo";
    requests += r.type() == "request";
  }
  CHECK(warcinfo == 1);
  CHECK(requests == 1);
  REQUIRE(response != nullptr);
  CHECK(response->target_uri() == "http://127.0.0.1:" + std::to_string(port) + "/page");
  Result<HttpResponse> http = ParseHttpResponse(response->block);
  REQUIRE(http.ok());
  CHECK(http->status == 200);
  CHECK(http->chunked);
  CHECK(http->body == "<html><body>chunk one, chunk two</body></html>");
  // wget digests the body as sent, chunk framing included (a known wget
  // quirk; WARC 1.1 says the de-chunked entity). Either way it is over the
  // bytes after the HTTP header.
  std::size_t body_start = response->block.find("\r\n\r\n") + 4;
  CHECK(response->Header("WARC-Payload-Digest") ==
        WarcDigest(std::string_view(response->block).substr(body_start)));
}

}  // namespace
}  // namespace newsfacts
