// Tests for ExtractArticle / ArticleFromText (extract/article*.cc) and the
// `newsfacts article` command.
#include "newsfacts/article.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unicode/ucnv.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>

#include "newsfacts/charset.h"
#include "test_util.h"

namespace newsfacts {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::SourceDir;

fs::path DataDir() { return SourceDir() / "tests" / "data" / "article"; }

bool Contains(const std::string& hay, const std::string& needle) {
  return hay.find(needle) != std::string::npos;
}

Article MustExtract(const std::string& html, ExtractOptions options = {}) {
  Result<Article> a = ExtractArticle(html, options);
  INFO(a.status().ToString());
  REQUIRE(a.ok());
  return *a;
}

ExtractOptions WithUrl(std::string url) {
  ExtractOptions options;
  options.url = std::move(url);
  return options;
}

std::string Para(const std::string& s) { return "<p>" + s + "</p>\n"; }

// A body of real-looking paragraphs (the extractor wants sentences).
std::string Body() {
  return Para("The harbour authority reported record cargo volumes for the third quarter, "
              "driven by container traffic from new shipping lines to the east.") +
         Para("Officials said the expansion of the northern quay, completed in spring, allowed "
              "two additional vessels to berth at the same time during peak weeks.") +
         Para("Trade unions welcomed the figures but warned that staffing levels had not kept "
              "pace with the growth, pointing to overtime hours that doubled since last year.");
}

TEST_CASE("article: extracts the main text of a news page without furniture", "[extract]") {
  std::string html = ReadFile(DataDir() / "news_article.html");
  Article a = MustExtract(html, WithUrl("https://gazette.example/energy/tidal?x=1"));

  CHECK(a.title == "Harbour city opens its first tidal power plant");
  CHECK(a.site == "The Coastal Gazette");
  CHECK(a.published == "2024-03-14T09:30:00+01:00");
  CHECK(a.lang == "en");
  CHECK(a.canonical_url == "https://gazette.example/energy/2024/03/tidal-plant-opens");
  CHECK(a.page_type == "article");
  CHECK(a.charset == "UTF-8");
  REQUIRE(a.authors.size() == 2);
  CHECK(a.authors[0] == "Mara Lindqvist");
  CHECK(a.authors[1] == "Tom Okafor");

  // Every paragraph, in order, separated by blank lines; the sub-heading is a
  // paragraph of its own.
  CHECK(a.text.rfind("The harbour city switched on its first tidal power plant", 0) == 0);
  std::size_t p2 = a.text.find("\n\nThe plant sits at the mouth of the estuary");
  std::size_t h2 = a.text.find("\n\nHow the turbines work\n\n");
  std::size_t last = a.text.find("\n\nThe council expects the plant to pay for itself");
  CHECK(p2 != std::string::npos);
  CHECK(h2 != std::string::npos);
  CHECK(last != std::string::npos);
  CHECK(p2 < h2);
  CHECK(h2 < last);
  CHECK(Contains(a.text, "“We have spent a decade preparing for this day"));

  // None of the furniture.
  for (const char* junk : {"cookies", "Sport", "Opinion", "Advertisement", "Share on Facebook",
                           "Related stories", "Wind farm plans", "fantastic development",
                           "unconvinced", "Storm warning", "All rights reserved", "SCRIPT-LEAK",
                           "STYLE-LEAK", "By Mara", "14 March 2024"}) {
    CAPTURE(junk);
    CHECK_FALSE(Contains(a.text, junk));
  }
}

TEST_CASE("article: a section front is a listing", "[extract]") {
  Article a = MustExtract(ReadFile(DataDir() / "section_listing.html"));
  CHECK(a.page_type == "listing");
}

TEST_CASE("article: title sources and site suffixes", "[extract]") {
  SECTION("<title> with a site suffix") {
    Article a = MustExtract("<html><head><title>Port volumes hit a record high | Harbour News"
                            "</title><meta property='og:site_name' content='Harbour News'></head>"
                            "<body>" + Body() + "</body></html>");
    CHECK(a.title == "Port volumes hit a record high");
  }
  SECTION("og:title with a dash suffix") {
    Article a = MustExtract("<html><head><meta property='og:title' content='Port volumes hit a "
                            "record high - Harbour News'></head><body>" + Body() + "</body></html>",
                            WithUrl("https://harbournews.example/x"));
    CHECK(a.title == "Port volumes hit a record high");
  }
  SECTION("the visible h1 when the metadata agrees") {
    Article a = MustExtract("<html><head><title>Harbour News :: Port volumes hit a record high :: "
                            "Business</title></head><body><h1>Port volumes hit a record high</h1>" +
                            Body() + "</body></html>");
    CHECK(a.title == "Port volumes hit a record high");
    CHECK_FALSE(Contains(a.text, "Port volumes hit a record high"));
  }
}

TEST_CASE("article: publication date sources", "[extract]") {
  auto published = [](const std::string& head, const std::string& body_top) {
    return MustExtract("<html><head>" + head + "</head><body><article>" + body_top + Body() +
                       "</article></body></html>")
        .published;
  };
  CHECK(published("<meta property='article:published_time' content='2024-08-26T13:21:00Z'>", "") ==
        "2024-08-26T13:21:00+00:00");
  CHECK(published("<meta name='pubdate' content='20240826'>", "") == "2024-08-26");
  CHECK(published("<meta name='parsely-pub-date' content='2024-08-26T08:00:00-04:00'>", "") ==
        "2024-08-26T08:00:00-04:00");
  CHECK(published("<meta name='dc.date' content='2024-08-26'>", "") == "2024-08-26");
  CHECK(published("", "<time datetime='2024-08-26T13:21'>Monday</time>") == "2024-08-26T13:21");
  CHECK(published("", "<div class='meta'>Aug 26, 2024</div>") == "2024-08-26");
  CHECK(published("", "<p>Veröffentlicht am 26. August 2024</p>") == "2024-08-26");
  CHECK(published("", "<p>Publié le 26 août 2024</p>") == "2024-08-26");
  CHECK(published("", "<p>2024年8月26日 13:21</p>") == "2024-08-26T13:21");
  CHECK(published("", "").empty());
}

TEST_CASE("article: language from the html tag, else detected", "[extract]") {
  CHECK(MustExtract("<html lang='de-AT'><body>" + Body() + "</body></html>").lang == "de");
  std::string german =
      Para("Die Hafenbehörde meldete für das dritte Quartal ein Rekordvolumen im Güterumschlag, "
           "getrieben vom Containerverkehr neuer Reedereien.") +
      Para("Nach Angaben der Verantwortlichen erlaubte der im Frühjahr fertiggestellte Ausbau des "
           "Nordkais, dass zwei zusätzliche Schiffe gleichzeitig anlegen konnten.");
  CHECK(MustExtract("<html><body>" + german + "</body></html>").lang == "de");
}

TEST_CASE("article: JSON-LD articleBody fills in when the DOM has no text", "[extract]") {
  std::string html =
      "<html><head><script type='application/ld+json'>{\"@type\":\"NewsArticle\","
      "\"headline\":\"Quay reopens\",\"articleBody\":\"The northern quay reopened on Monday after "
      "repairs that took four months and cost more than expected.\\nShipping lines said they would "
      "return to their old schedules within two weeks, according to the port.\"}</script></head>"
      "<body><div id='app'></div></body></html>";
  Article a = MustExtract(html);
  CHECK(a.title == "Quay reopens");
  CHECK(a.text ==
        "The northern quay reopened on Monday after repairs that took four months and cost more "
        "than expected.\n\nShipping lines said they would return to their old schedules within two "
        "weeks, according to the port.");
  CHECK(a.page_type == "article");
}

TEST_CASE("article: the page's charset is honoured", "[extract]") {
  std::string html = "<html><head><meta charset='gbk'></head><body>"
                     "<p>阿里巴巴、腾讯和百度上半年资本开支合计500亿元，去年同期为230亿元。"
                     "这些公司表示，投资重点是购买处理器和与训练大型语言模型相关的基础设施。</p>"
                     "</body></html>";
  UErrorCode status = U_ZERO_ERROR;
  std::string gbk(html.size() * 2, '\0');
  int32_t n = ucnv_convert("GBK", "UTF-8", gbk.data(), static_cast<int32_t>(gbk.size()),
                           html.data(), static_cast<int32_t>(html.size()), &status);
  REQUIRE(U_SUCCESS(status));
  gbk.resize(static_cast<std::size_t>(n));
  Article a = MustExtract(gbk);
  CHECK(a.charset == "GB18030");
  CHECK(Contains(a.text, "阿里巴巴、腾讯和百度上半年资本开支合计500亿元"));
  CHECK(a.lang == "zh");
}

TEST_CASE("article: bad input is rejected or survived, never a crash", "[extract]") {
  SECTION("empty input is InvalidArgument") {
    Result<Article> a = ExtractArticle("", {});
    REQUIRE_FALSE(a.ok());
    CHECK(a.status().code() == Status::Code::kInvalidArgument);
    CHECK(Contains(a.status().message(), "empty"));
    Result<Article> blank = ExtractArticle(" \n\t ", {});
    REQUIRE_FALSE(blank.ok());
    CHECK(blank.status().code() == Status::Code::kInvalidArgument);
  }
  SECTION("markup without text is InvalidArgument") {
    Result<Article> a = ExtractArticle("<html><body><div></div><script>var x=1;</script></body></html>", {});
    REQUIRE_FALSE(a.ok());
    CHECK(a.status().code() == Status::Code::kInvalidArgument);
  }
  SECTION("binary garbage") {
    std::mt19937 rng(7);
    for (int iter = 0; iter < 50; ++iter) {
      std::string bytes(1 + rng() % 5000, '\0');
      for (char& c : bytes) c = static_cast<char>(rng());
      Result<Article> a = ExtractArticle(bytes, {});
      if (a.ok()) {
        CHECK(IsValidUtf8(a->text));
        CHECK(IsValidUtf8(a->title));
      } else {
        CHECK(a.status().code() == Status::Code::kInvalidArgument);
      }
    }
  }
  SECTION("invalid UTF-8 declared as UTF-8") {
    std::string html = "<html><head><meta charset='utf-8'></head><body><p>Caf\xC3 au lait \xFF"
                       "\xFE is served at the harbour café every morning, said the owner, who "
                       "opened it in 1998.</p></body></html>";
    Article a = MustExtract(html);
    CHECK(IsValidUtf8(a.text));
    CHECK(Contains(a.text, "\xEF\xBF\xBD"));
    CHECK(Contains(a.text, "harbour café every morning"));
  }
  SECTION("unclosed tags") {
    std::string html = "<html><body><div><p>The harbour authority reported record cargo volumes, "
                       "driven by container traffic.<p>Officials said the expansion of the quay "
                       "allowed two additional vessels to berth<b>at the same time<i> during peak "
                       "weeks, a first for the port.";
    Article a = MustExtract(html);
    CHECK(Contains(a.text, "record cargo volumes"));
    CHECK(Contains(a.text, "during peak weeks"));
  }
  SECTION("script and style content never reaches the text") {
    std::string html = "<html><head><style>p{}</style></head><body><p>The harbour authority "
                       "reported record cargo volumes, driven by new shipping lines.<script>var "
                       "leak = 'SCRIPTTEXT';</script> Officials welcomed the figures.<style>.a{} "
                       "STYLETEXT</style></p><noscript>NOSCRIPTTEXT</noscript>"
                       "<script type='text/template'><p>TEMPLATETEXT</p></script></body></html>";
    Article a = MustExtract(html);
    CHECK(Contains(a.text, "record cargo volumes"));
    for (const char* leak : {"SCRIPTTEXT", "STYLETEXT", "NOSCRIPTTEXT", "TEMPLATETEXT", "var leak"})
      CHECK_FALSE(Contains(a.text, leak));
  }
}

TEST_CASE("article: 100k nested divs neither overflow the stack nor take long", "[extract]") {
  std::string html = "<html><body>";
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += Body();
  for (int i = 0; i < 100000; ++i) html += "</div>";
  html += "</body></html>";
  auto start = std::chrono::steady_clock::now();
  Article a = MustExtract(html);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(Contains(a.text, "record cargo volumes"));
  CHECK(Contains(a.text, "overtime hours"));
  CHECK(secs < 5.0);
  // The same with elements that are never closed and formatting elements.
  std::string unclosed = "<html><body>";
  for (int i = 0; i < 100000; ++i) unclosed += (i % 2) ? "<span>" : "<b>";
  unclosed += Body();
  Result<Article> b = ExtractArticle(unclosed, {});
  REQUIRE(b.ok());
  CHECK(Contains(b->text, "record cargo volumes"));
}

TEST_CASE("article: a 50 MB page is cut at max_input_bytes before parsing", "[extract]") {
  // The article sits at the start; a marker paragraph sits beyond the cap.
  std::string html = "<html><body><article>" + Body() + "</article>";
  const std::string filler = "<div class='x'><span>filler text in a very large page</span></div>\n";
  while (html.size() < 50u << 20) html += filler;
  html += Para("MARKER beyond the cap: this paragraph is long enough to be article text, with "
               "commas, and sentences.");
  html += "</body></html>";
  ExtractOptions options;
  options.max_input_bytes = 1u << 20;
  auto start = std::chrono::steady_clock::now();
  Article a = MustExtract(html, options);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(Contains(a.text, "record cargo volumes"));
  CHECK_FALSE(Contains(a.text, "MARKER"));
  CHECK(secs < 3.0);
  // The default cap (8 MiB) also keeps the marker out.
  Article d = MustExtract(html);
  CHECK_FALSE(Contains(d.text, "MARKER"));
}

TEST_CASE("article: ArticleFromText handles leading date lines and furniture", "[extract]") {
  SECTION("ISO date line with page furniture") {
    Result<Article> a = ArticleFromText(
        " date 2024-08-26 + ↺ − 16 px\n\nThe harbour authority reported record cargo volumes.\n\n"
        "Officials said the expansion allowed two more vessels to berth.\n\nHarbour.News\n",
        {});
    REQUIRE(a.ok());
    CHECK(a->published == "2024-08-26");
    CHECK(a->text ==
          "The harbour authority reported record cargo volumes.\n\nOfficials said the expansion "
          "allowed two more vessels to berth.");
  }
  SECTION("date that opens the first paragraph") {
    Result<Article> a = ArticleFromText(
        " date 2024-08-27 Faced with rising demand, the port doubled its capacity in 2024.\n"
        "Second paragraph of the story, with more detail.\nPhoto by Jane Roe on Unsplash\n",
        {});
    REQUIRE(a.ok());
    CHECK(a->published == "2024-08-27");
    CHECK(a->text ==
          "Faced with rising demand, the port doubled its capacity in 2024.\n\nSecond paragraph of "
          "the story, with more detail.");
  }
  SECTION("title, subtitle and a date-time line") {
    Result<Article> a = ArticleFromText(
        "Port doubles its capacity\n\nA new quay opens in the north\n\nAug 26, 2024 13:21 414\n\n"
        "Port doubles its capacity  - 1\n\nThe harbour authority reported record volumes, the "
        "paper said.\n\nHinterlasse eine Antwort\n",
        WithUrl("https://www.harbour.example/a"));
    REQUIRE(a.ok());
    CHECK(a->title == "Port doubles its capacity");
    CHECK(a->published == "2024-08-26T13:21");
    CHECK(a->text ==
          "A new quay opens in the north\n\nThe harbour authority reported record volumes, the "
          "paper said.");
    CHECK(a->site == "harbour.example");
    CHECK(a->lang == "en");
  }
  SECTION("German date line") {
    Result<Article> a = ArticleFromText(
        "26. August 2024\nDie Hafenbehörde meldete ein Rekordvolumen im Güterumschlag, getrieben "
        "vom Containerverkehr.\n", {});
    REQUIRE(a.ok());
    CHECK(a->published == "2024-08-26");
    CHECK(a->lang == "de");
  }
  SECTION("empty text") {
    Result<Article> a = ArticleFromText("", {});
    REQUIRE_FALSE(a.ok());
    CHECK(a.status().code() == Status::Code::kInvalidArgument);
  }
}

TEST_CASE("article: ArticleFromText on the seed articles", "[extract][seeds]") {
  fs::path dir = testing::SeedsDir();
  if (!fs::exists(dir)) {
    WARN("seeds not found at " << dir << "; skipping");
    return;
  }
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    ++files;
    std::string name = entry.path().filename().string();
    CAPTURE(name);
    Result<Article> a = ArticleFromText(ReadFile(entry.path()), {});
    REQUIRE(a.ok());
    CHECK(a->text.size() > 500);
    CHECK(IsValidUtf8(a->text));
    CHECK_FALSE(Contains(a->text, " px"));
    CHECK_FALSE(Contains(a->text, "date 2024"));
    CHECK_FALSE(Contains(a->text, "Hinterlasse eine Antwort"));
    CHECK_FALSE(Contains(a->text, "Photo by"));
    if (name.rfind("000_", 0) == 0) CHECK(a->published == "2024-08-26");
    if (name.rfind("001_", 0) == 0) CHECK(a->published == "2024-08-27");
    if (name.rfind("002_", 0) == 0) {
      CHECK(a->published == "2024-08-26T13:21");
      CHECK(a->title == "China invests heavily in artificial intelligence");
      CHECK_FALSE(Contains(a->text, "13:21 414"));
    }
    if (name.rfind("003_", 0) == 0) CHECK(a->lang == "de");
  }
  CHECK(files >= 5);
}

// --- the CLI -----------------------------------------------------------------

std::string RunCommand(const std::string& cmd, int* exit_code) {
  std::string out;
  FILE* pipe = popen(cmd.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buf[4096];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  int status = pclose(pipe);
  *exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

TEST_CASE("article: `newsfacts article FILE` prints one JSON object", "[cli]") {
  int code = 0;
  std::string out = RunCommand(testing::BinaryPath().string() +
                                   " article --url https://gazette.example/energy/tidal " +
                                   (DataDir() / "news_article.html").string(),
                               &code);
  REQUIRE(code == 0);
  nlohmann::json j = nlohmann::json::parse(out);
  CHECK(j["title"] == "Harbour city opens its first tidal power plant");
  CHECK(j["url"] == "https://gazette.example/energy/tidal");
  CHECK(j["canonical_url"] == "https://gazette.example/energy/2024/03/tidal-plant-opens");
  CHECK(j["published"] == "2024-03-14T09:30:00+01:00");
  CHECK(j["lang"] == "en");
  CHECK(j["site"] == "The Coastal Gazette");
  CHECK(j["page_type"] == "article");
  CHECK(j["authors"].size() == 2);
  CHECK(j["text"].get<std::string>().rfind("The harbour city switched on", 0) == 0);
}

TEST_CASE("article: `newsfacts article --batch` answers each line in order", "[cli]") {
  testing::ScopedTempDir tmp;
  fs::path empty = tmp.path() / "empty.html";
  testing::WriteFile(empty, "");
  fs::path input = tmp.path() / "in.jsonl";
  testing::WriteFile(input,
                     "{\"id\":\"a\",\"url\":\"https://gazette.example/x\",\"file\":\"" +
                         (DataDir() / "news_article.html").string() + "\"}\n" +
                         "{\"id\":\"b\",\"url\":\"\",\"file\":\"" + empty.string() + "\"}\n" +
                         "{\"id\":\"c\",\"url\":\"\",\"file\":\"" +
                         (DataDir() / "section_listing.html").string() + "\"}\n");
  int code = 0;
  std::string out = RunCommand(testing::BinaryPath().string() + " -q article --batch < " +
                                   input.string(),
                               &code);
  CHECK(code == 1);  // one input failed
  std::vector<nlohmann::json> lines;
  std::size_t start = 0;
  while (start < out.size()) {
    std::size_t nl = out.find('\n', start);
    lines.push_back(nlohmann::json::parse(out.substr(start, nl - start)));
    start = nl + 1;
  }
  REQUIRE(lines.size() == 3);
  CHECK(lines[0]["id"] == "a");
  CHECK(lines[0]["text"].get<std::string>().size() > 500);
  CHECK(lines[1]["id"] == "b");
  CHECK(lines[1]["text"] == "");
  CHECK(lines[1].contains("error"));
  CHECK(lines[2]["id"] == "c");
  CHECK(lines[2]["page_type"] == "listing");
}

}  // namespace
}  // namespace newsfacts
