#include "newsfacts/ingestor.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "newsfacts/article.h"
#include "newsfacts/attribution.h"
#include "newsfacts/charset.h"
#include "newsfacts/facts.h"
#include "newsfacts/figures.h"
#include "newsfacts/fingerprint.h"
#include "newsfacts/langid.h"
#include "newsfacts/text.h"
#include "newsfacts/url.h"

namespace newsfacts {
namespace fs = std::filesystem;

namespace {

// Host of an http(s) URL, "" for anything else (file:// URIs, garbage).
std::string HostOf(std::string_view url) {
  auto parsed = ParseUrl(url);
  if (!parsed.ok()) return {};
  return parsed->host;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i]) {
      return false;
    }
  }
  return true;
}

bool IsHtmlName(std::string_view name) {
  return EndsWith(name, ".html") || EndsWith(name, ".htm") || EndsWith(name, ".xhtml");
}
bool IsTextName(std::string_view name) { return EndsWith(name, ".txt"); }
// Site metadata that a mirrored site directory holds next to its pages.
bool IsWellKnownSiteFile(std::string_view filename) {
  for (const char* name : {"robots.txt", "ads.txt", "app-ads.txt", "humans.txt", "security.txt",
                           "llms.txt", "sellers.json"}) {
    if (filename == name) return true;
  }
  return false;
}

bool IsWarcName(std::string_view name) {
  return EndsWith(name, ".warc") || EndsWith(name, ".warc.gz");
}

// Decides the publisher key of a document: the host of its canonical URL,
// else of its URL; files without a canonical URL count as one source each
// (their own path), so separate files are separate sources.
std::string SourceKey(const RawDocument& raw, const Article* article) {
  if (article != nullptr && !article->canonical_url.empty()) {
    std::string h = HostOf(article->canonical_url);
    if (!h.empty()) return h;
  }
  std::string h = HostOf(raw.url);
  if (!h.empty()) return h;
  return raw.url;
}

std::string IsoTime(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

std::string FileUri(const std::string& path) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec);
  std::string p = (ec ? fs::path(path) : abs).lexically_normal().string();
  std::string out = "file://";
  static const char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : p) {
    if (std::isalnum(c) || std::strchr("/-._~!$&'()*+,;=:@", c) != nullptr) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

IngestRecord ExtractRecord(const RawDocument& raw, const IngestOptions& options) {
  IngestRecord rec;
  DocumentRecord& doc = rec.document;
  doc.url = raw.url;
  doc.content_hash = ContentHash(raw.bytes);
  doc.size = raw.bytes.size();
  doc.http_status = raw.http_status;
  doc.content_type = raw.content_type;
  doc.etag = raw.etag;
  doc.last_modified = raw.last_modified;
  doc.fetched_at = raw.fetched_at;
  doc.warc_file = raw.warc_file;
  doc.warc_offset = raw.warc_offset;

  ExtractOptions eo;
  eo.url = raw.url;
  eo.content_type = raw.content_type;
  Result<Article> article = raw.format == RawDocument::Format::kText
                                ? ArticleFromText(raw.bytes, eo)
                                : ExtractArticle(raw.bytes, eo);
  if (!article.ok()) {
    rec.status = "error";
    rec.error = article.status().message();
    doc.source = SourceKey(raw, nullptr);
    return rec;
  }
  Article& a = *article;
  if (a.lang.empty() && !raw.lang_hint.empty()) a.lang = raw.lang_hint;
  doc.canonical_url = a.canonical_url;
  doc.charset = a.charset;
  doc.site_name = a.site;
  doc.source = SourceKey(raw, &a);
  doc.simhash = SimHash(a.text);
  const bool is_article = raw.format == RawDocument::Format::kText || a.page_type == "article";
  if (!is_article) rec.status = "not_article";
  if (is_article || options.keep_non_articles) {
    if (!is_article) rec.status = "ok";
    // Normalised and split into sentences once for all three stages.
    const PreparedText prepared =
        PrepareText(a.text, NormalizeLangTag(a.lang.empty() ? DetectLanguage(a.text) : a.lang));
    rec.figures = FigureExtractor::Default().Extract(a.text, prepared.norm, a.lang);
    rec.facts = FactExtractor::Default().Extract(a, rec.figures, prepared);
    rec.attributions = FindAttributions(a.text, a.lang, prepared);
    const std::string& source = a.canonical_url.empty() ? raw.url : a.canonical_url;
    for (Fact& f : rec.facts) {
      if (f.source.empty()) f.source = source;
    }
  }
  rec.article = std::move(a);
  return rec;
}

Ingestor::Ingestor(FactStore& store, IngestOptions options)
    : store_(store), options_(std::move(options)) {}

Result<IngestOutcome> Ingestor::Ingest(const RawDocument& raw) {
  IngestOutcome outcome;
  // Skip all extraction work for a document we already hold unchanged.
  auto known = store_.ContentHashOf(raw.url);
  if (!known.ok()) return known.status();
  if (known->has_value() && **known == ContentHash(raw.bytes)) {
    IngestRecord rec;
    rec.document.url = raw.url;
    rec.document.content_hash = **known;
    rec.document.size = raw.bytes.size();
    rec.document.fetched_at = raw.fetched_at;
    rec.document.etag = raw.etag;
    rec.document.last_modified = raw.last_modified;
    auto put = store_.Put(rec);
    if (!put.ok()) return put.status();
    outcome.put = std::move(*put);
    outcome.status = "ok";
    return outcome;
  }
  IngestRecord rec = ExtractRecord(raw, options_);
  auto put = store_.Put(rec);
  if (!put.ok()) return put.status().WithContext(raw.url);
  outcome.put = std::move(*put);
  outcome.status = rec.status;
  outcome.error = rec.error;
  if (rec.article) outcome.title = rec.article->title;
  if (outcome.put.outcome != PutOutcome::kDuplicate) {
    outcome.figures = static_cast<int>(rec.figures.size());
    outcome.facts = outcome.put.facts_written;
  }
  return outcome;
}

Result<std::vector<std::string>> ListInputs(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec || !fs::exists(st)) return Status::NotFound(p + ": no such file or directory");
    if (fs::is_directory(st)) {
      std::vector<std::string> found;
      fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec);
      if (ec) return Status::IoError(p + ": " + ec.message());
      for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) return Status::IoError(p + ": " + ec.message());
        if (!it->is_regular_file(ec)) continue;
        std::string name = it->path().string();
        if (IsWellKnownSiteFile(it->path().filename().string())) continue;
        if (IsHtmlName(name) || IsTextName(name) || IsWarcName(name)) found.push_back(name);
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else {
      out.push_back(p);
    }
  }
  return out;
}

Result<RawDocument> ReadInput(const std::string& path, std::uint64_t max_bytes) {
  RawDocument raw;
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": " + std::strerror(errno));
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) raw.fetched_at = IsoTime(st.st_mtime);
  raw.bytes.resize(static_cast<std::size_t>(
      std::min<std::uint64_t>(max_bytes, st.st_size > 0 ? static_cast<std::uint64_t>(st.st_size) : max_bytes)));
  in.read(raw.bytes.data(), static_cast<std::streamsize>(raw.bytes.size()));
  raw.bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (in.bad()) return Status::IoError(path + ": read failed");
  raw.truncated = static_cast<std::uint64_t>(st.st_size) > max_bytes;
  raw.url = FileUri(path);
  if (IsHtmlName(path)) {
    raw.format = RawDocument::Format::kHtml;
  } else if (IsTextName(path)) {
    raw.format = RawDocument::Format::kText;
  } else {
    // Named explicitly with another extension: sniff for markup.
    std::string_view head(raw.bytes.data(), std::min<std::size_t>(raw.bytes.size(), 1024));
    bool markup = head.find("<html") != std::string_view::npos ||
                  head.find("<HTML") != std::string_view::npos ||
                  head.find("<!DOCTYPE") != std::string_view::npos ||
                  head.find("<!doctype") != std::string_view::npos;
    raw.format = markup ? RawDocument::Format::kHtml : RawDocument::Format::kText;
  }
  return raw;
}

}  // namespace newsfacts
