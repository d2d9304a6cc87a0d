// The database schema, as an ordered list of migrations.
//
// `PRAGMA user_version` records how many migrations have been applied. Each
// migration runs in its own transaction; a database written by a newer
// newsfacts (user_version larger than we know) is refused rather than
// silently misread. Never edit a migration that has shipped: append a new one.
// The README's "Database schema" section documents the resulting tables.
#include "schema.h"

#include <string>

namespace newsfacts::store {
namespace {

// Migration 1: documents, articles, figures, facts, full-text search.
constexpr const char* kMigration1 = R"sql(
CREATE TABLE sources (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,      -- publisher key: host name, or "file"
  site_name   TEXT,                      -- human name (og:site_name), if known
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE documents (
  id             INTEGER PRIMARY KEY,
  url            TEXT NOT NULL UNIQUE,   -- where the bytes came from (http(s) URL or file:// URI)
  canonical_url  TEXT,                   -- <link rel=canonical>, absolute
  source_id      INTEGER REFERENCES sources(id),
  content_hash   TEXT NOT NULL,          -- XXH3-128 of the raw bytes, hex
  size           INTEGER NOT NULL,
  http_status    INTEGER,
  content_type   TEXT,
  etag           TEXT,
  last_modified  TEXT,
  charset        TEXT,
  fetched_at     TEXT,                   -- when fetched (crawl) or file mtime (ingest)
  ingested_at    TEXT NOT NULL,
  warc_file      TEXT,                   -- raw response kept here, if any
  warc_offset    INTEGER,
  simhash        INTEGER,                -- 64-bit SimHash of the article text (near-duplicates)
  duplicate_of   INTEGER REFERENCES documents(id),  -- same content or canonical as an earlier document
  status         TEXT NOT NULL DEFAULT 'ok',        -- ok | duplicate | not_article | error
  error          TEXT                    -- why extraction failed, when status = 'error'
);
CREATE INDEX documents_hash ON documents(content_hash);
CREATE INDEX documents_canonical ON documents(canonical_url);

CREATE TABLE articles (
  id             INTEGER PRIMARY KEY,
  document_id    INTEGER NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
  url            TEXT NOT NULL,          -- canonical URL if known, else the document URL
  title          TEXT,
  lang           TEXT,
  published      TEXT,                   -- ISO 8601
  site           TEXT,
  authors        TEXT,                   -- JSON array of names
  page_type      TEXT,
  text           TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);

CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text, content='articles', content_rowid='id', tokenize='unicode61');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TABLE figures (
  id          INTEGER PRIMARY KEY,
  article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,             -- money | percent | number | chip
  text        TEXT NOT NULL,             -- surface form
  value       REAL,
  low         REAL,
  high        REAL,
  currency    TEXT,
  unit        TEXT,
  qualifier   TEXT,                      -- over | under | about
  resolution  REAL,
  chip        TEXT,
  vendor      TEXT,
  start       INTEGER NOT NULL,          -- byte offsets into articles.text
  end         INTEGER NOT NULL,
  sentence    TEXT                       -- the sentence it occurs in
);
CREATE INDEX figures_article ON figures(article_id);

CREATE TABLE facts (
  id              INTEGER PRIMARY KEY,
  article_id      INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  entity          TEXT NOT NULL,
  metric          TEXT NOT NULL,
  period          TEXT,                  -- NULL when the text gives none
  period_hint     TEXT,                  -- undated articles: what the text said ("H1", "H1-1y")
  value           REAL,                  -- NULL for change-only statements
  unit            TEXT,
  change_pct      REAL,
  qualifier       TEXT,
  low             REAL,
  high            REAL,
  alt             TEXT,                  -- JSON [{"value","unit"}]: stated conversions
  resolution      REAL,
  modality        TEXT NOT NULL DEFAULT 'actual',   -- actual | forecast | plan
  confidence      REAL,
  evidence        TEXT NOT NULL,         -- the sentence, as in the article
  evidence_start  INTEGER,
  evidence_end    INTEGER,
  figure_start    INTEGER,
  figure_end      INTEGER,
  source          TEXT NOT NULL,         -- article URL
  published       TEXT,
  lang            TEXT
);
CREATE INDEX facts_claim ON facts(entity, metric, period);
CREATE INDEX facts_article ON facts(article_id);

CREATE TABLE attributions (
  article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  origin      TEXT NOT NULL,             -- organisation cited as the source ("Financial Times")
  evidence    TEXT,                      -- the sentence that cites it
  PRIMARY KEY (article_id, origin)
);

-- Written by the reconciler (newsfacts reconcile; after every ingest/crawl).
CREATE TABLE origins (
  article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  origin      TEXT NOT NULL,             -- independent origin this article relays
  reason      TEXT NOT NULL              -- attribution | near-duplicate | shared-figures | own
);
CREATE TABLE claims (
  id               INTEGER PRIMARY KEY,
  entity           TEXT NOT NULL,
  metric           TEXT NOT NULL,
  period           TEXT NOT NULL DEFAULT '',   -- '' when unknown
  measure          TEXT NOT NULL,              -- value | change
  value            REAL,                       -- best-supported value
  unit             TEXT,
  status           TEXT NOT NULL,              -- agree | minor | conflict
  modality         TEXT NOT NULL,
  confidence       REAL,
  sources          INTEGER NOT NULL,           -- articles
  origins          INTEGER NOT NULL,           -- independent origins
  period_inferred  INTEGER NOT NULL DEFAULT 0,
  explanation      TEXT,
  UNIQUE (entity, metric, period, measure)
);
CREATE TABLE claim_values (
  claim_id     INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  value        REAL,
  unit         TEXT,
  qualifier    TEXT,
  low          REAL,
  high         REAL,
  probability  REAL,
  origins      INTEGER,
  sources      TEXT NOT NULL,                 -- JSON array of article URLs
  facts        TEXT NOT NULL                  -- JSON array of facts.id (evidence: facts.evidence)
);
CREATE INDEX claim_values_claim ON claim_values(claim_id);
CREATE TABLE conflicts (
  id           INTEGER PRIMARY KEY,
  entity       TEXT NOT NULL,
  metric       TEXT NOT NULL,
  period       TEXT NOT NULL DEFAULT '',
  kind         TEXT NOT NULL,                 -- minor | conflict | period | modality | arithmetic
  explanation  TEXT NOT NULL,
  detail       TEXT NOT NULL                  -- JSON array of the values compared, with facts.id lists
);
CREATE INDEX conflicts_entity ON conflicts(entity);
CREATE TABLE checks (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL,                 -- sum | change | fx
  entity       TEXT NOT NULL,
  metric       TEXT NOT NULL,
  period       TEXT NOT NULL DEFAULT '',
  consistent   INTEGER NOT NULL,
  expected     REAL,
  actual       REAL,
  unit         TEXT,
  explanation  TEXT NOT NULL
);
CREATE INDEX checks_entity ON checks(entity);
CREATE TABLE source_trust (
  source    TEXT PRIMARY KEY,                 -- publisher (host) or file
  accuracy  REAL NOT NULL,                    -- estimated by truth discovery
  claims    INTEGER NOT NULL
);
)sql";

// Migration 2: the crawler's state (crawl_state.h): source schedule, hosts
// (robots.txt cache, back-off), frontier (one row per normalised URL) and the
// fetch log. Times in INTEGER columns are unix seconds.
constexpr const char* kMigrationCrawlState = R"sql(
CREATE TABLE crawl_sources (
  name           TEXT PRIMARY KEY,        -- [[source]] name in the config ("seeds" for --seed)
  interval_s     INTEGER NOT NULL,        -- recrawl interval
  next_due       INTEGER NOT NULL DEFAULT 0,
  last_started   INTEGER,
  last_finished  INTEGER
);

CREATE TABLE crawl_hosts (
  host                      TEXT PRIMARY KEY,   -- "host:port"
  robots_status             INTEGER,            -- HTTP status of /robots.txt; 0 unreachable; NULL never fetched
  robots_body               TEXT,
  robots_fetched            INTEGER,
  robots_expires            INTEGER,
  robots_failures           INTEGER NOT NULL DEFAULT 0,
  robots_unreachable_since  INTEGER,
  failures                  INTEGER NOT NULL DEFAULT 0,  -- consecutive failed fetches
  backoff_until             INTEGER NOT NULL DEFAULT 0,
  pages                     INTEGER NOT NULL DEFAULT 0   -- pages fetched (per-host budget)
);

CREATE TABLE crawl_frontier (
  id             INTEGER PRIMARY KEY,
  url            TEXT NOT NULL UNIQUE,    -- normalised URL
  url_hash       INTEGER NOT NULL,        -- 64-bit hash of url (in-memory seen set)
  host           TEXT NOT NULL,           -- "host:port"
  source         TEXT NOT NULL,
  depth          INTEGER NOT NULL DEFAULT 0,
  redirects      INTEGER NOT NULL DEFAULT 0,
  via            TEXT,                    -- page the URL was found on
  state          TEXT NOT NULL DEFAULT 'queued',  -- queued | done | failed | skipped
  attempts       INTEGER NOT NULL DEFAULT 0,
  not_before     INTEGER NOT NULL DEFAULT 0,
  etag           TEXT,
  last_modified  TEXT,
  content_hash   TEXT,
  http_status    INTEGER,
  reason         TEXT,                    -- why failed or skipped
  fetched_at     TEXT,
  discovered_at  TEXT NOT NULL
);
CREATE INDEX crawl_frontier_queued ON crawl_frontier(host, id) WHERE state = 'queued';

CREATE TABLE crawl_log (
  id           INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,             -- ISO 8601 UTC
  url          TEXT NOT NULL,
  host         TEXT NOT NULL,
  source       TEXT,
  kind         TEXT,                      -- page | feed | sitemap | robots
  http_status  INTEGER,                   -- NULL: no HTTP answer
  outcome      TEXT NOT NULL,             -- stored | unchanged | not_modified | duplicate | discovered
                                          -- | redirect | retry | failed | skipped
  reason       TEXT,                      -- timeout, robots, ssrf, http 503, too large, ...
  bytes        INTEGER,
  ms           INTEGER,
  attempt      INTEGER
);
CREATE INDEX crawl_log_at ON crawl_log(at);
CREATE INDEX crawl_log_host ON crawl_log(host);
)sql";

// Migration 3: claims whose facts changed since they were last reconciled.
// FactStore::Put adds rows in the same transaction as the facts; the
// reconciler deletes them in the same transaction as the claims it rewrites.
// So a process killed between storing facts and reconciling them leaves its
// work here, and the next reconcile (any crawl, ingest or `reconcile`)
// finishes it.
constexpr const char* kMigrationPendingClaims = R"sql(
CREATE TABLE pending_claims (
  entity  TEXT NOT NULL,
  metric  TEXT NOT NULL,
  period  TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (entity, metric, period)
) WITHOUT ROWID;
INSERT OR IGNORE INTO pending_claims(entity, metric, period)
  SELECT DISTINCT f.entity, f.metric, IFNULL(f.period, '') FROM facts f
  WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.entity = f.entity AND c.metric = f.metric
                    AND c.period = IFNULL(f.period, ''));
)sql";

// Migration 4: the full-text index is brought up to date once per
// transaction, not per article. FTS5 writes its pending terms to disk at
// every savepoint, and FactStore::Put opens one per document, so indexing in
// the insert trigger wrote one small segment per article (and merged them):
// 11% of the CPU of an ingest. Now the trigger only notes the article in
// fts_pending; FactStore indexes what is pending in one statement before it
// commits. Rows deleted or changed before that are simply dropped from
// fts_pending; rows already indexed are removed from the index as before.
constexpr const char* kMigrationFtsPending = R"sql(
CREATE TABLE fts_pending (
  id  INTEGER PRIMARY KEY              -- articles.id not yet in articles_fts
);
DROP TRIGGER articles_fts_insert;
DROP TRIGGER articles_fts_delete;
DROP TRIGGER articles_fts_update;
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT OR IGNORE INTO fts_pending(id) VALUES (new.id);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text)
    SELECT 'delete', old.id, old.title, old.text
    WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE id = old.id);
  DELETE FROM fts_pending WHERE id = old.id;
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text)
    SELECT 'delete', old.id, old.title, old.text
    WHERE NOT EXISTS (SELECT 1 FROM fts_pending WHERE id = old.id);
  DELETE FROM fts_pending WHERE id = old.id;
  INSERT OR IGNORE INTO fts_pending(id) VALUES (new.id);
END;
)sql";

// Add new migrations at the end of this list.
constexpr const char* kMigrations[] = {
    kMigration1,
    kMigrationCrawlState,
    kMigrationPendingClaims,
    kMigrationFtsPending,
};
constexpr int kMigrationCount = sizeof(kMigrations) / sizeof(kMigrations[0]);

Result<int> UserVersion(Database& db) {
  auto stmt = db.Prepare("PRAGMA user_version");
  if (!stmt.ok()) return stmt.status();
  Statement* s = *stmt;
  int version = s->Step() ? static_cast<int>(s->Int(0)) : 0;
  NF_RETURN_IF_ERROR(s->status());
  s->Reset();
  return version;
}

}  // namespace

int SchemaVersion() { return kMigrationCount; }

Status Migrate(Database& db) {
  auto version = UserVersion(db);
  if (!version.ok()) return version.status();
  if (*version > kMigrationCount) {
    return Status::Unsupported("database " + db.path() + " has schema version " +
                               std::to_string(*version) + ", newer than this newsfacts (" +
                               std::to_string(kMigrationCount) + "); upgrade newsfacts");
  }
  for (int v = *version; v < kMigrationCount; ++v) {
    NF_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
    Status s = db.Exec(kMigrations[v]);
    if (s.ok()) s = db.Exec("PRAGMA user_version = " + std::to_string(v + 1));
    if (!s.ok()) {
      Status ignored = db.Exec("ROLLBACK");
      (void)ignored;
      return s.WithContext("migration " + std::to_string(v + 1));
    }
    NF_RETURN_IF_ERROR(db.Exec("COMMIT"));
  }
  return Status::Ok();
}

}  // namespace newsfacts::store
