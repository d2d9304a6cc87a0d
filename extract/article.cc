// ExtractArticle and ArticleFromText (see newsfacts/article.h): the glue
// between decoding, the HTML prescan, Gumbo, metadata and body extraction.
#include "newsfacts/article.h"

#include <algorithm>

#include "article_internal.h"
#include "dates.h"
#include "html_prescan.h"
#include "newsfacts/charset.h"
#include "newsfacts/langid.h"

namespace newsfacts {
namespace {

using internal::FindDate;
using internal::FoldForCompare;
using internal::IsFurnitureLine;

// Bytes of text handed to the language detector.
constexpr std::size_t kLangSampleBytes = 8 * 1024;

bool IsBlank(std::string_view s) {
  for (char c : s)
    if (!(c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v')) return false;
  return true;
}

std::string_view TrimView(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string Join(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const std::string& p : paragraphs) {
    if (p.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += p;
  }
  return out;
}

// A string cut at `max` bytes without splitting a UTF-8 sequence.
std::string_view CutUtf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
}

std::string HostName(std::string_view url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  std::string host(rest.substr(0, rest.find_first_of("/?#:")));
  for (char& c : host)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  if (host.compare(0, 4, "www.") == 0) host.erase(0, 4);
  return host;
}

int CountWords(std::string_view s) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    bool sp = c == ' ' || c == '\t';
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

int CountLetters(std::string_view s) {
  int n = 0;
  for (char c : s) n += ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (static_cast<unsigned char>(c) >= 0x80);
  return n;
}

bool EndsLikeSentence(std::string_view s) {
  while (!s.empty() && (s.back() == '"' || s.back() == '\'' || s.back() == ')')) s.remove_suffix(1);
  if (s.empty()) return false;
  char c = s.back();
  if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == ',') return true;
  // 。！？ and closing curly quotes
  return s.size() >= 3 && (s.substr(s.size() - 3) == "\xE3\x80\x82" ||
                           s.substr(s.size() - 3) == "\xEF\xBC\x81" ||
                           s.substr(s.size() - 3) == "\xEF\xBC\x9F" ||
                           s.substr(s.size() - 3) == "\xE2\x80\x9D");
}

// Text of an articleBody that may carry HTML markup: tags dropped, block
// ends turned into paragraph breaks, entities left to the parser.
std::vector<std::string> ParagraphsFromJsonLdBody(std::string_view body) {
  std::vector<std::string> out;
  if (body.find('<') != std::string_view::npos) {
    internal::PrescannedHtml pre = internal::PrescanHtml(body, 256);
    auto doc = internal::HtmlDocument::Parse("<html><body>" + pre.html + "</body></html>",
                                             std::move(pre.segments));
    internal::BodyHints hints;
    internal::BodyResult r = internal::ExtractBody(*doc, hints);
    return r.paragraphs;
  }
  std::size_t start = 0;
  while (start <= body.size()) {
    std::size_t nl = body.find('\n', start);
    std::string_view line = body.substr(start, nl == std::string_view::npos ? std::string_view::npos
                                                                          : nl - start);
    std::string collapsed;
    bool space = false;
    internal::AppendCollapsed(line, &collapsed, &space);
    if (!collapsed.empty()) out.push_back(std::move(collapsed));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out;
}

std::string PageType(const internal::PageMeta& meta, const internal::BodyResult& body,
                     std::size_t text_bytes) {
  // Article markup plus a few real paragraphs settles it; a story with many
  // embedded "read also" links is still a story.
  if (meta.article_markup && body.good_paragraphs >= 3) return "article";
  bool listing = body.link_blocks >= 6 && body.link_blocks >= 2 * body.good_paragraphs &&
                 body.good_paragraphs < 5;
  // A front or section page: a headline link for every few lines of text.
  listing = listing || (body.headline_links >= 2 && body.headline_links * 400 >= static_cast<int>(text_bytes) &&
                        !(meta.article_markup && body.good_paragraphs >= 2));
  if (listing) return "listing";
  if (meta.article_markup && text_bytes >= 150) return "article";
  if (body.good_paragraphs >= 3 || (body.good_paragraphs >= 1 && text_bytes >= 500))
    return "article";
  if (body.teaser_links >= 10 && text_bytes < 500) return "listing";
  return "other";
}

std::string ChooseLanguage(std::string_view declared, std::string_view text, std::string_view title) {
  if (!declared.empty()) return std::string(declared);
  std::string lang = DetectLanguage(CutUtf8(text, kLangSampleBytes));
  if (lang.empty()) lang = DetectLanguage(title);
  return lang;
}

}  // namespace

Result<Article> ExtractArticle(std::string_view html, const ExtractOptions& options) {
  if (html.empty()) return Status::InvalidArgument("empty input");
  html = html.substr(0, std::min(html.size(), options.max_input_bytes));
  Decoded decoded = DecodeToUtf8(html, options.content_type, /*sniff_html=*/true);
  if (IsBlank(decoded.utf8)) return Status::InvalidArgument("empty input (only white space)");

  internal::PrescannedHtml pre = internal::PrescanHtml(decoded.utf8, options.max_depth);
  std::string().swap(decoded.utf8);
  std::unique_ptr<internal::HtmlDocument> doc =
      internal::HtmlDocument::Parse(std::move(pre.html), std::move(pre.segments));
  internal::PageMeta meta = internal::ExtractPageMeta(*doc, pre.json_ld, options.url);
  internal::BodyHints hints;
  hints.title = meta.title;
  hints.json_ld_body = meta.json_ld_body;
  internal::BodyResult body = internal::ExtractBody(*doc, hints);

  Article a;
  a.url = options.url;
  a.canonical_url = std::move(meta.canonical_url);
  a.title = meta.title;
  a.text = Join(body.paragraphs);
  // The DOM found next to nothing but the page declares its body: use that.
  if (a.text.size() < 200 && meta.json_ld_body.size() > a.text.size() + 200) {
    a.text = Join(ParagraphsFromJsonLdBody(meta.json_ld_body));
  }
  a.text = SanitizeUtf8(a.text);
  a.title = SanitizeUtf8(a.title);
  a.published = meta.published;
  if (a.published.empty() && !body.date_text.empty()) {
    if (auto dt = FindDate(body.date_text)) a.published = dt->ToIso();
  }
  a.authors = std::move(meta.authors);
  for (std::string& s : a.authors) s = SanitizeUtf8(s);
  a.site = SanitizeUtf8(meta.site);
  if (a.site.empty()) a.site = HostName(options.url);
  a.charset = decoded.charset;
  a.lang = ChooseLanguage(meta.declared_lang, a.text, a.title);
  a.page_type = PageType(meta, body, a.text.size());
  if (a.text.empty() && a.title.empty())
    return Status::InvalidArgument("no extractable text in the page");
  return a;
}

Result<Article> ArticleFromText(std::string_view text, const ExtractOptions& options) {
  if (text.empty()) return Status::InvalidArgument("empty input");
  text = text.substr(0, std::min(text.size(), options.max_input_bytes));
  Decoded decoded = DecodeToUtf8(text, options.content_type, /*sniff_html=*/false);
  if (IsBlank(decoded.utf8)) return Status::InvalidArgument("empty input (only white space)");

  // Lines, white space collapsed, empty ones dropped.
  std::vector<std::string> lines;
  {
    std::string_view all = decoded.utf8;
    std::size_t start = 0;
    while (start <= all.size()) {
      std::size_t nl = all.find('\n', start);
      std::string_view raw = all.substr(start, nl == std::string_view::npos ? std::string_view::npos
                                                                           : nl - start);
      std::string line;
      bool space = false;
      internal::AppendCollapsed(raw, &line, &space);
      if (!line.empty()) lines.push_back(std::move(line));
      if (nl == std::string_view::npos) break;
      start = nl + 1;
    }
  }

  Article a;
  a.url = options.url;
  a.site = HostName(options.url);
  a.charset = decoded.charset;

  // Leading page furniture: navigation lines and a date line ("date
  // 2024-08-26 + ↺ − 16 px", "Aug 26, 2024 13:21 414"). A date that opens a
  // real paragraph is cut off and the paragraph kept.
  constexpr std::size_t kHeadLines = 8;
  for (std::size_t i = 0; i < lines.size() && i < kHeadLines; ++i) {
    std::size_t b = 0, e = 0;
    auto dt = FindDate(lines[i], &b, &e);
    if (!dt) continue;
    std::string_view prefix = TrimView(std::string_view(lines[i]).substr(0, b));
    if (b > 32 || CountWords(prefix) > 3) continue;
    a.published = dt->ToIso();
    std::string_view rest = TrimView(std::string_view(lines[i]).substr(e));
    if (CountLetters(rest) < 12 || (rest.size() < 40 && !EndsLikeSentence(rest))) {
      lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i));
    } else {
      lines[i] = std::string(rest);
    }
    break;
  }
  while (!lines.empty() && IsFurnitureLine(lines.front())) lines.erase(lines.begin());

  // Title: a short first line without final punctuation, followed by text.
  for (std::size_t i = 0; i < lines.size() && i < 3; ++i) {
    const std::string& line = lines[i];
    if (IsFurnitureLine(line)) continue;
    bool title_like = line.size() <= 200 && CountWords(line) >= 2 && !EndsLikeSentence(line) &&
                      i + 1 < lines.size() && !FindDate(line);
    if (title_like) {
      a.title = line;
      lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i));
    }
    break;
  }
  // Lines that repeat the title (image captions such as "<title> - 1").
  if (!a.title.empty()) {
    std::string folded_title = FoldForCompare(a.title);
    lines.erase(std::remove_if(lines.begin(), lines.end(),
                               [&](const std::string& line) {
                                 std::string f = FoldForCompare(line);
                                 if (f.compare(0, folded_title.size(), folded_title) != 0) return false;
                                 std::string_view tail = TrimView(std::string_view(f).substr(folded_title.size()));
                                 return CountLetters(tail) == 0;
                               }),
                lines.end());
  }
  // Trailing furniture: "Photo by ...", "Leave a reply", a lone site name.
  while (!lines.empty()) {
    const std::string& last = lines.back();
    bool furniture = IsFurnitureLine(last) ||
                     (last.size() <= 40 && CountWords(last) <= 3 && !EndsLikeSentence(last) &&
                      lines.size() > 1);
    if (!furniture) break;
    lines.pop_back();
  }
  for (std::string& line : lines) {
    if (IsFurnitureLine(line)) line.clear();
  }
  a.text = Join(lines);
  if (a.text.empty() && a.title.empty()) return Status::InvalidArgument("no text in the file");
  a.lang = ChooseLanguage({}, a.text, a.title);
  a.page_type = a.text.size() >= 200 ? "article" : "other";
  return a;
}

}  // namespace newsfacts
