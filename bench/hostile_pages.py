#!/usr/bin/env python3
"""Time `newsfacts extract` on hostile pages, each family at two sizes.

    python3 bench/hostile_pages.py [--newsfacts build/newsfacts] [--size BYTES] [--runs N]

Each family is a page built to make one stage work hard: one run-on sentence
of hundreds of figures, a flattened table of digit groups, a soup of
spelled-out number words in Russian or German, 200,000 nested elements, a
3 MB JSON-LD headline, a 5 MB word, and so on. Every family is generated at
SIZE and at 4 x SIZE bytes (default 20,000) and extracted RUNS times
(default 3, the run with the least CPU time counts). Prints one JSON line per
family: the CPU seconds at both sizes less the start-up of the binary (a
one-sentence page), the
throughput at the larger size, and `growth`, the ratio of the two times: 4
for linear work, 16 for quadratic. A family that takes longer than 60 s is
reported as a timeout.
"""
import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile


def page(body, lang="en", head=""):
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>Hostile page</title>'
            f'{head}</head><body><article><h1>Hostile page</h1>{body}</article></body></html>')


def fill(size, piece):
    """Pieces from piece() joined by spaces until the text is `size` bytes."""
    out, n = [], 0
    while n < size:
        p = piece()
        out.append(p)
        n += len(p.encode()) + 1
    return " ".join(out)


def families(rng):
    words_en = ["Alibaba", "revenue", "rose", "5%", "to", "$3bn", "Tencent", "spent", "Rmb50bn", "in", "2024",
                "and", "profit", "fell", "12", "per", "cent"]
    companies = ["Alibaba", "Tencent", "Baidu", "ByteDance", "Huawei", "Nvidia", "AMD", "Intel"]
    ru = ["четыре", "семь", "шестьдесят", "двести", "три", "девятьсот", "пятьсот", "тысяча", "миллиардов"]
    de = ["sieben", "und", "zwanzig", "hundert", "drei", "tausend", "Milliarden", "vierzig", "achtundsiebzig"]
    cjk = "阿里巴巴腾讯营收增长亿元万美元百分之十二一二三四五六七八九十"
    return {
        "run-on sentence": lambda n: page("<p>" + fill(n, lambda: rng.choice(words_en)) + "</p>"),
        "one sentence of entities": lambda n: page(
            "<p>" + fill(n, lambda: f"{rng.choice(companies)} ${rng.randint(1, 9)}bn") + ".</p>"),
        "clauses": lambda n: page("<p>" + fill(n, lambda: (
            f"{rng.choice(companies)} revenue rose {rng.randint(1, 50)}% to ${rng.randint(1, 99)}bn in 2024,"))
            + "</p>"),
        "digit groups": lambda n: page("<p>" + ",".join(str(rng.randint(100, 999)) for _ in range(n // 4)) + "</p>"),
        "number words ru": lambda n: page("<p>" + fill(n // 2, lambda: rng.choice(ru)) + "</p>", "ru"),
        "number words de": lambda n: page("<p>" + fill(n, lambda: rng.choice(de)) + "</p>", "de"),
        "CJK without punctuation": lambda n: page(
            "<p>" + "".join(rng.choice(cjk) for _ in range(n // 3)) + "</p>", "zh"),
        "nested elements": lambda n: page("<div>" * (n // 11) + "<p>Alibaba spent $5bn.</p>" + "</div>" * (n // 11)),
        "table cells": lambda n: page("<table>" + "".join(
            "<tr>" + "".join(f"<td>{rng.randint(1, 999)}%</td>" for _ in range(10)) + "</tr>"
            for _ in range(n // 150)) + "</table><p>Alibaba spent $5bn in 2024.</p>"),
        "links": lambda n: page("".join(f'<p><a href="https://e.example/{i}">Alibaba spent ${i}bn</a></p>'
                                        for i in range(n // 60))),
        "attribution chains": lambda n: page("<p>" + fill(n, lambda: "according to Reuters, citing Bloomberg,")
                                             + " Alibaba spent $5bn.</p>"),
        "JSON-LD headline": lambda n: page("<p>Alibaba spent $5bn.</p>", head=(
            '<script type="application/ld+json">{"@type":"NewsArticle","headline":"' + "x" * n + '"}</script>')),
        "one long word": lambda n: page("<p>" + "a" * n + " Alibaba spent $5bn.</p>"),
    }


def best_time(newsfacts, path, runs):
    """Fewest CPU seconds (user + system) of `newsfacts extract path` in `runs` runs."""
    best = None
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        try:
            subprocess.run([newsfacts, "extract", path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=60, check=False)
        except subprocess.TimeoutExpired:
            return None
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        dt = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = dt if best is None else min(best, dt)
    return best


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--newsfacts", default="build/newsfacts")
    ap.add_argument("--size", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        empty = os.path.join(tmp, "empty.html")
        with open(empty, "w", encoding="utf-8") as f:
            f.write(page("<p>Alibaba spent $5bn.</p>"))
        startup = best_time(args.newsfacts, empty, max(args.runs, 5))
        print(json.dumps({"startup_s": round(startup, 4)}), flush=True)
        for name, make in families(rng).items():
            row = {"family": name}
            times = []
            for size in (args.size, 4 * args.size):
                path = os.path.join(tmp, "page.html")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(make(size))
                bytes_ = os.path.getsize(path)
                t = best_time(args.newsfacts, path, args.runs)
                times.append(None if t is None else max(t - startup, 1e-4))
                row[f"bytes_{'small' if size == args.size else 'large'}"] = bytes_
            row["s_small"] = None if times[0] is None else round(times[0], 4)
            row["s_large"] = "timeout" if times[1] is None else round(times[1], 4)
            if times[1] is not None:
                row["mb_s_large"] = round(row["bytes_large"] / times[1] / 1e6, 2)
                if times[0] is not None:
                    row["growth"] = round(times[1] / times[0], 1)
            print(json.dumps(row, ensure_ascii=False), flush=True)
            print(f"hostile_pages: {name} done", file=sys.stderr)


if __name__ == "__main__":
    main()
