#!/usr/bin/env python3
"""Precision and recall of newsfacts' facts against the corpus expectations.

For every corpus/expected/<host>/<path>.facts.jsonl, runs
`newsfacts extract corpus/sites/<host>/<path>.html` and matches the facts it
prints against the expected ones (same rules as tests/fact_matching.h: entity,
metric and period equal; value, change_pct, low and high within 1e-6
relative; unit, qualifier, modality and alt compared when given). Prints a
table per language and overall.

    tools/eval_facts.py [--bin build/newsfacts] [--corpus corpus] [--details]
"""
import argparse
import json
import math
import os
import subprocess
import sys
from collections import defaultdict


def near(a, b):
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b)) + 1e-9


def opt_ok(e, key, got):
    if key not in e:
        return True
    if e[key] is None:
        return got is None
    return got is not None and near(float(e[key]), float(got))


def matches(e, f):
    if e.get("entity") != f.get("entity") or e.get("metric") != f.get("metric"):
        return False
    if (e.get("period") or None) != (f.get("period") or None):
        return False
    for k in ("value", "change_pct", "low", "high"):
        if not opt_ok(e, k, f.get(k)):
            return False
    if e.get("unit") and e["unit"] != (f.get("unit") or ""):
        return False
    if "qualifier" in e and (e["qualifier"] or None) != (f.get("qualifier") or None):
        return False
    if e.get("modality", "actual") != f.get("modality", "actual"):
        return False
    for a in e.get("alt") or []:
        if not any(x.get("unit") == a["unit"] and near(x["value"], a["value"]) for x in f.get("alt") or []):
            return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default="build/newsfacts")
    ap.add_argument("--corpus", default="corpus")
    ap.add_argument("--details", action="store_true", help="print missed and spurious facts")
    args = ap.parse_args()
    stats = defaultdict(lambda: [0, 0, 0, 0])  # expected, found, extracted, correct
    exp_root = os.path.join(args.corpus, "expected")
    for root, _, files in os.walk(exp_root):
        for name in sorted(files):
            if not name.endswith(".facts.jsonl"):
                continue
            rel = os.path.relpath(os.path.join(root, name), exp_root)[: -len(".facts.jsonl")]
            page = os.path.join(args.corpus, "sites", rel + ".html")
            expected = [json.loads(l) for l in open(os.path.join(root, name), encoding="utf-8") if l.strip()]
            out = subprocess.run([args.bin, "extract", page], capture_output=True, text=True)
            if out.returncode != 0:
                print(f"{rel}: extract failed: {out.stderr.strip()}", file=sys.stderr)
                got = []
            else:
                got = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
            lang = got[0]["lang"] if got else "?"
            if not got:
                # Language from the first expected-less run: ask the article command.
                art = subprocess.run([args.bin, "article", page], capture_output=True, text=True)
                try:
                    lang = json.loads(art.stdout).get("lang") or "?"
                except ValueError:
                    pass
            used = [False] * len(got)
            found = 0
            missed = []
            for e in expected:
                hit = [i for i, f in enumerate(got) if matches(e, f)]
                for i in hit:
                    used[i] = True
                if hit:
                    found += 1
                else:
                    missed.append(e)
            s = stats[lang]
            s[0] += len(expected)
            s[1] += found
            s[2] += len(got)
            s[3] += sum(used)
            if args.details and (missed or not all(used)):
                print(f"== {rel} ({lang})")
                for e in missed:
                    print("  missed:  ", json.dumps(e, ensure_ascii=False))
                for f, u in zip(got, used):
                    if not u:
                        short = {k: f[k] for k in ("entity", "metric", "period", "value", "unit", "change_pct", "qualifier", "modality")}
                        print("  spurious:", json.dumps(short, ensure_ascii=False), "|", f["evidence"][:100])
    print(f"{'lang':6} {'expected':>8} {'found':>6} {'extracted':>9} {'correct':>7} {'P':>6} {'R':>6} {'F1':>6}")
    tot = [0, 0, 0, 0]
    for lang in sorted(stats):
        s = stats[lang]
        tot = [a + b for a, b in zip(tot, s)]
        p = s[3] / s[2] if s[2] else 1.0
        r = s[1] / s[0] if s[0] else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{lang:6} {s[0]:8} {s[1]:6} {s[2]:9} {s[3]:7} {p:6.3f} {r:6.3f} {f1:6.3f}")
    p = tot[3] / tot[2] if tot[2] else 1.0
    r = tot[1] / tot[0] if tot[0] else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{'all':6} {tot[0]:8} {tot[1]:6} {tot[2]:9} {tot[3]:7} {p:6.3f} {r:6.3f} {f1:6.3f}")


if __name__ == "__main__":
    main()
