#!/usr/bin/env bash
# crawl_compare.sh — newsfacts crawl vs Scrapy vs GNU wget2 on the same
# loopback site (bench/crawl_bench.cc: PAGES pages over HOSTS hosts, one
# cpp-httplib server per 127.0.1.x address, politeness delay 0, one connection
# per host), in one run. Prints one JSON line per tool and the ratios.
#
#   bench/crawl_compare.sh BUILD_DIR [PAGES] [HOSTS]
#
# BUILD_DIR must hold `newsfacts` and `crawl_bench` (configure with
# -DNEWSFACTS_BUILD_BENCH=ON, build targets newsfacts and crawl_bench).
# newsfacts fetches, extracts and stores every page (SQLite rows) and writes
# WARC files; Scrapy only crawls (links followed, nothing stored); wget2 saves
# files (one process per host). python3-scrapy and wget2 are installed with
# apt-get if missing (needs root); set SKIP_OTHERS=1 to run newsfacts alone.
set -euo pipefail

BUILD=${1:?usage: crawl_compare.sh BUILD_DIR [PAGES] [HOSTS]}
PAGES=${2:-10000}
HOSTS=${3:-50}
BENCH="$BUILD/crawl_bench"
NEWSFACTS="$BUILD/newsfacts"
[[ -x $BENCH && -x $NEWSFACTS ]] || { echo "need $BENCH and $NEWSFACTS" >&2; exit 2; }

# Debian's interpreter (python3-scrapy installs there), not a pyenv/venv one.
PY=/usr/bin/python3
[[ -x $PY ]] || PY=python3
if [[ ${SKIP_OTHERS:-0} != 1 ]]; then
  missing=()
  "$PY" -c 'import scrapy' 2>/dev/null || missing+=(python3-scrapy)
  command -v wget2 >/dev/null || missing+=(wget2)
  if ((${#missing[@]})); then
    echo "installing ${missing[*]}" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  fi
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cat >"$WORK/spider.py" <<'EOF'
# A plain Scrapy crawl of the bench site: follow same-host links, store nothing.
import sys
import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.linkextractors import LinkExtractor
from urllib.parse import urlparse

seeds = [l.strip() for l in open(sys.argv[1]) if l.strip()]

class Site(scrapy.Spider):
    name = "bench"
    start_urls = seeds
    links = LinkExtractor()
    def parse(self, response):
        host = urlparse(response.url).netloc
        for link in self.links.extract_links(response):
            if urlparse(link.url).netloc == host:
                yield scrapy.Request(link.url, callback=self.parse)

p = CrawlerProcess(settings={
    "LOG_LEVEL": "WARNING", "ROBOTSTXT_OBEY": True, "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS": 256, "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    "CONCURRENT_REQUESTS_PER_IP": 1, "TELNETCONSOLE_ENABLED": False,
    "USER_AGENT": "scrapy-bench (+https://scrapy.org)", "COOKIES_ENABLED": False,
})
p.crawl(Site)
p.start()
EOF

cat >"$WORK/wget2.sh" <<'EOF'
#!/usr/bin/env bash
# One wget2 per host (recursive, one thread each), all hosts at once.
seeds=$1; out=$2
while read -r url; do
  wget2 -q --recursive --level=inf --no-parent --max-threads=1 --wait=0 \
        --no-host-directories -P "$out/$(echo "$url" | tr -c 'a-z0-9' _)" "$url" &
done <"$seeds"
wait
EOF
chmod +x "$WORK/wget2.sh"

run() { "$BENCH" --pages "$PAGES" --hosts "$HOSTS" --label "$@"; }

echo "# $PAGES pages over $HOSTS loopback hosts, $(nproc) cores; server: cpp-httplib (in crawl_bench)" >&2
nf=$(run newsfacts -- "$NEWSFACTS" --quiet --db "{tmp}/bench.db" crawl --config "{config}" --json \
       --warc-dir "{tmp}/warc")
echo "$nf"
if [[ ${SKIP_OTHERS:-0} == 1 ]]; then exit 0; fi
sc=$(run scrapy -- "$PY" "$WORK/spider.py" "{seeds}")
echo "$sc"
wg=$(run wget2 -- "$WORK/wget2.sh" "{seeds}" "{tmp}/wget2")
echo "$wg"
python3 - "$nf" "$sc" "$wg" <<'EOF'
import json, sys
nf, sc, wg = (json.loads(a) for a in sys.argv[1:4])
print(json.dumps({
    "newsfacts_vs_scrapy": round(nf["pages_per_s"] / sc["pages_per_s"], 1),
    "newsfacts_vs_wget2": round(nf["pages_per_s"] / wg["pages_per_s"], 2),
}))
EOF
