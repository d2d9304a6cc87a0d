// Feeds and sitemaps: URLs for the crawler's frontier. Contract in
// crawl_discovery.h.
#include <pugixml.hpp>

#include <cstring>

#include "ascii.h"
#include "crawl_discovery.h"
#include "gzip.h"

namespace newsfacts {
namespace {


bool IsGzip(std::string_view body) {
  return body.size() >= 2 && static_cast<unsigned char>(body[0]) == 0x1f &&
         static_cast<unsigned char>(body[1]) == 0x8b;
}

// The element name without its namespace prefix.
std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  std::size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string Trimmed(std::string_view v) {
  std::size_t b = 0, e = v.size();
  while (b < e && static_cast<unsigned char>(v[b]) <= ' ') ++b;
  while (e > b && static_cast<unsigned char>(v[e - 1]) <= ' ') --e;
  return std::string(v.substr(b, e - b));
}

// First child element with this local name.
pugi::xml_node Child(const pugi::xml_node& parent, std::string_view local) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == local) return c;
  }
  return {};
}

void Add(std::string_view text, DiscoveredUrls* out, std::size_t max_urls) {
  if (out->urls.size() >= max_urls) return;
  std::string url = Trimmed(text);
  if (!url.empty()) out->urls.push_back(std::move(url));
}

// The start of the document after a BOM, whitespace and an XML declaration or
// comments: enough to see the root element.
std::string_view Head(std::string_view body) {
  if (body.size() >= 3 && body.compare(0, 3, "\xEF\xBB\xBF") == 0) body.remove_prefix(3);
  return body.substr(0, std::min<std::size_t>(body.size(), 2048));
}

}  // namespace


std::string_view DiscoveryKindName(DiscoveryKind k) {
  switch (k) {
    case DiscoveryKind::kNone: return "none";
    case DiscoveryKind::kRss: return "rss";
    case DiscoveryKind::kAtom: return "atom";
    case DiscoveryKind::kSitemap: return "sitemap";
    case DiscoveryKind::kSitemapIndex: return "sitemap index";
    case DiscoveryKind::kTextSitemap: return "text sitemap";
  }
  return "none";
}

bool LooksLikeDiscoveryDocument(std::string_view content_type, std::string_view body) {
  if (IsGzip(body)) return true;
  std::string_view ct = content_type.substr(0, content_type.find(';'));
  if (ContainsNoCase(ct, "html")) return false;
  if (ContainsNoCase(ct, "xml") || ContainsNoCase(ct, "rss") || ContainsNoCase(ct, "atom")) {
    return true;
  }
  std::string_view head = Head(body);
  std::size_t i = 0;
  while (i < head.size() && static_cast<unsigned char>(head[i]) <= ' ') ++i;
  head.remove_prefix(i);
  if (head.compare(0, 5, "<?xml") == 0) {
    return !ContainsNoCase(head, "<html") && !ContainsNoCase(head, "<!doctype html");
  }
  return ContainsNoCase(head.substr(0, 256), "<rss") || ContainsNoCase(head.substr(0, 256), "<feed") ||
         ContainsNoCase(head.substr(0, 256), "<urlset") ||
         ContainsNoCase(head.substr(0, 256), "<sitemapindex");
}

Result<DiscoveredUrls> ParseDiscoveryXml(std::string_view body, std::size_t max_urls,
                                         std::size_t max_bytes) {
  std::string inflated;
  if (IsGzip(body)) {
    Result<std::string> r = InflateAll(body, 15 + 16, max_bytes, /*multi_member=*/true);
    if (!r.ok()) return r.status();
    inflated = std::move(*r);
    body = inflated;
  }
  DiscoveredUrls out;
  std::string_view head = Head(body);
  std::size_t lead = 0;
  while (lead < head.size() && static_cast<unsigned char>(head[lead]) <= ' ') ++lead;
  if (lead < head.size() && head[lead] != '<') {
    // A text sitemap: one absolute URL per line.
    out.kind = DiscoveryKind::kTextSitemap;
    std::size_t pos = 0;
    while (pos < body.size() && out.urls.size() < max_urls) {
      std::size_t eol = body.find('\n', pos);
      std::string_view line = body.substr(pos, eol == std::string_view::npos ? body.size() - pos
                                                                             : eol - pos);
      pos = eol == std::string_view::npos ? body.size() : eol + 1;
      std::string url = Trimmed(line);
      if (url.compare(0, 7, "http://") == 0 || url.compare(0, 8, "https://") == 0) {
        out.urls.push_back(std::move(url));
      }
    }
    if (out.urls.empty()) return Status::Corruption("not a feed or sitemap");
    return out;
  }

  pugi::xml_document doc;
  pugi::xml_parse_result parsed =
      doc.load_buffer(body.data(), body.size(), pugi::parse_default,
                      pugi::encoding_auto);
  pugi::xml_node root = doc.document_element();
  if (!root) {
    return Status::Corruption(std::string("not a feed or sitemap: ") + parsed.description());
  }
  std::string_view root_name = LocalName(root);
  if (root_name == "urlset" || root_name == "sitemapindex") {
    const bool index = root_name == "sitemapindex";
    out.kind = index ? DiscoveryKind::kSitemapIndex : DiscoveryKind::kSitemap;
    std::string_view entry = index ? "sitemap" : "url";
    for (pugi::xml_node c = root.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || LocalName(c) != entry) continue;
      pugi::xml_node loc = Child(c, "loc");
      if (loc) Add(loc.text().get(), &out, max_urls);
    }
  } else if (root_name == "rss" || root_name == "RDF") {
    out.kind = DiscoveryKind::kRss;
    // RSS 2.0: rss/channel/item; RSS 1.0: rdf:RDF/item (siblings of channel).
    auto items = [&](const pugi::xml_node& parent) {
      for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element || LocalName(c) != "item") continue;
        pugi::xml_node link = Child(c, "link");
        if (link && !Trimmed(link.text().get()).empty()) {
          Add(link.text().get(), &out, max_urls);
          continue;
        }
        pugi::xml_node guid = Child(c, "guid");
        std::string_view perma = guid.attribute("isPermaLink").value();
        if (guid && perma != "false") Add(guid.text().get(), &out, max_urls);
      }
    };
    items(root);
    for (pugi::xml_node c = root.first_child(); c; c = c.next_sibling()) {
      if (c.type() == pugi::node_element && LocalName(c) == "channel") items(c);
    }
  } else if (root_name == "feed") {
    out.kind = DiscoveryKind::kAtom;
    for (pugi::xml_node e = root.first_child(); e; e = e.next_sibling()) {
      if (e.type() != pugi::node_element || LocalName(e) != "entry") continue;
      pugi::xml_node chosen;
      for (pugi::xml_node l = e.first_child(); l; l = l.next_sibling()) {
        if (l.type() != pugi::node_element || LocalName(l) != "link") continue;
        std::string_view rel = l.attribute("rel").value();
        if (rel.empty() || rel == "alternate") {
          chosen = l;
          break;
        }
      }
      if (chosen) Add(chosen.attribute("href").value(), &out, max_urls);
    }
  } else {
    return Status::Corruption("not a feed or sitemap: root element <" +
                              std::string(root_name) + ">");
  }
  return out;
}

}  // namespace newsfacts
