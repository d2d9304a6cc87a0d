#!/usr/bin/env bash
# Builds the libFuzzer targets in fuzz/ with clang (ASan + UBSan) and runs each
# for SECONDS (default 20), seeded from the bundled corpus. A crash, leak or
# sanitizer report fails the script and leaves the reproducer in build-fuzz/.
#
#   scripts/fuzz.sh [SECONDS]
#
# Installs clang from Debian when it is missing (needs root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-20}
if ! command -v clang++ >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq clang >/dev/null
fi
BUILD_DIR=build-fuzz ./scripts/build.sh -DCMAKE_CXX_COMPILER=clang++ -DNEWSFACTS_FUZZ=ON \
  -DNEWSFACTS_BUILD_TESTS=OFF -DNEWSFACTS_BUILD_BENCH=OFF

seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds"/{article,facts,figures,robots,sitemap,url,warc}
find corpus/sites -name '*.html' -exec cp {} "$seeds/article/" \;
find corpus/sites -name robots.txt | while read -r f; do cp "$f" "$seeds/robots/$(echo "$f" | tr / _)"; done
find corpus/sites -name '*.xml' | while read -r f; do cp "$f" "$seeds/sitemap/$(echo "$f" | tr / _)"; done
grep -rhoE 'https?://[^"< ]+' corpus/sites | sort -u | head -200 | split -l 1 - "$seeds/url/u"
python3 - "$seeds/figures" <<'PY'
# Paragraph texts of the corpus pages, one seed file each.
import html, pathlib, re, sys
out = pathlib.Path(sys.argv[1])
n = 0
for page in sorted(pathlib.Path("corpus/sites").glob("**/*.html")):
    for p in re.findall(r"<p[^>]*>(.*?)</p>", page.read_text(encoding="utf-8", errors="replace"), re.S):
        text = html.unescape(re.sub(r"<[^>]+>", "", p)).strip()
        if text:
            (out / f"p{n}").write_text(text, encoding="utf-8")
            n += 1
PY
cp "$seeds"/figures/* "$seeds/facts/"  # the same paragraph texts
printf 'WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 0\r\n\r\n\r\n\r\n' > "$seeds/warc/empty"

status=0
for target in build-fuzz/*_fuzz; do
  name=$(basename "$target" _fuzz)
  dict=(); [ -f "fuzz/$name.dict" ] && dict=(-dict="fuzz/$name.dict")
  echo "fuzzing $name for ${SECONDS_PER_TARGET}s" >&2
  if ! (cd build-fuzz && "./$(basename "$target")" -max_total_time="$SECONDS_PER_TARGET" -max_len=65536 \
          -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${dict[@]/#-dict=/-dict=../}" \
          "$seeds/$name" 2>"fuzz-$name.log"); then
    echo "fuzz target $name failed; see build-fuzz/fuzz-$name.log" >&2
    tail -40 "build-fuzz/fuzz-$name.log" >&2
    status=1
  else
    grep -E '^stat::number_of_executed_units' "build-fuzz/fuzz-$name.log" | sed "s/^/  $name /" >&2
  fi
done
exit $status
