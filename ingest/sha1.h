// ingest/sha1.h — SHA-1 (FIPS 180-4) and RFC 4648 base32, for WARC digests.
//
//   Sha1 h; h.Update("abc"); Sha1Digest d = h.Final();
//   Base32(d) == "VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5"
//   WarcDigest("abc") == "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5"
//
// WARC-Block-Digest / WARC-Payload-Digest need SHA-1 in base32. The hash is
// OpenSSL's (libcrypto, which libcurl links anyway), checked against the FIPS
// test vectors in tests/ingest/sha1_test.cc. SHA-1 is used here as a content
// label, as the WARC standard does, never for security. Internal to
// newsfacts_ingest.
#ifndef NEWSFACTS_INGEST_SHA1_H_
#define NEWSFACTS_INGEST_SHA1_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX

namespace newsfacts {

using Sha1Digest = std::array<uint8_t, 20>;

class Sha1 {
 public:
  Sha1();
  void Update(std::string_view data);
  // Returns the digest; the object must not be updated afterwards.
  Sha1Digest Final();

 private:
  struct CtxDeleter {
    void operator()(evp_md_ctx_st* ctx) const;
  };
  std::unique_ptr<evp_md_ctx_st, CtxDeleter> ctx_;
};

// RFC 4648 base32, upper-case, with '=' padding (none needed for 20 bytes).
std::string Base32(const uint8_t* data, std::size_t size);
inline std::string Base32(const Sha1Digest& d) { return Base32(d.data(), d.size()); }
std::string HexDigest(const Sha1Digest& d);

// "sha1:" + Base32(SHA-1(data)), the WARC digest form.
std::string WarcDigest(std::string_view data);

}  // namespace newsfacts

#endif  // NEWSFACTS_INGEST_SHA1_H_
