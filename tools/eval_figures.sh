#!/bin/sh
# Scores `newsfacts figures --batch` on the figures evaluation set and prints
# P/R/F1 per kind and language (see /work/shared/eval-figures/score.py).
#
#   tools/eval_figures.sh [BUILD_DIR] [score.py options...]
#   tools/eval_figures.sh build-figures --langs en,de --dump /tmp/misses.jsonl
#
# BUILD_DIR defaults to build; EVAL_FIGURES (default ../shared/eval-figures)
# points at the folder holding score.py and dev/.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
[ $# -gt 0 ] && shift
eval_dir=${EVAL_FIGURES:-$root/../shared/eval-figures}
bin=$root/$build/newsfacts
[ -x "$bin" ] || bin=$build/newsfacts
if [ ! -x "$bin" ]; then
  echo "eval_figures: no newsfacts binary in $build" >&2
  exit 2
fi
if [ ! -f "$eval_dir/score.py" ]; then
  echo "eval_figures: $eval_dir/score.py not found (set EVAL_FIGURES)" >&2
  exit 2
fi
exec python3 "$eval_dir/score.py" --data "$eval_dir/dev" "$@" -- "$bin" figures --batch
