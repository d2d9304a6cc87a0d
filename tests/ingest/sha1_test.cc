// Tests for ingest/sha1.cc: FIPS 180 vectors, chunked updates, RFC 4648 base32.
#include "sha1.h"

#include <catch2/catch.hpp>

#include <string>

namespace newsfacts {
namespace {

std::string Hex(std::string_view data) {
  Sha1 sha;
  sha.Update(data);
  return HexDigest(sha.Final());
}

TEST_CASE("sha1: FIPS 180 test vectors", "[ingest]") {
  CHECK(Hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  CHECK(Hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
  CHECK(Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  CHECK(Hex(std::string(1000000, 'a')) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST_CASE("sha1: split updates give the same digest", "[ingest]") {
  std::string data;
  for (int i = 0; i < 1000; ++i) data += static_cast<char>(i * 7 + 3);
  const std::string whole = Hex(data);
  for (std::size_t step : {1u, 3u, 55u, 56u, 63u, 64u, 65u, 127u}) {
    Sha1 sha;
    for (std::size_t pos = 0; pos < data.size(); pos += step) {
      sha.Update(std::string_view(data).substr(pos, step));
    }
    INFO(step);
    CHECK(HexDigest(sha.Final()) == whole);
  }
  // Lengths around the padding boundary.
  CHECK(Hex(std::string(55, 'x')) != Hex(std::string(56, 'x')));
}

TEST_CASE("sha1: base32 and WARC digests", "[ingest]") {
  auto b32 = [](std::string_view s) {
    return Base32(reinterpret_cast<const uint8_t*>(s.data()), s.size());
  };
  CHECK(b32("") == "");
  CHECK(b32("f") == "MY======");
  CHECK(b32("fo") == "MZXQ====");
  CHECK(b32("foobar") == "MZXW6YTBOI======");
  CHECK(WarcDigest("") == "sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ");
  CHECK(WarcDigest("abc") == "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5");
}

}  // namespace
}  // namespace newsfacts
