#!/usr/bin/env bash
# Scores `newsfacts reconcile --claims` on the truth-discovery dev sets and
# prints one table: our precision (default method, accucopy), majority vote
# computed by the same code path (--method vote), and the figures the data
# set's README quotes (its majority vote, a simple TruthFinder-style run, and
# AccuCopy on sibling flight data).
#
# Usage: tools/eval_truth.sh [--binary PATH] [--data DIR] [-- extra reconcile flags]
#   --binary  the newsfacts executable (default: $NEWSFACTS_BIN, else build/newsfacts)
#   --data    the data sets (default: $NEWSFACTS_EVAL_TRUTH, else ../shared/eval-truth
#             next to the repository); skipped cleanly when absent.
# Extra flags after "--" go to both runs (e.g. -- --time-tolerance 10).
# Exit status: 0 (also when skipped), 1 if a run or the scorer fails.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
binary="${NEWSFACTS_BIN:-$root/build/newsfacts}"
data="${NEWSFACTS_EVAL_TRUTH:-$root/../shared/eval-truth}"
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "eval_truth: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [ ! -f "$data/score.py" ]; then
  echo "eval_truth: skipped (no data sets at $data)"
  exit 0
fi
if [ ! -x "$binary" ]; then
  echo "eval_truth: no executable at $binary (build it, or pass --binary)" >&2
  exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# README figures for a data set: "vote truthfinder" from its table row.
readme_figures() {
  python3 - "$data/README.md" "$1" <<'EOF'
import re, sys
path, name = sys.argv[1], sys.argv[2]
try:
    text = open(path, encoding="utf-8").read()
except OSError:
    print("- -"); sys.exit()
for line in text.splitlines():
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) >= 2 and cells[0] == name:
        nums = [c for c in cells if re.fullmatch(r"0?\.\d+", c)]
        print(" ".join(nums[-2:]) if len(nums) >= 2 else "- -")
        sys.exit()
print("- -")
EOF
}

# precision of PRED on data set NAME, via the data set's own scorer.
score() {
  python3 "$data/score.py" "$data/$1" "$2" | sed -n 's/^truth .* precision=//p'
}

printf "%-14s %9s %9s %9s %12s %8s\n" "dataset" "ours" "vote" "vote*" "truthfinder*" "seconds"
status=0
for set in flight-dec01 weather population; do
  [ -f "$data/$set/claims.tsv" ] || { printf "%-14s (missing)\n" "$set"; continue; }
  start=$(date +%s%N)
  if ! "$binary" -q reconcile --claims "$data/$set/claims.tsv" --out "$tmp/$set.pred" \
      ${extra[@]+"${extra[@]}"}; then
    echo "eval_truth: reconcile failed on $set" >&2; status=1; continue
  fi
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  if ! "$binary" -q reconcile --method vote --claims "$data/$set/claims.tsv" \
      --out "$tmp/$set.vote" ${extra[@]+"${extra[@]}"}; then
    echo "eval_truth: reconcile --method vote failed on $set" >&2; status=1; continue
  fi
  ours=$(score "$set" "$tmp/$set.pred") || status=1
  vote=$(score "$set" "$tmp/$set.vote") || status=1
  read -r readme_vote readme_tf < <(readme_figures "$set")
  printf "%-14s %9s %9s %9s %12s %5d.%02d\n" "$set" "$ours" "$vote" "$readme_vote" "$readme_tf" \
    $((ms / 1000)) $((ms % 1000 / 10))
done
accucopy=$(python3 -c 'import re, sys
m = re.search(r"AccuCopy[^.]*?(\.\d+)", open(sys.argv[1], encoding="utf-8").read())
print(m.group(1) if m else "")' "$data/README.md" 2>/dev/null || true)
echo "ours: newsfacts reconcile (accucopy); vote: --method vote; * quoted in $data/README.md"
[ -n "$accucopy" ] && echo "published AccuCopy on sibling flight data (Li et al. 2012): $accucopy"
exit $status
