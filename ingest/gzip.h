// ingest/gzip.h — RAII zlib streams for HTTP content coding, gzip members
// (igzip or zlib) for WARC records.
// Internal to newsfacts_ingest. Thread-safety: one object per thread.
#ifndef NEWSFACTS_INGEST_GZIP_H_
#define NEWSFACTS_INGEST_GZIP_H_

#include <zlib.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "newsfacts/status.h"

namespace newsfacts {

// A z_stream set up for inflate; inflateEnd on destruction. Move-only.
class Inflater {
 public:
  // window_bits as for inflateInit2: 15+16 gzip, 15 zlib, -15 raw, 15+32 auto.
  explicit Inflater(int window_bits);
  ~Inflater();
  Inflater(Inflater&& other) noexcept;
  Inflater& operator=(Inflater&& other) noexcept;
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  bool ok() const { return ok_; }
  z_stream* stream() { return &stream_; }
  void Reset() { inflateReset(&stream_); }

 private:
  z_stream stream_{};
  bool ok_ = false;
};

// Levels up to this one compress with ISA-L's igzip (its levels 1-3), higher
// ones with zlib.
inline constexpr int kIgzipMaxLevel = 3;

// Appends `data` compressed as one complete gzip member to `*out`. `level` is
// 1 (fastest) to 9 (smallest): 1-3 igzip, 4-9 zlib.
Status AppendGzipMember(std::string_view data, int level, std::string* out);

// Inflates `data` (window_bits as above), following concatenated gzip members
// when `multi_member`; fails past `max_bytes` of output.
Result<std::string> InflateAll(std::string_view data, int window_bits, std::size_t max_bytes,
                               bool multi_member);

}  // namespace newsfacts

#endif  // NEWSFACTS_INGEST_GZIP_H_
