#!/usr/bin/env bash
# Runs every evaluation the README reports, on the evaluation sets next to the
# repository (../shared; not part of a clone) and on the bundled corpus:
#   articles (main-text F1 and pages/s), figures (P/R/F1 per kind and
#   language), robots.txt conformance, truth discovery precision, and facts
#   P/R per language on corpus/expected and the three held-out sets
#   (corpus/heldout, corpus/heldout2, corpus/heldout3).
# Usage: tools/eval_all.sh [BUILD_DIR]   (default build)
# Sets missing from ../shared are skipped with a note. Exit 0 unless a tool
# cannot run at all.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case "$build" in /*) ;; *) build="$root/$build" ;; esac
bin="$build/newsfacts"
shared="$root/../shared"
[ -x "$bin" ] || { echo "eval_all: no newsfacts binary at $bin" >&2; exit 2; }

echo "## facts vs corpus/expected (tools/eval_facts.py)"
python3 "$root/tools/eval_facts.py" --bin "$bin" --corpus "$root/corpus"
echo "## facts vs corpus/heldout/expected (pages written after the cue lists)"
python3 "$root/tools/eval_facts.py" --bin "$bin" --corpus "$root/corpus/heldout"
echo "## facts vs corpus/heldout2/expected (a second held-out set)"
python3 "$root/tools/eval_facts.py" --bin "$bin" --corpus "$root/corpus/heldout2"
echo "## facts vs corpus/heldout3/expected (a third held-out set, broader topics)"
python3 "$root/tools/eval_facts.py" --bin "$bin" --corpus "$root/corpus/heldout3"

if [ -f "$shared/eval-articles/score.py" ]; then
  echo; echo "## articles: per-page command (score.py --cmd)"
  python3 "$shared/eval-articles/score.py" "$shared/eval-articles/dev" \
    --cmd "$bin article --url {url} {file}" | tail -1
  echo "## articles: one process (score.py --batch-cmd)"
  python3 "$shared/eval-articles/score.py" "$shared/eval-articles/dev" \
    --batch-cmd "$bin article --batch" | tail -1
else
  echo "eval-articles: not found, skipped"
fi

if [ -f "$shared/eval-figures/score.py" ]; then
  echo; echo "## figures (score.py over dev)"
  python3 "$shared/eval-figures/score.py" --data "$shared/eval-figures/dev" -- "$bin" figures --batch
else
  echo "eval-figures: not found, skipped"
fi

if [ -f "$shared/eval-robots/cases.jsonl" ]; then
  echo; echo "## robots.txt conformance"
  python3 "$root/tools/eval_robots.py" --binary "$bin" "$shared/eval-robots/cases.jsonl"
else
  echo "eval-robots: not found, skipped"
fi

echo; echo "## truth discovery"
"$root/tools/eval_truth.sh" --binary "$bin"
exit 0
