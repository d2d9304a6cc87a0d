// newsfacts/status.h — how newsfacts reports expected failures.
//
// A Status is either OK or carries a code and a one-line message meant for a
// human ("cannot open corpus/x.html: No such file or directory"). Result<T>
// holds either a T or the Status explaining why there is none. Both are
// [[nodiscard]]: a caller must look at them.
//
// Expected failures (a 404, a timeout, a page that is not HTML, a busy
// database, a figure that will not parse) come back as values. Exceptions are
// reserved for bugs and resource exhaustion. Only `main` turns a Status into a
// message on stderr and an exit code.
//
// Thread-safety: plain values; copy freely.
#ifndef NEWSFACTS_STATUS_H_
#define NEWSFACTS_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace newsfacts {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // the caller's input is wrong (bad flag, malformed file)
    kNotFound,         // file, row or URL does not exist
    kIoError,          // OS or network failure
    kCorruption,       // stored data is inconsistent
    kUnavailable,      // try again later (busy database, 503, robots 5xx)
    kResourceExhausted,// a size or time cap was hit
    kUnsupported,      // a scheme, charset or format we do not handle
    kInternal,         // a bug: should not happen
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) { return Status(Code::kInvalidArgument, std::move(msg)); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status IoError(std::string msg) { return Status(Code::kIoError, std::move(msg)); }
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }
  static Status Unavailable(std::string msg) { return Status(Code::kUnavailable, std::move(msg)); }
  static Status ResourceExhausted(std::string msg) {
    return Status(Code::kResourceExhausted, std::move(msg));
  }
  static Status Unsupported(std::string msg) { return Status(Code::kUnsupported, std::move(msg)); }
  static Status Internal(std::string msg) { return Status(Code::kInternal, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsUnavailable() const { return code_ == Code::kUnavailable; }

  // "invalid argument: <message>", or "OK".
  std::string ToString() const;
  static std::string_view CodeName(Code code);

  // Returns a copy whose message is "<prefix>: <message>" (no-op when OK).
  Status WithContext(std::string_view prefix) const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Holds a value or the non-OK Status saying why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}                    // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) { assert(!status_.ok()); }  // NOLINT

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace newsfacts

// Returns early from the enclosing function when `expr` is not OK.
#define NF_RETURN_IF_ERROR(expr)                  \
  do {                                            \
    ::newsfacts::Status nf_status_ = (expr);      \
    if (!nf_status_.ok()) return nf_status_;      \
  } while (0)

#endif  // NEWSFACTS_STATUS_H_
