#include "newsfacts/fact_store.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ctime>
#include <set>

#include "database.h"
#include "schema.h"

namespace newsfacts {
namespace {

using store::Database;
using store::Savepoint;
using store::Statement;

#define NF_ASSIGN_STMT(var, db, sql)       \
  auto var##_r = (db).Prepare(sql);        \
  if (!var##_r.ok()) return var##_r.status(); \
  Statement& var = **var##_r

std::string AltToJson(const std::vector<AltValue>& alt) {
  if (alt.empty()) return {};
  nlohmann::json arr = nlohmann::json::array();
  for (const AltValue& a : alt) {
    arr.push_back({{"value", a.value}, {"unit", a.unit}, {"resolution", a.resolution}});
  }
  return arr.dump();
}

std::vector<AltValue> AltFromJson(const std::string& text) {
  std::vector<AltValue> out;
  if (text.empty()) return out;
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) return out;
  for (const auto& e : j) {
    if (!e.is_object()) continue;
    AltValue a;
    a.value = e.value("value", 0.0);
    a.unit = e.value("unit", std::string());
    a.resolution = e.value("resolution", 1.0);
    out.push_back(std::move(a));
  }
  return out;
}

std::string AuthorsToJson(const std::vector<std::string>& authors) {
  return nlohmann::json(authors).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Claims (entity, metric, period) of the facts of one article.
Status CollectClaims(Database& db, std::int64_t article_id, std::set<ClaimKey>* out) {
  NF_ASSIGN_STMT(q, db, "SELECT entity, metric, IFNULL(period,'') FROM facts WHERE article_id = ?");
  q.Bind(1, article_id);
  while (q.Step()) out->insert({q.Text(0), q.Text(1), q.Text(2)});
  return q.status();
}

// Adds the articles noted in fts_pending to the full-text index, in one
// statement (see migration 4 in schema.cc), before the transaction commits.
Status IndexPendingText(Database& db) {
  NF_ASSIGN_STMT(any, db, "SELECT EXISTS (SELECT 1 FROM fts_pending)");
  const bool pending = any.Step() && any.Int(0) != 0;
  NF_RETURN_IF_ERROR(any.status());
  any.Reset();
  if (!pending) return Status::Ok();
  NF_ASSIGN_STMT(ins, db,
                 "INSERT INTO articles_fts(rowid, title, text) "
                 "SELECT a.id, a.title, a.text FROM fts_pending p JOIN articles a ON a.id = p.id");
  NF_RETURN_IF_ERROR(ins.Run());
  NF_ASSIGN_STMT(del, db, "DELETE FROM fts_pending");
  return del.Run();
}

Result<std::int64_t> SourceId(Database& db, const DocumentRecord& doc) {
  std::string name = doc.source.empty() ? std::string("unknown") : doc.source;
  NF_ASSIGN_STMT(ins, db,
                 "INSERT INTO sources(name, site_name) VALUES(?, ?) "
                 "ON CONFLICT(name) DO UPDATE SET site_name = COALESCE(excluded.site_name, site_name)");
  ins.Bind(1, name).BindOrNull(2, doc.site_name);
  NF_RETURN_IF_ERROR(ins.Run());
  NF_ASSIGN_STMT(sel, db, "SELECT id FROM sources WHERE name = ?");
  sel.Bind(1, name);
  if (!sel.Step()) return sel.status().ok() ? Status::Internal("source row missing") : sel.status();
  std::int64_t id = sel.Int(0);
  sel.Reset();  // a statement left on its row holds a read snapshot (see ResetStatements)
  return id;
}

Status InsertArticleRows(Database& db, std::int64_t document_id, const IngestRecord& rec,
                         PutResult* result, std::set<ClaimKey>* touched) {
  const Article& a = *rec.article;
  NF_ASSIGN_STMT(ins, db,
                 "INSERT INTO articles(document_id, url, title, lang, published, site, authors, "
                 "page_type, text) VALUES(?,?,?,?,?,?,?,?,?)");
  std::string url = !a.canonical_url.empty() ? a.canonical_url : rec.document.url;
  ins.Bind(1, document_id)
      .Bind(2, url)
      .BindOrNull(3, a.title)
      .BindOrNull(4, a.lang)
      .BindOrNull(5, a.published)
      .BindOrNull(6, a.site)
      .Bind(7, AuthorsToJson(a.authors))
      .BindOrNull(8, a.page_type)
      .Bind(9, a.text);
  NF_RETURN_IF_ERROR(ins.Run());
  const std::int64_t article_id = db.LastInsertId();
  result->article_id = article_id;

  NF_ASSIGN_STMT(fig, db,
                 "INSERT INTO figures(article_id, kind, text, value, low, high, currency, unit, "
                 "qualifier, resolution, chip, vendor, start, end, sentence) "
                 "VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (const Figure& f : rec.figures) {
    fig.Reset();
    fig.Bind(1, article_id)
        .Bind(2, FigureKindName(f.kind))
        .Bind(3, f.text)
        .Bind(4, f.value)
        .Bind(5, f.low)
        .Bind(6, f.high)
        .BindOrNull(7, f.currency)
        .BindOrNull(8, f.unit)
        .BindOrNull(9, QualifierName(f.qualifier))
        .Bind(10, f.resolution)
        .BindOrNull(11, f.chip)
        .BindOrNull(12, f.vendor)
        .Bind(13, static_cast<std::int64_t>(f.start))
        .Bind(14, static_cast<std::int64_t>(f.end))
        .BindNull(15);
    NF_RETURN_IF_ERROR(fig.Run());
  }

  NF_ASSIGN_STMT(attr, db,
                 "INSERT OR IGNORE INTO attributions(article_id, origin, evidence) VALUES(?,?,?)");
  for (const Attribution& at : rec.attributions) {
    attr.Reset();
    std::string evidence;
    if (at.end <= a.text.size() && at.start < at.end) evidence = a.text.substr(at.start, at.end - at.start);
    attr.Bind(1, article_id).Bind(2, at.origin).BindOrNull(3, evidence);
    NF_RETURN_IF_ERROR(attr.Run());
  }

  NF_ASSIGN_STMT(fact, db,
                 "INSERT INTO facts(article_id, entity, metric, period, value, unit, change_pct, "
                 "qualifier, low, high, alt, resolution, modality, confidence, evidence, "
                 "evidence_start, evidence_end, figure_start, figure_end, source, published, lang, "
                 "period_hint) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  for (const Fact& f : rec.facts) {
    fact.Reset();
    fact.Bind(1, article_id)
        .Bind(2, f.entity)
        .Bind(3, f.metric)
        .BindOrNull(4, f.period)
        .Bind(5, f.value)
        .BindOrNull(6, f.unit)
        .Bind(7, f.change_pct)
        .BindOrNull(8, QualifierName(f.qualifier))
        .Bind(9, f.low)
        .Bind(10, f.high)
        .BindOrNull(11, AltToJson(f.alt))
        .Bind(12, f.resolution)
        .Bind(13, ModalityName(f.modality))
        .Bind(14, f.confidence)
        .Bind(15, f.evidence)
        .Bind(16, static_cast<std::int64_t>(f.evidence_start))
        .Bind(17, static_cast<std::int64_t>(f.evidence_end))
        .Bind(18, static_cast<std::int64_t>(f.figure_start))
        .Bind(19, static_cast<std::int64_t>(f.figure_end))
        .Bind(20, f.source.empty() ? url : f.source)
        .BindOrNull(21, f.published.empty() ? a.published : f.published)
        .BindOrNull(22, f.lang.empty() ? a.lang : f.lang)
        .BindOrNull(23, f.period_hint);
    NF_RETURN_IF_ERROR(fact.Run());
    touched->insert({f.entity, f.metric, f.period});
    ++result->facts_written;
  }
  return Status::Ok();
}

// Binds the document columns shared by INSERT and UPDATE (parameters 1..16).
void BindDocument(Statement& s, const DocumentRecord& d, std::int64_t source_id,
                  const std::string& now, const std::string& status, const std::string& error) {
  s.Bind(1, d.url)
      .BindOrNull(2, d.canonical_url)
      .Bind(3, source_id)
      .Bind(4, d.content_hash)
      .Bind(5, static_cast<std::int64_t>(d.size));
  if (d.http_status != 0) {
    s.Bind(6, d.http_status);
  } else {
    s.BindNull(6);
  }
  s.BindOrNull(7, d.content_type)
      .BindOrNull(8, d.etag)
      .BindOrNull(9, d.last_modified)
      .BindOrNull(10, d.charset)
      .BindOrNull(11, d.fetched_at)
      .Bind(12, now)
      .BindOrNull(13, d.warc_file);
  if (d.warc_offset >= 0) {
    s.Bind(14, d.warc_offset);
  } else {
    s.BindNull(14);
  }
  if (d.simhash) {
    s.Bind(15, static_cast<std::int64_t>(*d.simhash));
  } else {
    s.BindNull(15);
  }
  s.Bind(16, status).BindOrNull(17, error);
}

std::string NowIso() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

std::string_view PutOutcomeName(PutOutcome o) {
  switch (o) {
    case PutOutcome::kInserted: return "inserted";
    case PutOutcome::kReplaced: return "replaced";
    case PutOutcome::kUnchanged: return "unchanged";
    case PutOutcome::kDuplicate: return "duplicate";
  }
  return "unknown";
}

FactStore::FactStore(std::unique_ptr<store::Database> db) : db_(std::move(db)) {}
FactStore::~FactStore() = default;

int FactStore::SchemaVersion() { return store::SchemaVersion(); }

Result<std::unique_ptr<FactStore>> FactStore::Open(const std::string& path, Options options) {
  auto db = Database::Open(path, options.read_only, options.busy_timeout_ms);
  if (!db.ok()) return db.status();
  Database& d = **db;
  NF_RETURN_IF_ERROR(d.Exec("PRAGMA foreign_keys = ON"));
  if (!options.read_only) {
    if (path != ":memory:") {
      Status wal = d.Exec("PRAGMA journal_mode = WAL");
      if (!wal.ok()) return wal.WithContext("cannot use " + path + " as a database");
      NF_RETURN_IF_ERROR(d.Exec("PRAGMA synchronous = NORMAL"));
    }
    // A 64 MiB page cache (default 2 MiB): a crawl or ingest updates the
    // same index pages (urls, facts, FTS5) for every article, and re-reading
    // them from the WAL cost more than the extraction of a page.
    NF_RETURN_IF_ERROR(d.Exec("PRAGMA cache_size = -65536"));
    NF_RETURN_IF_ERROR(d.Exec("PRAGMA temp_store = MEMORY"));
    Status m = store::Migrate(d);
    if (!m.ok()) return m;
  } else {
    // Refuse to read a file that is not a newsfacts database.
    auto stmt = d.Prepare("SELECT count(*) FROM sqlite_master WHERE name = 'facts'");
    if (!stmt.ok()) return stmt.status().WithContext(path + " is not a newsfacts database");
    if (!(*stmt)->Step() || (*stmt)->Int(0) == 0) {
      return Status::InvalidArgument(path + " is not a newsfacts database (no facts table)");
    }
    (*stmt)->Reset();
  }
  return std::unique_ptr<FactStore>(new FactStore(std::move(*db)));
}

Result<std::optional<std::string>> FactStore::ContentHashOf(const std::string& url) {
  NF_ASSIGN_STMT(q, *db_, "SELECT content_hash FROM documents WHERE url = ?");
  q.Bind(1, url);
  if (q.Step()) return std::optional<std::string>(q.Text(0));
  NF_RETURN_IF_ERROR(q.status());
  return std::optional<std::string>();
}

Result<PutResult> FactStore::Put(const IngestRecord& rec) {
  Database& db = *db_;
  const DocumentRecord& doc = rec.document;
  if (doc.url.empty()) return Status::InvalidArgument("document without URL");
  if (rec.article && rec.article->text.empty()) {
    return Status::InvalidArgument("article without text: " + doc.url);
  }
  const bool own_transaction = !db.InTransaction();  // then this savepoint is the transaction
  Savepoint sp(db, "put_document");
  NF_RETURN_IF_ERROR(sp.status());

  PutResult result;
  std::set<ClaimKey> touched;
  const std::string now = NowIso();
  auto source_id = SourceId(db, doc);
  if (!source_id.ok()) return source_id.status();

  // 1. Known URL?
  std::int64_t existing_id = 0;
  std::string existing_hash;
  {
    NF_ASSIGN_STMT(q, db, "SELECT id, content_hash FROM documents WHERE url = ?");
    q.Bind(1, doc.url);
    if (q.Step()) {
      existing_id = q.Int(0);
      existing_hash = q.Text(1);
    }
    NF_RETURN_IF_ERROR(q.status());
  }
  if (existing_id != 0 && existing_hash == doc.content_hash) {
    NF_ASSIGN_STMT(u, db,
                   "UPDATE documents SET fetched_at = COALESCE(?, fetched_at), "
                   "etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified) "
                   "WHERE id = ?");
    u.BindOrNull(1, doc.fetched_at).BindOrNull(2, doc.etag).BindOrNull(3, doc.last_modified)
        .Bind(4, existing_id);
    NF_RETURN_IF_ERROR(u.Run());
    NF_RETURN_IF_ERROR(sp.Release());
    result.outcome = PutOutcome::kUnchanged;
    result.document_id = existing_id;
    return result;
  }

  // 2. Same bytes or same canonical URL under another URL: a duplicate.
  std::int64_t duplicate_of = 0;
  if (existing_id == 0) {
    NF_ASSIGN_STMT(q, db,
                   // Three indexed lookups: written with OR, SQLite scanned
                   // the whole table for every new document.
                   "SELECT id FROM ("
                   " SELECT id, duplicate_of, status FROM documents WHERE content_hash = ?1"
                   " UNION ALL SELECT id, duplicate_of, status FROM documents"
                   "  WHERE ?2 IS NOT NULL AND canonical_url = ?2"
                   " UNION ALL SELECT id, duplicate_of, status FROM documents"
                   "  WHERE ?2 IS NOT NULL AND url = ?2"
                   ") WHERE duplicate_of IS NULL AND status != 'error' ORDER BY id LIMIT 1");
    q.Bind(1, doc.content_hash).BindOrNull(2, doc.canonical_url);
    if (q.Step()) duplicate_of = q.Int(0);
    NF_RETURN_IF_ERROR(q.status());
  }

  std::string status = duplicate_of != 0 ? "duplicate" : rec.status;
  if (existing_id != 0) {
    // 3. Same URL, new content: replace the article and everything under it.
    std::int64_t old_article = 0;
    {
      NF_ASSIGN_STMT(q, db, "SELECT id FROM articles WHERE document_id = ?");
      q.Bind(1, existing_id);
      if (q.Step()) old_article = q.Int(0);
      NF_RETURN_IF_ERROR(q.status());
    }
    if (old_article != 0) {
      NF_RETURN_IF_ERROR(CollectClaims(db, old_article, &touched));
      NF_ASSIGN_STMT(del, db, "DELETE FROM articles WHERE id = ?");
      del.Bind(1, old_article);
      NF_RETURN_IF_ERROR(del.Run());
    }
    NF_ASSIGN_STMT(u, db,
                   "UPDATE documents SET url=?1, canonical_url=?2, source_id=?3, content_hash=?4, "
                   "size=?5, http_status=?6, content_type=?7, etag=?8, last_modified=?9, "
                   "charset=?10, fetched_at=?11, ingested_at=?12, warc_file=?13, warc_offset=?14, "
                   "simhash=?15, status=?16, error=?17, duplicate_of=NULL WHERE id=?18");
    BindDocument(u, doc, *source_id, now, status, rec.error);
    u.Bind(18, existing_id);
    NF_RETURN_IF_ERROR(u.Run());
    result.document_id = existing_id;
    result.outcome = PutOutcome::kReplaced;
  } else {
    NF_ASSIGN_STMT(ins, db,
                   "INSERT INTO documents(url, canonical_url, source_id, content_hash, size, "
                   "http_status, content_type, etag, last_modified, charset, fetched_at, "
                   "ingested_at, warc_file, warc_offset, simhash, status, error, duplicate_of) "
                   "VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)");
    BindDocument(ins, doc, *source_id, now, status, rec.error);
    if (duplicate_of != 0) {
      ins.Bind(18, duplicate_of);
    } else {
      ins.BindNull(18);
    }
    NF_RETURN_IF_ERROR(ins.Run());
    result.document_id = db.LastInsertId();
    result.outcome = duplicate_of != 0 ? PutOutcome::kDuplicate : PutOutcome::kInserted;
    result.duplicate_of = duplicate_of;
  }

  if (duplicate_of == 0 && rec.article && rec.status == "ok") {
    NF_RETURN_IF_ERROR(InsertArticleRows(db, result.document_id, rec, &result, &touched));
  }
  // The claims to recompute, recorded with the facts (see pending_claims in
  // schema.cc): a crash after this commit cannot leave them unreconciled.
  if (!touched.empty()) {
    NF_ASSIGN_STMT(pend, db,
                   "INSERT OR IGNORE INTO pending_claims(entity, metric, period) VALUES(?,?,?)");
    for (const ClaimKey& k : touched) {
      pend.Reset();
      pend.Bind(1, k.entity).Bind(2, k.metric).Bind(3, k.period);
      NF_RETURN_IF_ERROR(pend.Run());
    }
  }
  if (own_transaction) {
    NF_RETURN_IF_ERROR(IndexPendingText(db));
    db.ResetStatements();
  }
  NF_RETURN_IF_ERROR(sp.Release());
  result.touched.assign(touched.begin(), touched.end());
  return result;
}

Result<std::vector<StoredFact>> FactStore::Facts(const FactQuery& query) {
  std::string sql =
      "SELECT f.id, f.article_id, a.title, a.site, f.entity, f.metric, IFNULL(f.period,''), "
      "f.value, IFNULL(f.unit,''), f.change_pct, IFNULL(f.qualifier,''), f.low, f.high, "
      "IFNULL(f.alt,''), IFNULL(f.resolution,1), f.modality, IFNULL(f.confidence,0), f.evidence, "
      "IFNULL(f.evidence_start,0), IFNULL(f.evidence_end,0), IFNULL(f.figure_start,0), "
      "IFNULL(f.figure_end,0), f.source, IFNULL(f.published,''), IFNULL(f.lang,''), "
      "IFNULL(f.period_hint,'') "
      "FROM facts f JOIN articles a ON a.id = f.article_id "
      "WHERE (?1 = '' OR f.entity = ?1 COLLATE NOCASE) "
      "AND (?2 = '' OR f.metric = ?2 COLLATE NOCASE) "
      "AND (?3 = '' OR f.period = ?3 OR f.period LIKE ?3 || '-%' OR f.period LIKE ?3 || '..%') "
      "AND (?4 = '' OR instr(f.source, ?4) > 0) "
      "ORDER BY f.entity, f.metric, f.period, f.published, f.source, f.figure_start "
      "LIMIT ?5";
  NF_ASSIGN_STMT(q, *db_, sql);
  q.Bind(1, query.entity)
      .Bind(2, query.metric)
      .Bind(3, query.period)
      .Bind(4, query.source)
      .Bind(5, static_cast<std::int64_t>(query.limit > 0 ? query.limit : -1));
  std::vector<StoredFact> out;
  while (q.Step()) {
    StoredFact s;
    s.id = q.Int(0);
    s.article_id = q.Int(1);
    s.title = q.Text(2);
    s.site = q.Text(3);
    Fact& f = s.fact;
    f.entity = q.Text(4);
    f.metric = q.Text(5);
    f.period = q.Text(6);
    f.value = q.OptDouble(7);
    f.unit = q.Text(8);
    f.change_pct = q.OptDouble(9);
    f.qualifier = QualifierFromName(q.Text(10));
    f.low = q.OptDouble(11);
    f.high = q.OptDouble(12);
    f.alt = AltFromJson(q.Text(13));
    f.resolution = q.Double(14);
    f.modality = ModalityFromName(q.Text(15));
    f.confidence = q.Double(16);
    f.evidence = q.Text(17);
    f.evidence_start = static_cast<std::size_t>(q.Int(18));
    f.evidence_end = static_cast<std::size_t>(q.Int(19));
    f.figure_start = static_cast<std::size_t>(q.Int(20));
    f.figure_end = static_cast<std::size_t>(q.Int(21));
    f.source = q.Text(22);
    f.published = q.Text(23);
    f.lang = q.Text(24);
    f.period_hint = q.Text(25);
    out.push_back(std::move(s));
  }
  NF_RETURN_IF_ERROR(q.status());
  return out;
}

Result<StoreStats> FactStore::Stats() {
  NF_ASSIGN_STMT(q, *db_,
                 "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM articles), "
                 "(SELECT count(*) FROM figures), (SELECT count(*) FROM facts)");
  StoreStats s;
  if (q.Step()) {
    s.documents = q.Int(0);
    s.articles = q.Int(1);
    s.figures = q.Int(2);
    s.facts = q.Int(3);
  }
  NF_RETURN_IF_ERROR(q.status());
  return s;
}

Status FactStore::Begin() { return db_->Exec("BEGIN IMMEDIATE"); }
Status FactStore::Commit() {
  NF_RETURN_IF_ERROR(IndexPendingText(*db_));
  db_->ResetStatements();
  return db_->Exec("COMMIT");
}
Status FactStore::Rollback() { return db_->Exec("ROLLBACK"); }

}  // namespace newsfacts
