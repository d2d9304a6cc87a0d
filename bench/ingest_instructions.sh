#!/usr/bin/env bash
# ingest_instructions.sh — instructions per page of `newsfacts ingest` in
# steady state, counted by cachegrind (so the figure does not depend on the
# machine's load), on the crawl benchmark's generated 41 KB news pages.
#
#   bench/ingest_instructions.sh BUILD_DIR [N]
#
# Ingests N and then 2N distinct pages into fresh databases and divides the
# difference by N, so start-up (lexicons, regex compilation, DFA warm-up)
# cancels out. Needs valgrind and curl; BUILD_DIR must hold newsfacts and
# crawl_bench (NEWSFACTS=path/to/newsfacts counts another binary on the same
# pages, e.g. an older build).
set -euo pipefail

BUILD=${1:?usage: ingest_instructions.sh BUILD_DIR [N]}
N=${2:-66}
NEWSFACTS=${NEWSFACTS:-$BUILD/newsfacts}
command -v valgrind >/dev/null || { echo "needs valgrind" >&2; exit 2; }
command -v curl >/dev/null || { echo "needs curl" >&2; exit 2; }

WORK=$(mktemp -d)
SERVER=
cleanup() {
  exec 3>&- 2>/dev/null || true
  [[ -n $SERVER ]] && wait "$SERVER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# One host serving 2N+1 pages until its stdin closes; it prints the path of
# its seeds file first.
mkfifo "$WORK/stdin"
"$BUILD/crawl_bench" --pages $((2 * N + 1)) --hosts 1 <"$WORK/stdin" >"$WORK/out" 2>/dev/null &
SERVER=$!
exec 3>"$WORK/stdin"
for _ in $(seq 100); do [[ -s $WORK/out ]] && break; sleep 0.1; done
home=$(head -1 "$(head -1 "$WORK/out")")

mkdir -p "$WORK/n" "$WORK/2n"
for k in $(seq 1 $((2 * N))); do
  curl -sf "${home}p/$k.html" -o "$WORK/2n/p$k.html"
  ((k <= N)) && cp "$WORK/2n/p$k.html" "$WORK/n/"
done

count() {
  rm -f "$WORK/db"*
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    "$NEWSFACTS" --quiet --db "$WORK/db" ingest --no-reconcile "$1" 2>&1 |
    sed -n 's/.*I *refs: *//p' | tr -d ','
}
one=$(count "$WORK/n")
two=$(count "$WORK/2n")
echo "{\"pages\": $N, \"bytes_per_page\": $(($(du -sb "$WORK/n" | cut -f1) / N)), \"instructions_per_page\": $(((two - one) / N))}"
