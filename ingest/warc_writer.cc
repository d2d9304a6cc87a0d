// WARC 1.1 writer: one gzip member per record. Contract in newsfacts/warc.h.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <optional>
#include <random>

#include "gzip.h"
#include "newsfacts/warc.h"
#include "sha1.h"

namespace newsfacts {
namespace {

std::string ErrnoText(int err) { return std::strerror(err); }

// Header values come from the wild (URLs, metadata): no CR/LF may pass.
std::string Sanitize(std::string_view value) {
  std::string out(value);
  for (char& c : out) {
    if (c == '\r' || c == '\n' || c == '\0') c = ' ';
  }
  return out;
}

void AddHeader(std::string* out, std::string_view name, std::string_view value) {
  out->append(name);
  out->append(": ");
  out->append(Sanitize(value));
  out->append("\r\n");
}

// Formats one complete record: header section, block, the two CRLFs.
std::string FormatRecord(const WarcFields& headers, std::string_view content_type,
                         std::string_view block) {
  std::string out;
  out.reserve(block.size() + 512);
  out.append("WARC/1.1\r\n");
  for (const auto& [name, value] : headers) AddHeader(&out, name, value);
  if (!content_type.empty()) AddHeader(&out, "Content-Type", content_type);
  AddHeader(&out, "Content-Length", std::to_string(block.size()));
  out.append("\r\n");
  out.append(block);
  out.append("\r\n\r\n");
  return out;
}

// The payload of an HTTP message block: the entity body with any chunked
// transfer coding removed (WARC 1.1 §6.3.2). nullopt if there is no body part.
std::optional<std::string> HttpPayload(std::string_view block) {
  std::size_t end = block.find("\r\n\r\n");
  std::size_t skip = 4;
  if (end == std::string_view::npos) {
    end = block.find("\n\n");
    skip = 2;
  }
  if (end == std::string_view::npos) return std::nullopt;
  if (block.substr(0, 5) == "HTTP/") {
    Result<HttpResponse> parsed = ParseHttpResponse(block, block.size());
    if (parsed.ok()) return std::move(parsed->body);
  }
  return std::string(block.substr(end + skip));
}

std::chrono::system_clock::time_point OrNow(std::chrono::system_clock::time_point t) {
  return t.time_since_epoch().count() == 0 ? std::chrono::system_clock::now() : t;
}

}  // namespace

std::string NewWarcRecordId() {
  thread_local std::mt19937_64 rng([] {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd(), rd(), rd(), rd(), rd()};
    return std::mt19937_64(seq);
  }());
  uint8_t b[16];
  uint64_t hi = rng(), lo = rng();
  for (int i = 0; i < 8; ++i) {
    b[i] = static_cast<uint8_t>(hi >> (56 - 8 * i));
    b[8 + i] = static_cast<uint8_t>(lo >> (56 - 8 * i));
  }
  b[6] = static_cast<uint8_t>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<uint8_t>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "<urn:uuid:";
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 15]);
  }
  out.push_back('>');
  return out;
}

std::string FormatWarcDate(std::chrono::system_clock::time_point t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

struct WarcWriter::Impl {
  WarcWriterOptions options;
  mutable std::mutex mu;
  int fd = -1;
  std::string path;
  uint64_t file_bytes = 0;
  uint64_t info_bytes = 0;  // bytes of the warcinfo record at the start
  int serial = 0;
  bool closed = false;
  std::vector<std::string> files;

  ~Impl() {
    if (fd >= 0) ::close(fd);
  }

  // REQUIRES: mu held. Appends `data` at the end; on failure truncates back.
  Status Append(std::string_view data) {
    uint64_t start = file_bytes;
    std::size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::write(fd, data.data() + done, data.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        int err = errno;
        if (::ftruncate(fd, static_cast<off_t>(start)) != 0) {
          // The file now ends in a torn member; readers report and skip it.
        }
        return Status::IoError("cannot write " + path + ": " + ErrnoText(err));
      }
      done += static_cast<std::size_t>(n);
    }
    file_bytes += data.size();
    if (options.fsync == WarcFsync::kEveryRecord && ::fdatasync(fd) != 0) {
      return Status::IoError("cannot fsync " + path + ": " + ErrnoText(errno));
    }
    return Status::Ok();
  }

  Status SyncLocked() {
    if (fd >= 0 && ::fsync(fd) != 0) {
      return Status::IoError("cannot fsync " + path + ": " + ErrnoText(errno));
    }
    return Status::Ok();
  }

  Status CloseFileLocked() {
    if (fd < 0) return Status::Ok();
    Status status = options.fsync == WarcFsync::kNever ? Status::Ok() : SyncLocked();
    if (::close(fd) != 0 && status.ok()) {
      status = Status::IoError("cannot close " + path + ": " + ErrnoText(errno));
    }
    fd = -1;
    return status;
  }

  // REQUIRES: mu held. Opens the next file and writes its warcinfo record.
  Status OpenNextFileLocked() {
    NF_RETURN_IF_ERROR(CloseFileLocked());
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof(stamp), "%Y%m%d%H%M%S", &tm);
    std::string name;
    for (int attempt = 0; attempt < 1000; ++attempt) {
      char serial_text[16];
      std::snprintf(serial_text, sizeof(serial_text), "%05d", serial++);
      name = options.prefix + "-" + stamp + "-" + serial_text + "-" + std::to_string(::getpid()) +
             ".warc.gz";
      path = (std::filesystem::path(options.directory) / name).string();
      fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
      if (fd >= 0 || errno != EEXIST) break;
    }
    if (fd < 0) return Status::IoError("cannot create " + path + ": " + ErrnoText(errno));
    if (options.fsync != WarcFsync::kNever) {
      int dir = ::open(options.directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (dir >= 0) {
        ::fsync(dir);  // make the new name durable; best effort
        ::close(dir);
      }
    }
    files.push_back(path);
    file_bytes = 0;

    std::string fields = "software: " + Sanitize(options.software) + "\r\n";
    fields += "format: WARC File Format 1.1\r\n";
    fields += "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n";
    for (const auto& [k, v] : options.warcinfo) fields += Sanitize(k) + ": " + Sanitize(v) + "\r\n";
    WarcFields headers = {{"WARC-Type", "warcinfo"},
                          {"WARC-Record-ID", NewWarcRecordId()},
                          {"WARC-Date", FormatWarcDate(std::chrono::system_clock::now())},
                          {"WARC-Filename", name},
                          {"WARC-Block-Digest", WarcDigest(fields)}};
    std::string member;
    NF_RETURN_IF_ERROR(AppendGzipMember(FormatRecord(headers, "application/warc-fields", fields),
                                        options.compression_level, &member));
    NF_RETURN_IF_ERROR(Append(member));
    info_bytes = file_bytes;
    return Status::Ok();
  }

  // Appends pre-compressed members; rotates first if they would not fit.
  // Returns the offset where they start.
  Result<uint64_t> Write(std::string_view members, std::string* file_out) {
    std::lock_guard<std::mutex> lock(mu);
    if (closed) return Status::InvalidArgument("WARC writer is closed");
    if (fd < 0 ||
        (file_bytes > info_bytes && file_bytes + members.size() > options.max_file_bytes)) {
      NF_RETURN_IF_ERROR(OpenNextFileLocked());
    }
    uint64_t offset = file_bytes;
    NF_RETURN_IF_ERROR(Append(members));
    *file_out = path;
    return offset;
  }
};

WarcWriter::WarcWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

WarcWriter::~WarcWriter() {
  if (impl_) (void)Close();
}

Result<std::unique_ptr<WarcWriter>> WarcWriter::Open(WarcWriterOptions options) {
  std::error_code ec;
  std::filesystem::create_directories(options.directory, ec);
  if (ec) return Status::IoError("cannot create " + options.directory + ": " + ec.message());
  if (options.prefix.empty() || options.prefix.find('/') != std::string::npos) {
    return Status::InvalidArgument("WARC file prefix must be a plain name");
  }
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  {
    std::lock_guard<std::mutex> lock(impl->mu);
    NF_RETURN_IF_ERROR(impl->OpenNextFileLocked());
  }
  return std::unique_ptr<WarcWriter>(new WarcWriter(std::move(impl)));
}

Result<WarcExchangeIds> WarcWriter::WriteExchange(const WarcExchange& ex) {
  if (ex.response.empty()) return Status::InvalidArgument("WARC exchange without a response");
  WarcExchangeIds ids;
  ids.response_id = NewWarcRecordId();
  std::string date = FormatWarcDate(OrNow(ex.date));
  int level = impl_->options.compression_level;
  std::string members;

  WarcFields headers = {{"WARC-Type", "response"},
                        {"WARC-Record-ID", ids.response_id},
                        {"WARC-Date", date},
                        {"WARC-Target-URI", ex.target_uri}};
  if (!ex.ip_address.empty()) headers.emplace_back("WARC-IP-Address", ex.ip_address);
  headers.emplace_back("WARC-Block-Digest", WarcDigest(ex.response));
  if (std::optional<std::string> payload = HttpPayload(ex.response)) {
    headers.emplace_back("WARC-Payload-Digest", WarcDigest(*payload));
  }
  if (!ex.truncated.empty()) headers.emplace_back("WARC-Truncated", ex.truncated);
  NF_RETURN_IF_ERROR(AppendGzipMember(
      FormatRecord(headers, "application/http;msgtype=response", ex.response), level, &members));

  if (!ex.request.empty()) {
    ids.request_id = NewWarcRecordId();
    WarcFields req = {{"WARC-Type", "request"},
                      {"WARC-Record-ID", ids.request_id},
                      {"WARC-Date", date},
                      {"WARC-Target-URI", ex.target_uri},
                      {"WARC-Concurrent-To", ids.response_id}};
    if (!ex.ip_address.empty()) req.emplace_back("WARC-IP-Address", ex.ip_address);
    req.emplace_back("WARC-Block-Digest", WarcDigest(ex.request));
    if (std::optional<std::string> payload = HttpPayload(ex.request)) {
      req.emplace_back("WARC-Payload-Digest", WarcDigest(*payload));
    }
    NF_RETURN_IF_ERROR(AppendGzipMember(
        FormatRecord(req, "application/http;msgtype=request", ex.request), level, &members));
  }
  if (!ex.metadata.empty()) {
    ids.metadata_id = NewWarcRecordId();
    std::string fields;
    for (const auto& [k, v] : ex.metadata) fields += Sanitize(k) + ": " + Sanitize(v) + "\r\n";
    WarcFields meta = {{"WARC-Type", "metadata"},
                       {"WARC-Record-ID", ids.metadata_id},
                       {"WARC-Date", date},
                       {"WARC-Target-URI", ex.target_uri},
                       {"WARC-Concurrent-To", ids.response_id},
                       {"WARC-Block-Digest", WarcDigest(fields)}};
    NF_RETURN_IF_ERROR(AppendGzipMember(FormatRecord(meta, "application/warc-fields", fields),
                                        level, &members));
  }
  Result<uint64_t> offset = impl_->Write(members, &ids.file);
  if (!offset.ok()) return offset.status();
  ids.offset = *offset;
  return ids;
}

Result<std::string> WarcWriter::WriteRecord(const WarcRecordSpec& spec) {
  if (spec.type.empty()) return Status::InvalidArgument("WARC record without a type");
  std::string id = NewWarcRecordId();
  WarcFields headers = {{"WARC-Type", spec.type},
                        {"WARC-Record-ID", id},
                        {"WARC-Date", FormatWarcDate(OrNow(spec.date))}};
  if (!spec.target_uri.empty()) headers.emplace_back("WARC-Target-URI", spec.target_uri);
  for (const auto& h : spec.extra_headers) headers.push_back(h);
  headers.emplace_back("WARC-Block-Digest", WarcDigest(spec.block));
  std::string members;
  NF_RETURN_IF_ERROR(AppendGzipMember(FormatRecord(headers, spec.content_type, spec.block),
                                      impl_->options.compression_level, &members));
  std::string file;
  Result<uint64_t> offset = impl_->Write(members, &file);
  if (!offset.ok()) return offset.status();
  return id;
}

Status WarcWriter::Sync() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->SyncLocked();
}

Status WarcWriter::Close() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  if (impl_->closed) return Status::Ok();
  impl_->closed = true;
  return impl_->CloseFileLocked();
}

std::string WarcWriter::current_file() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->path;
}

std::vector<std::string> WarcWriter::files() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->files;
}

}  // namespace newsfacts
