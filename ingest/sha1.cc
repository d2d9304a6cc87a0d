// SHA-1 (OpenSSL's EVP, which uses the CPU's SHA extensions) and base32.
// Contract in sha1.h.
#include "sha1.h"

#include <openssl/evp.h>

#include <cstdlib>

namespace newsfacts {

void Sha1::CtxDeleter::operator()(evp_md_ctx_st* ctx) const { EVP_MD_CTX_free(ctx); }

Sha1::Sha1() : ctx_(EVP_MD_CTX_new()) {
  // Allocation failure or a missing SHA-1 provider leaves no way to label
  // WARC records; both mean a broken installation.
  if (ctx_ == nullptr || EVP_DigestInit_ex(ctx_.get(), EVP_sha1(), nullptr) != 1) std::abort();
}

void Sha1::Update(std::string_view data) {
  if (!data.empty()) EVP_DigestUpdate(ctx_.get(), data.data(), data.size());
}

Sha1Digest Sha1::Final() {
  Sha1Digest d{};
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx_.get(), d.data(), &len);
  return d;
}

std::string Base32(const uint8_t* data, std::size_t size) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  out.reserve((size + 4) / 5 * 8);
  uint64_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < size; ++i) {
    buffer = (buffer << 8) | data[i];
    bits += 8;
    while (bits >= 5) {
      out.push_back(kAlphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (5 - bits)) & 31]);
  while (out.size() % 8 != 0) out.push_back('=');
  return out;
}

std::string HexDigest(const Sha1Digest& d) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : d) {
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  }
  return out;
}

std::string WarcDigest(std::string_view data) {
  Sha1 sha;
  sha.Update(data);
  return "sha1:" + Base32(sha.Final());
}

}  // namespace newsfacts
