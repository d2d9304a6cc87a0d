// WARC reader: streams records from .warc.gz (multi-member) or .warc.
// Contract in newsfacts/warc.h.
//
// Layers: raw bytes (file via pread, or memory) → decompressed stream (zlib,
// member by member; for plain files the raw bytes themselves) → records.
// Every record start is mapped back to the raw offset of the gzip member it
// starts in. Errors come in two kinds: gzip-level (bad deflate data, a torn
// member, a bomb) resume at the next gzip magic in the raw bytes; record-level
// (no "WARC/" line, no Content-Length) resume at the next "WARC/" line of the
// decompressed stream, which also works when one member holds many records.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <deque>

#include "gzip.h"
#include "newsfacts/warc.h"

namespace newsfacts {
namespace {

constexpr std::size_t kChunk = 64 * 1024;

std::string_view TrimWs(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool IsGzipMagic(const char* p) {
  return static_cast<unsigned char>(p[0]) == 0x1f && static_cast<unsigned char>(p[1]) == 0x8b &&
         static_cast<unsigned char>(p[2]) == 0x08;
}

}  // namespace

struct WarcReader::Impl {
  WarcReaderOptions options;
  std::string name;  // for messages
  int fd = -1;
  std::string memory;
  bool from_memory = false;
  bool gz = false;

  // Raw input.
  uint64_t raw_pos = 0;  // next raw byte to read from the source
  std::vector<char> in = std::vector<char>(kChunk);
  std::size_t in_pos = 0, in_len = 0;

  // Gzip state.
  Inflater inflater{15 + 16};
  bool in_member = false;
  uint64_t member_start = 0;
  uint64_t member_out = 0;
  std::deque<std::pair<uint64_t, uint64_t>> members;  // (stream pos, raw offset)

  // Decompressed stream.
  std::string buf;
  std::size_t buf_pos = 0;
  uint64_t stream_end = 0;  // stream position just past buf's last byte
  bool eof = false;
  Status pending;  // error raised by Fill()

  enum class Resync { kNone, kRaw, kStream };
  Resync resync = Resync::kNone;
  uint64_t resync_from = 0;  // kRaw: raw offset to scan from
  bool resync_at_line_start = false;  // kStream: see DoStreamResync

  ~Impl() {
    if (fd >= 0) ::close(fd);
  }

  std::size_t ReadRaw(uint64_t offset, char* dst, std::size_t n) {
    if (from_memory) {
      if (offset >= memory.size()) return 0;
      std::size_t take = std::min<uint64_t>(n, memory.size() - offset);
      std::memcpy(dst, memory.data() + offset, take);
      return take;
    }
    while (true) {
      ssize_t got = ::pread(fd, dst, n, static_cast<off_t>(offset));
      if (got < 0 && errno == EINTR) continue;
      return got < 0 ? 0 : static_cast<std::size_t>(got);
    }
  }

  uint64_t RawOffsetOfInput() const { return raw_pos - (in_len - in_pos); }

  // Ensures at least `n` unread raw bytes in `in` if the source has them.
  std::size_t EnsureInput(std::size_t n) {
    if (in_len - in_pos >= n) return in_len - in_pos;
    std::memmove(in.data(), in.data() + in_pos, in_len - in_pos);
    in_len -= in_pos;
    in_pos = 0;
    while (in_len < n) {
      std::size_t got = ReadRaw(raw_pos, in.data() + in_len, in.size() - in_len);
      if (got == 0) break;
      raw_pos += got;
      in_len += got;
    }
    return in_len - in_pos;
  }

  std::size_t Avail() const { return buf.size() - buf_pos; }
  uint64_t Pos() const { return stream_end - Avail(); }

  void Compact() {
    if (buf_pos > 0 && (buf_pos >= buf.size() / 2 || buf_pos > (1u << 20))) {
      buf.erase(0, buf_pos);
      buf_pos = 0;
    }
  }

  std::string At(uint64_t offset) const { return name + " offset " + std::to_string(offset); }

  void FailRaw(Status status, uint64_t resume_from) {
    pending = std::move(status);
    resync = Resync::kRaw;
    resync_from = resume_from;
    in_member = false;
  }

  // Appends at least one decompressed byte to buf. False at the end of input
  // or on error (then `pending` is set).
  bool Fill() {
    if (eof || !pending.ok()) return false;
    Compact();
    if (!gz) {
      std::size_t old = buf.size();
      buf.resize(old + kChunk);
      std::size_t got = ReadRaw(raw_pos, buf.data() + old, kChunk);
      buf.resize(old + got);
      raw_pos += got;
      stream_end += got;
      if (got == 0) eof = true;
      return got > 0;
    }
    while (true) {
      if (!in_member) {
        std::size_t have = EnsureInput(3);
        if (have == 0) {
          eof = true;
          return false;
        }
        if (have < 3 || !IsGzipMagic(in.data() + in_pos)) {
          if (OnlyPaddingLeft()) {
            eof = true;
            return false;
          }
          uint64_t at = RawOffsetOfInput();
          FailRaw(Status::Corruption(At(at) + ": not a gzip member"), at + 1);
          return false;
        }
        member_start = RawOffsetOfInput();
        member_out = 0;
        inflater.Reset();
        in_member = true;
        members.emplace_back(stream_end, member_start);
      }
      if (EnsureInput(1) == 0) {
        FailRaw(Status::Corruption(At(member_start) + ": gzip member is truncated"), member_start + 1);
        eof = true;
        return false;
      }
      z_stream* z = inflater.stream();
      z->next_in = reinterpret_cast<Bytef*>(in.data() + in_pos);
      z->avail_in = static_cast<uInt>(in_len - in_pos);
      std::size_t old = buf.size();
      buf.resize(old + kChunk);
      z->next_out = reinterpret_cast<Bytef*>(buf.data() + old);
      z->avail_out = static_cast<uInt>(kChunk);
      int rc = inflate(z, Z_NO_FLUSH);
      std::size_t produced = kChunk - z->avail_out;
      buf.resize(old + produced);
      in_pos = in_len - z->avail_in;
      stream_end += produced;
      member_out += produced;
      if (member_out > options.max_member_bytes) {
        FailRaw(Status::ResourceExhausted(At(member_start) + ": gzip member inflates past " +
                                          std::to_string(options.max_member_bytes) + " bytes"),
                member_start + 1);
        return false;
      }
      if (rc == Z_STREAM_END) {
        in_member = false;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        FailRaw(Status::Corruption(At(member_start) + ": bad gzip data (" +
                                   (z->msg ? z->msg : "inflate error") + ")"),
                member_start + 1);
        return false;
      }
      if (produced > 0) return true;
    }
  }

  // True if the raw bytes from the current input position on are all NUL
  // (some tools pad files) — then the file simply ends.
  bool OnlyPaddingLeft() {
    uint64_t at = RawOffsetOfInput();
    char chunk[4096];
    while (true) {
      std::size_t got = ReadRaw(at, chunk, sizeof(chunk));
      if (got == 0) return true;
      for (std::size_t i = 0; i < got; ++i) {
        if (chunk[i] != '\0') return false;
      }
      at += got;
    }
  }

  // Raw offset of the next gzip magic at or after `from`, or the file size.
  uint64_t ScanForGzipMagic(uint64_t from) {
    char chunk[kChunk + 2];
    uint64_t at = from;
    while (true) {
      std::size_t got = ReadRaw(at, chunk, sizeof(chunk));
      if (got < 3) return at + got;
      for (std::size_t i = 0; i + 2 < got; ++i) {
        if (IsGzipMagic(chunk + i)) return at + i;
      }
      at += got - 2;
    }
  }

  void DoRawResync() {
    uint64_t next = ScanForGzipMagic(resync_from);
    raw_pos = next;
    in_pos = in_len = 0;
    in_member = false;
    buf.clear();
    buf_pos = 0;
    members.clear();
    pending = Status::Ok();
    eof = false;
  }

  // Consumes decompressed bytes up to the next line that starts with "WARC/".
  // `line_start`: Pos() is at the start of a line that was not the failing
  // record's first line (otherwise the rest of the current line is skipped
  // first, so every resync makes progress).
  bool DoStreamResync(bool line_start) {
    constexpr std::string_view kMagic = "WARC/";
    while (true) {
      std::string_view view(buf.data() + buf_pos, Avail());
      if (line_start) {
        if (view.size() >= kMagic.size()) {
          if (view.substr(0, kMagic.size()) == kMagic) return true;
          line_start = false;
        } else if (view == kMagic.substr(0, view.size())) {
          if (!Fill()) return false;  // need more bytes to decide
          continue;
        } else {
          line_start = false;
        }
      }
      std::size_t nl = view.find('\n');
      if (nl == std::string_view::npos) {
        buf_pos += view.size();
        if (!Fill()) return false;
        continue;
      }
      buf_pos += nl + 1;
      line_start = true;
    }
  }

  Status TakePending() {
    Status out = std::move(pending);
    pending = Status::Ok();
    return out;
  }

  // A record-level error: resume at the next "WARC/" line, unless a
  // gzip-level error caused it (that one is reported and resumes at the next
  // gzip member).
  Status RecordError(Status status, bool at_line_start) {
    if (!pending.ok()) return TakePending();
    resync = Resync::kStream;
    resync_at_line_start = at_line_start;
    return status;
  }

  uint64_t OffsetOf(uint64_t stream_pos) {
    if (!gz) return stream_pos;
    while (members.size() >= 2 && members[1].first <= stream_pos) members.pop_front();
    return members.empty() ? 0 : members.front().second;
  }

  // Reads one line (without CR LF). Returns 1: a line, 0: end of input
  // before any byte, -1: error (pending or too long) / input ended mid-line.
  int ReadLine(std::string_view* line, std::size_t max_len, std::string* storage) {
    std::size_t scanned = 0;
    while (true) {
      std::string_view view(buf.data() + buf_pos, Avail());
      std::size_t nl = view.find('\n', scanned);
      if (nl != std::string_view::npos) {
        storage->assign(view.substr(0, nl));
        buf_pos += nl + 1;
        if (!storage->empty() && storage->back() == '\r') storage->pop_back();
        *line = *storage;
        return 1;
      }
      scanned = view.size();
      if (view.size() > max_len) return -1;
      if (!Fill()) return view.empty() ? 0 : -1;
    }
  }

  // Appends `n` bytes to *out (or drops them when out is null). Returns the
  // number of bytes actually available.
  uint64_t ReadBytes(uint64_t n, std::string* out) {
    uint64_t done = 0;
    while (done < n) {
      if (Avail() == 0 && !Fill()) break;
      std::size_t take = static_cast<std::size_t>(std::min<uint64_t>(Avail(), n - done));
      if (out) out->append(buf.data() + buf_pos, take);
      buf_pos += take;
      done += take;
    }
    return done;
  }

  Result<bool> Next(WarcRecord* record) {
    if (resync == Resync::kRaw) {
      DoRawResync();
    } else if (resync == Resync::kStream) {
      pending = Status::Ok();
      DoStreamResync(resync_at_line_start);
    }
    resync = Resync::kNone;
    if (!pending.ok()) return TakePending();  // the resync scan itself failed

    // Skip blank bytes between records.
    while (true) {
      while (Avail() > 0) {
        char c = buf[buf_pos];
        if (c != '\r' && c != '\n' && c != ' ' && c != '\t') break;
        ++buf_pos;
      }
      if (Avail() > 0) break;
      if (!Fill()) {
        if (!pending.ok()) return TakePending();
        return false;
      }
    }

    uint64_t start = Pos();
    uint64_t offset = OffsetOf(start);
    record->offset = offset;
    record->version.clear();
    record->headers.clear();
    record->block.clear();

    std::string storage;
    std::string_view line;
    int rc = ReadLine(&line, 256, &storage);
    if (rc != 1 || line.substr(0, 5) != "WARC/") {
      return RecordError(Status::Corruption(At(offset) + ": no WARC/ version line"),
                         /*at_line_start=*/rc == 1);
    }
    record->version.assign(line);
    std::size_t header_bytes = line.size();
    while (true) {
      rc = ReadLine(&line, options.max_header_bytes, &storage);
      if (rc != 1) {
        return RecordError(
            Status::Corruption(At(offset) + ": WARC header section is truncated or too long"),
            /*at_line_start=*/false);
      }
      header_bytes += line.size() + 2;
      if (header_bytes > options.max_header_bytes) {
        return RecordError(Status::Corruption(At(offset) + ": WARC header section longer than " +
                                              std::to_string(options.max_header_bytes) + " bytes"),
                           /*at_line_start=*/true);
      }
      if (line.empty()) break;
      if ((line.front() == ' ' || line.front() == '\t') && !record->headers.empty()) {
        record->headers.back().second += ' ';
        record->headers.back().second.append(TrimWs(line));
        continue;
      }
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;  // junk line: tolerated
      record->headers.emplace_back(std::string(TrimWs(line.substr(0, colon))),
                                   std::string(TrimWs(line.substr(colon + 1))));
    }
    std::string_view length_text = record->Header("Content-Length");
    uint64_t length = 0;
    auto [end, ec] =
        std::from_chars(length_text.data(), length_text.data() + length_text.size(), length);
    if (length_text.empty() || ec != std::errc() || end != length_text.data() + length_text.size()) {
      return RecordError(Status::Corruption(At(offset) + ": missing or bad Content-Length"),
                         /*at_line_start=*/true);
    }
    if (length > options.max_record_bytes || length + header_bytes > options.max_record_bytes) {
      uint64_t skipped = ReadBytes(length, nullptr);
      if (skipped < length && !pending.ok()) return TakePending();
      return Status::ResourceExhausted(At(offset) + ": record of " + std::to_string(length) +
                                       " bytes is over the " +
                                       std::to_string(options.max_record_bytes) + "-byte limit");
    }
    record->block.reserve(static_cast<std::size_t>(length));
    uint64_t got = ReadBytes(length, &record->block);
    if (got < length) {
      if (!pending.ok()) return TakePending().WithContext("record at " + At(offset));
      return Status::Corruption(At(offset) + ": record is truncated (" + std::to_string(got) +
                                " of " + std::to_string(length) + " block bytes)");
    }
    return true;
  }
};

WarcReader::WarcReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WarcReader::WarcReader(WarcReader&&) noexcept = default;
WarcReader& WarcReader::operator=(WarcReader&&) noexcept = default;
WarcReader::~WarcReader() = default;

Result<WarcReader> WarcReader::Open(const std::string& path, WarcReaderOptions options) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    std::string msg = "cannot open " + path + ": " + std::strerror(err);
    return err == ENOENT ? Status::NotFound(msg) : Status::IoError(msg);
  }
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->name = path;
  impl->fd = fd;
  char magic[3] = {0, 0, 0};
  impl->gz = impl->ReadRaw(0, magic, 3) == 3 && IsGzipMagic(magic);
  if (impl->gz && !impl->inflater.ok()) return Status::Internal("inflateInit2 failed");
  return WarcReader(std::move(impl));
}

WarcReader WarcReader::FromString(std::string data, WarcReaderOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->name = "<memory>";
  impl->memory = std::move(data);
  impl->from_memory = true;
  impl->gz = impl->memory.size() >= 3 && IsGzipMagic(impl->memory.data());
  return WarcReader(std::move(impl));
}

Result<bool> WarcReader::Next(WarcRecord* record) { return impl_->Next(record); }

bool WarcReader::compressed() const { return impl_->gz; }

}  // namespace newsfacts
