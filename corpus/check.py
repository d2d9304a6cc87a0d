#!/usr/bin/env python3
"""Consistency check for the bundled corpus (stdlib only).

  python3 corpus/check.py            # checks the corpus next to this file
  python3 corpus/check.py PATH       # checks another copy

Checks:
  * every page decodes strictly in its declared charset (<meta charset>,
    <meta http-equiv>, else UTF-8) and every XML file parses;
  * every link in home pages, section pages, articles, feeds and sitemaps
    that points into a *.test host resolves to a file, unless the site's
    robots.txt disallows it (search, login and account pages are not in
    the corpus on purpose);
  * every article is linked from its site's home page, feed and sitemap,
    and has an expected facts file; every expected file belongs to an article;
  * feed dates parse, sitemap entries have <lastmod>, the feed date matches the
    date in the article's <time datetime> / article:published_time / JSON-LD;
  * JSON-LD blocks parse; expected facts follow the conventions in README.md;
    planted.jsonl names existing articles and facts that those articles have.
Exit status 0 when everything passes, 1 otherwise.
"""
import email.utils
import html.parser
import json
import os
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(__file__))
SITES = os.path.join(ROOT, "sites")
EXPECTED = os.path.join(ROOT, "expected")

ARTICLE_RE = re.compile(r"^(\d{4}/\d{2}/[a-z0-9-]+\.html|news/\d+-[a-z0-9-]+\.html)$")
LEXICONS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "extract", "lexicons")


def lexicon_rows(name):
    """Rows (lists of columns) of a lexicon file, comments and blanks left out."""
    with open(os.path.join(LEXICONS, name), encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]


# What the extractor can name: the metrics with a type row in metrics.tsv plus
# "other", and the companies and products of entities.tsv (not the media,
# banks and regulators, which are never a fact's subject).
METRICS = {r[1] for r in lexicon_rows("metrics.tsv") if r[0] == "type"} | {"other"}
PERIOD_RE = re.compile(r"^(\d{4}|\d{4}-H[12]|\d{4}-Q[1-4]|\d{4}-\d{2}|\d{4}-\d{2}-\d{2}|\d{4}\.\.\d{4})$")
UNIT_RE = re.compile(r"^([A-Z]{3}|%|units|)$")
ENTITIES = {r[0] for r in lexicon_rows("entities.tsv") if len(r) > 1 and r[1] in ("company", "product")}
FACT_KEYS = {"entity", "metric", "period", "value", "unit", "change_pct", "qualifier", "low", "high",
             "modality", "alt"}
PLANTED_KINDS = {"minor", "conflict", "period", "modality", "copy"}

errors = []
notes = []
stats = {"pages": 0, "articles": 0, "links": 0, "links_disallowed": 0, "xml": 0, "facts": 0,
         "jsonld": 0}
charsets = {}


def err(msg):
    errors.append(msg)


# ---------------------------------------------------------------- robots.txt
def parse_robots(path):
    """Rules of the group that applies to '*': list of (allow, pattern)."""
    rules, agents, in_rules, sitemaps = {}, [], False, []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.split("#", 1)[0].strip()
            if not line or ":" not in line:
                continue
            key, val = (s.strip() for s in line.split(":", 1))
            key = key.lower()
            if key == "user-agent":
                if in_rules:
                    agents, in_rules = [], False
                agents.append(val.lower())
            elif key in ("allow", "disallow"):
                in_rules = True
                for a in agents:
                    rules.setdefault(a, [])
                    if val:
                        rules[a].append((key == "allow", val))
            elif key == "sitemap":
                sitemaps.append(val)
            else:
                in_rules = True
    return rules.get("*", []), sitemaps


def robots_allows(rules, path_query):
    best_len, allowed = -1, True
    for allow, pat in rules:
        rx = "^" + re.escape(pat).replace(r"\*", ".*")
        if rx.endswith(r"\$"):
            rx = rx[:-2] + "$"
        if re.match(rx, path_query) and len(pat) > best_len:
            best_len, allowed = len(pat), allow
    return allowed


# ---------------------------------------------------------------- HTML
META_CHARSET = re.compile(rb'<meta[^>]+charset=["\']?([A-Za-z0-9_-]+)', re.I)


def declared_charset(data):
    m = META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


class PageParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.lang, self.time, self.meta_pub = [], None, None, None
        self.jsonld, self._in_jsonld, self._buf = [], False, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "link" and a.get("href") and (a.get("rel") or "") in ("canonical", "alternate"):
            self.links.append(a["href"])
        elif tag == "time" and self.time is None and a.get("datetime"):
            self.time = a["datetime"]
        elif tag == "meta" and a.get("property") == "article:published_time":
            self.meta_pub = a.get("content")
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_jsonld, self._buf = True, []

    def handle_endtag(self, tag):
        if tag == "script" and self._in_jsonld:
            self._in_jsonld = False
            self.jsonld.append("".join(self._buf))

    def handle_data(self, data):
        if self._in_jsonld:
            self._buf.append(data)


def resolve(base_url, href):
    """(host, path_query) for links into the corpus, else None."""
    if href.startswith(("mailto:", "javascript:", "tel:", "#")):
        return None
    u = urllib.parse.urlsplit(urllib.parse.urljoin(base_url, href))
    if not u.hostname or not u.hostname.endswith(".test"):
        return None
    pq = u.path + ("?" + u.query if u.query else "")
    return u.hostname, pq


def file_for(host, path):
    rel = urllib.parse.unquote(path).lstrip("/")
    if rel == "" or rel.endswith("/"):
        rel += "index.html"
    return os.path.join(SITES, host, rel)


ROBOTS = {}


def check_link(src, host, path_query):
    stats["links"] += 1
    path = path_query.split("?", 1)[0]
    if not os.path.isdir(os.path.join(SITES, host)):
        err(f"{src}: link to unknown host {host}")
        return
    if "?" not in path_query and os.path.isfile(file_for(host, path)):
        return
    if not robots_allows(ROBOTS[host][0], path_query):
        stats["links_disallowed"] += 1
        return
    err(f"{src}: broken link https://{host}{path_query}")


def norm_date(s):
    return s[:10] if s else None


# ---------------------------------------------------------------- main walk
def main():
    hosts = sorted(d for d in os.listdir(SITES) if os.path.isdir(os.path.join(SITES, d)))
    for host in hosts:
        robots = os.path.join(SITES, host, "robots.txt")
        if not os.path.isfile(robots):
            err(f"{host}: no robots.txt")
            ROBOTS[host] = ([], [])
        else:
            ROBOTS[host] = parse_robots(robots)
            if not ROBOTS[host][1]:
                err(f"{host}: robots.txt has no Sitemap line")

    article_dates = {}  # "host/path" -> date from the page
    pages_links = {}    # "host/path" -> set of resolved (host, path)
    articles = set()
    for host in hosts:
        base = os.path.join(SITES, host)
        for dirpath, _, files in os.walk(base):
            for name in files:
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, base).replace(os.sep, "/")
                if not name.endswith(".html"):
                    continue
                stats["pages"] += 1
                data = open(full, "rb").read()
                cs = declared_charset(data)
                codec = {"gbk": "gbk", "gb2312": "gbk", "windows-1251": "cp1251",
                         "shift_jis": "shift_jis", "utf-8": "utf-8", None: "utf-8"}.get(cs)
                if codec is None:
                    err(f"{host}/{rel}: unsupported charset {cs}")
                    continue
                try:
                    text = data.decode(codec)
                except UnicodeDecodeError as e:
                    err(f"{host}/{rel}: does not decode as {cs or 'utf-8 (undeclared)'}: {e}")
                    continue
                label = cs or "undeclared (utf-8 bytes)"
                charsets[label] = charsets.get(label, 0) + 1
                p = PageParser()
                p.feed(text)
                url = f"https://{host}/{rel}"
                key = f"{host}/{rel}"
                pages_links[key] = set()
                for href in p.links:
                    r = resolve(url, href)
                    if r:
                        check_link(key, *r)
                        rh, rp = r
                        rp = rp.split("?", 1)[0].lstrip("/")
                        pages_links[key].add(f"{rh}/{rp or 'index.html'}")
                for block in p.jsonld:
                    stats["jsonld"] += 1
                    try:
                        obj = json.loads(block)
                        if ARTICLE_RE.match(rel) and not article_dates.get(key):
                            article_dates[key] = norm_date(obj.get("datePublished"))
                    except json.JSONDecodeError as e:
                        err(f"{key}: JSON-LD does not parse: {e}")
                if ARTICLE_RE.match(rel):
                    articles.add(key)
                    stats["articles"] += 1
                    d = norm_date(p.time) or norm_date(p.meta_pub) or article_dates.get(key)
                    article_dates[key] = d

    # ---------------------------------------------------------------- XML
    feed_links, sitemap_links = {}, {}
    for host in hosts:
        base = os.path.join(SITES, host)
        feed_links[host], sitemap_links[host] = {}, set()
        feeds = [f for f in ("feed.xml", "atom.xml") if os.path.isfile(os.path.join(base, f))]
        if not feeds:
            err(f"{host}: no feed.xml or atom.xml")
        for fname in feeds:
            try:
                root = ET.parse(os.path.join(base, fname)).getroot()
                stats["xml"] += 1
            except ET.ParseError as e:
                err(f"{host}/{fname}: XML does not parse: {e}")
                continue
            if root.tag == "rss":
                for item in root.iter("item"):
                    link, pub = item.findtext("link"), item.findtext("pubDate")
                    try:
                        d = email.utils.parsedate_to_datetime(pub).date().isoformat()
                    except (TypeError, ValueError):
                        err(f"{host}/{fname}: item {link} has no valid pubDate")
                        d = None
                    r = resolve(f"https://{host}/", link or "")
                    if not r:
                        err(f"{host}/{fname}: item link {link} not in the corpus")
                        continue
                    check_link(f"{host}/{fname}", *r)
                    feed_links[host][f"{r[0]}/{r[1].lstrip('/')}"] = d
            else:
                ns = {"a": "http://www.w3.org/2005/Atom"}
                for entry in root.findall("a:entry", ns):
                    link = entry.find("a:link[@rel='alternate']", ns)
                    href = link.get("href") if link is not None else None
                    pub = entry.findtext("a:published", namespaces=ns)
                    if not pub or not re.match(r"^\d{4}-\d{2}-\d{2}T", pub):
                        err(f"{host}/{fname}: entry {href} has no valid <published>")
                    r = resolve(f"https://{host}/", href or "")
                    if not r:
                        err(f"{host}/{fname}: entry link {href} not in the corpus")
                        continue
                    check_link(f"{host}/{fname}", *r)
                    feed_links[host][f"{r[0]}/{r[1].lstrip('/')}"] = norm_date(pub)
        # sitemaps, following sitemap indexes
        todo = [u for u in ROBOTS[host][1]]
        seen = set()
        while todo:
            u = todo.pop()
            if u in seen:
                continue
            seen.add(u)
            r = resolve(f"https://{host}/", u)
            if not r or not os.path.isfile(file_for(*r)):
                err(f"{host}: sitemap {u} missing")
                continue
            try:
                root = ET.parse(file_for(*r)).getroot()
                stats["xml"] += 1
            except ET.ParseError as e:
                err(f"{u}: XML does not parse: {e}")
                continue
            sm = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
            if root.tag == sm + "sitemapindex":
                todo += [s.findtext(sm + "loc") for s in root.findall(sm + "sitemap")]
                continue
            for url in root.findall(sm + "url"):
                loc = url.findtext(sm + "loc")
                if not url.findtext(sm + "lastmod"):
                    err(f"{u}: <url> {loc} has no <lastmod>")
                r2 = resolve(f"https://{host}/", loc or "")
                if not r2:
                    err(f"{u}: loc {loc} not in the corpus")
                    continue
                check_link(u, *r2)
                sitemap_links[host].add(f"{r2[0]}/{r2[1].lstrip('/') or 'index.html'}")

    # ---------------------------------------------------------------- reachability
    for key in sorted(articles):
        host = key.split("/", 1)[0]
        if key not in pages_links.get(f"{host}/index.html", set()):
            err(f"{key}: not linked from {host}/index.html")
        if key not in feed_links[host]:
            err(f"{key}: not in the feed of {host}")
        elif not article_dates.get(key):
            # Planted on purpose: the date is only in the visible byline.
            notes.append(f"{key}: date only in visible text (feed says {feed_links[host][key]})")
        elif feed_links[host][key] != article_dates.get(key):
            err(f"{key}: feed date {feed_links[host][key]} != page date {article_dates.get(key)}")
        if key not in sitemap_links[host]:
            err(f"{key}: not in the sitemap of {host}")

    # ---------------------------------------------------------------- expected facts
    expected = {}
    for dirpath, _, files in os.walk(EXPECTED):
        for name in files:
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, EXPECTED).replace(os.sep, "/")
            if rel == "planted.jsonl":
                continue
            if not name.endswith(".facts.jsonl"):
                err(f"expected/{rel}: unexpected file")
                continue
            key = rel[: -len(".facts.jsonl")] + ".html"
            if key not in articles:
                err(f"expected/{rel}: no article {key}")
            facts = []
            with open(full, encoding="utf-8") as f:
                for n, line in enumerate(f, 1):
                    try:
                        fact = json.loads(line)
                    except json.JSONDecodeError as e:
                        err(f"expected/{rel}:{n}: bad JSON: {e}")
                        continue
                    facts.append(fact)
                    check_fact(f"expected/{rel}:{n}", fact)
            stats["facts"] += len(facts)
            expected[key] = facts
    for key in sorted(articles - set(expected)):
        err(f"{key}: no expected facts file")

    planted = os.path.join(EXPECTED, "planted.jsonl")
    n_planted = 0
    with open(planted, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            p = json.loads(line)
            n_planted += 1
            where = f"expected/planted.jsonl:{n}"
            if p.get("kind") not in PLANTED_KINDS:
                err(f"{where}: bad kind {p.get('kind')}")
            for a in p.get("articles", []):
                if a not in articles:
                    err(f"{where}: unknown article {a}")
                    continue
                if p.get("entity"):
                    periods = p.get("periods") or [p.get("period")]
                    if not any(x["entity"] == p["entity"] and x["metric"] == p["metric"] and
                               x["period"] in periods for x in expected.get(a, [])):
                        err(f"{where}: {a} has no {p['entity']} {p['metric']} fact for {periods}")

    print(f"corpus: {ROOT}")
    print(f"sites: {len(hosts)}  html pages: {stats['pages']}  articles: {stats['articles']}  "
          f"xml files: {stats['xml']}  json-ld blocks: {stats['jsonld']}")
    print("charsets: " + ", ".join(f"{k} {v}" for k, v in sorted(charsets.items())))
    print(f"links checked: {stats['links']} ({stats['links_disallowed']} to robots-disallowed paths)")
    print(f"expected facts: {stats['facts']} in {len(expected)} files; planted differences: {n_planted}")
    for n in notes:
        print("note: " + n)
    if errors:
        print(f"FAIL: {len(errors)} problem(s)")
        for e in errors:
            print("  " + e)
        return 1
    print("OK")
    return 0


def check_fact(where, f):
    for k in ("entity", "metric", "period", "value", "unit"):
        if k not in f:
            err(f"{where}: missing key {k}")
    extra = set(f) - FACT_KEYS
    if extra:
        err(f"{where}: unknown keys {sorted(extra)}")
    for member in (f.get("entity") or "").split("+"):
        if member not in ENTITIES:
            err(f"{where}: unknown entity {member!r}")
    if f.get("metric") not in METRICS:
        err(f"{where}: unknown metric {f.get('metric')!r}")
    if f.get("period") is not None and not PERIOD_RE.match(f["period"]):
        err(f"{where}: bad period {f['period']!r}")
    if not UNIT_RE.match(f.get("unit") or ""):
        err(f"{where}: bad unit {f.get('unit')!r}")
    if f.get("value") is None and f.get("change_pct") is None:
        err(f"{where}: neither value nor change_pct")
    if f.get("value") is None and f.get("unit"):
        err(f"{where}: change-only fact must have unit \"\"")
    if f.get("qualifier") not in (None, "over", "under", "about"):
        err(f"{where}: bad qualifier {f.get('qualifier')!r}")
    if f.get("modality") not in (None, "actual", "forecast", "plan"):
        err(f"{where}: bad modality {f.get('modality')!r}")
    if ("low" in f) != ("high" in f) or ("low" in f and not f["low"] <= f["high"]):
        err(f"{where}: bad range")
    for alt in f.get("alt", []):
        if set(alt) != {"value", "unit"}:
            err(f"{where}: bad alt {alt}")


if __name__ == "__main__":
    sys.exit(main())
