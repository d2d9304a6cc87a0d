// zlib wrappers. Contract in gzip.h.
#include "gzip.h"

#include <algorithm>
#include <memory>
#include <utility>

namespace newsfacts {

Inflater::Inflater(int window_bits) {
  ok_ = inflateInit2(&stream_, window_bits) == Z_OK;
}

Inflater::~Inflater() {
  if (ok_) inflateEnd(&stream_);
}

Inflater::Inflater(Inflater&& other) noexcept : stream_(other.stream_), ok_(other.ok_) {
  other.ok_ = false;
  other.stream_ = z_stream{};
}

Inflater& Inflater::operator=(Inflater&& other) noexcept {
  if (this != &other) {
    if (ok_) inflateEnd(&stream_);
    stream_ = other.stream_;
    ok_ = other.ok_;
    other.ok_ = false;
    other.stream_ = z_stream{};
  }
  return *this;
}

namespace {

// A deflate stream producing gzip members, reused per thread (deflateInit2
// allocates ~256 KiB; deflateReset is cheap).
class Deflater {
 public:
  explicit Deflater(int level) : level_(level) {
    ok_ = deflateInit2(&stream_, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK;
  }
  ~Deflater() {
    if (ok_) deflateEnd(&stream_);
  }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;
  bool ok() const { return ok_; }
  int level() const { return level_; }
  z_stream* stream() { return &stream_; }

 private:
  z_stream stream_{};
  int level_;
  bool ok_ = false;
};

}  // namespace

Status AppendGzipMember(std::string_view data, int level, std::string* out) {
  level = std::clamp(level, 1, 9);
  thread_local std::unique_ptr<Deflater> deflater;
  if (!deflater || deflater->level() != level) deflater = std::make_unique<Deflater>(level);
  if (!deflater->ok()) return Status::Internal("deflateInit2 failed");
  z_stream* z = deflater->stream();
  deflateReset(z);
  std::size_t start = out->size();
  uLong bound = deflateBound(z, static_cast<uLong>(data.size()));
  out->resize(start + bound + 64);
  z->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z->avail_in = static_cast<uInt>(data.size());
  z->next_out = reinterpret_cast<Bytef*>(out->data() + start);
  z->avail_out = static_cast<uInt>(out->size() - start);
  int rc = deflate(z, Z_FINISH);
  if (rc != Z_STREAM_END) {
    out->resize(start);
    return Status::Internal("deflate did not finish the gzip member");
  }
  out->resize(out->size() - z->avail_out);
  return Status::Ok();
}

Result<std::string> InflateAll(std::string_view data, int window_bits, std::size_t max_bytes,
                               bool multi_member) {
  Inflater inflater(window_bits);
  if (!inflater.ok()) return Status::Internal("inflateInit2 failed");
  z_stream* z = inflater.stream();
  std::string out;
  z->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z->avail_in = static_cast<uInt>(data.size());
  char buf[64 * 1024];
  while (true) {
    z->next_out = reinterpret_cast<Bytef*>(buf);
    z->avail_out = sizeof(buf);
    int rc = inflate(z, Z_NO_FLUSH);
    std::size_t produced = sizeof(buf) - z->avail_out;
    if (out.size() + produced > max_bytes) {
      return Status::ResourceExhausted("decoded body larger than " + std::to_string(max_bytes) +
                                       " bytes");
    }
    out.append(buf, produced);
    if (rc == Z_STREAM_END) {
      if (multi_member && z->avail_in >= 2 && z->next_in[0] == 0x1f && z->next_in[1] == 0x8b) {
        inflater.Reset();
        continue;
      }
      return out;
    }
    if (rc == Z_BUF_ERROR && z->avail_in == 0) {
      return Status::Corruption("compressed data ends early");
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      return Status::Corruption(std::string("bad compressed data: ") + (z->msg ? z->msg : "?"));
    }
  }
}

}  // namespace newsfacts
