// Re-extraction from WARC files. Contract in newsfacts/warc_ingest.h.
#include "newsfacts/warc_ingest.h"

#include <cctype>
#include <ctime>

#include "ascii.h"
#include "newsfacts/url.h"
#include "newsfacts/warc.h"

namespace newsfacts {
namespace {


bool LooksLikeMarkup(std::string_view body) {
  std::string_view head = body.substr(0, std::min<std::size_t>(body.size(), 1024));
  return ContainsNoCase(head, "<html") || ContainsNoCase(head, "<!doctype html") ||
         ContainsNoCase(head, "<head") || ContainsNoCase(head, "<body");
}

// Page format for a payload, or nullopt when it is not a page.
std::optional<RawDocument::Format> PageFormat(std::string_view content_type,
                                              std::string_view body) {
  std::string_view ct = content_type.substr(0, content_type.find(';'));
  if (ContainsNoCase(ct, "html")) return RawDocument::Format::kHtml;
  if (ContainsNoCase(ct, "text/plain")) return RawDocument::Format::kText;
  if (ct.empty() && LooksLikeMarkup(body)) return RawDocument::Format::kHtml;
  return std::nullopt;
}

std::string DocumentUrl(std::string_view target) {
  Result<std::string> n = NormalizeUrl(target);
  return n.ok() ? *n : std::string(target);
}

void Note(WarcIngestStats* stats, std::string message) {
  if (stats->problems.size() < 20) stats->problems.push_back(std::move(message));
}

}  // namespace

Result<WarcIngestStats> IngestWarcFile(FactStore& store, const std::string& path,
                                       const WarcIngestOptions& options) {
  WarcReaderOptions ro;
  ro.max_record_bytes = std::max<std::uint64_t>(ro.max_record_bytes, options.max_body_bytes + (1 << 20));
  Result<WarcReader> reader = WarcReader::Open(path, ro);
  if (!reader.ok()) return reader.status();
  Ingestor ingestor(store, options.ingest);
  WarcIngestStats stats;
  int in_batch = 0;
  WarcRecord rec;
  while (true) {
    Result<bool> more = reader->Next(&rec);
    if (!more.ok()) {
      ++stats.bad_records;
      Note(&stats, path + ": " + more.status().message());
      if (more.status().code() == Status::Code::kIoError) break;
      continue;
    }
    if (!*more) break;
    ++stats.records;
    const std::string_view type = rec.type();
    RawDocument raw;
    std::string_view content_type;
    if (type == "response") {
      Result<HttpResponse> http = ParseHttpResponse(rec.block, 256u << 20);
      if (!http.ok()) {
        ++stats.bad_records;
        Note(&stats, path + " @" + std::to_string(rec.offset) + ": " + http.status().message());
        continue;
      }
      if (http->status < 200 || http->status > 299) {
        ++stats.skipped;
        continue;
      }
      std::string body = std::move(http->body);
      std::string_view encoding = http->Header("content-encoding");
      if (!encoding.empty()) {
        Result<std::string> decoded = DecodeContentEncoding(body, encoding, options.max_body_bytes);
        if (!decoded.ok()) {
          ++stats.skipped;
          Note(&stats, path + " @" + std::to_string(rec.offset) + ": " + decoded.status().message());
          continue;
        }
        body = std::move(*decoded);
      }
      raw.http_status = http->status;
      raw.content_type = std::string(http->Header("content-type"));
      raw.etag = std::string(http->Header("etag"));
      raw.last_modified = std::string(http->Header("last-modified"));
      raw.bytes = std::move(body);
    } else if (type == "resource") {
      raw.content_type = std::string(rec.Header("content-type"));
      raw.bytes = std::move(rec.block);
    } else {
      ++stats.skipped;
      continue;
    }
    content_type = raw.content_type;
    std::optional<RawDocument::Format> format = PageFormat(content_type, raw.bytes);
    if (!format) {
      ++stats.skipped;
      continue;
    }
    if (raw.bytes.size() > options.max_body_bytes) {
      raw.bytes.resize(options.max_body_bytes);
      raw.truncated = true;
    }
    if (!rec.Header("warc-truncated").empty()) raw.truncated = true;
    raw.format = *format;
    raw.url = DocumentUrl(rec.target_uri());
    if (raw.url.empty()) {
      ++stats.skipped;
      continue;
    }
    raw.fetched_at = std::string(rec.date());
    raw.warc_file = path;
    raw.warc_offset = static_cast<std::int64_t>(rec.offset);

    if (in_batch == 0) NF_RETURN_IF_ERROR(store.Begin());
    ++in_batch;
    Result<IngestOutcome> outcome = ingestor.Ingest(raw);
    if (!outcome.ok()) {
      Status ignored = store.Rollback();
      (void)ignored;
      return outcome.status();
    }
    ++stats.documents;
    switch (outcome->put.outcome) {
      case PutOutcome::kInserted: ++stats.inserted; break;
      case PutOutcome::kReplaced: ++stats.replaced; break;
      case PutOutcome::kUnchanged: ++stats.unchanged; break;
      case PutOutcome::kDuplicate: ++stats.duplicates; break;
    }
    if (outcome->status == "not_article") ++stats.not_articles;
    if (outcome->status == "error") ++stats.extraction_errors;
    stats.figures += outcome->figures;
    stats.facts += outcome->facts;
    if (options.on_document) options.on_document(raw, *outcome);
    if (in_batch >= options.batch) {
      NF_RETURN_IF_ERROR(store.Commit());
      in_batch = 0;
    }
  }
  if (in_batch > 0) NF_RETURN_IF_ERROR(store.Commit());
  return stats;
}

}  // namespace newsfacts
