#!/usr/bin/env python3
"""Score `newsfacts robots` on a robots.txt conformance set (JSON lines).

Each line: {"id", "robots", "agent", "url", "allowed", "google_only", ...}.
For every case the robots body is written to a temporary file and
`newsfacts robots --agent AGENT --file FILE URL` is run; its "allow"/"disallow"
answer is compared with `allowed`.

Usage: tools/eval_robots.py [--binary build/newsfacts] [--show-failures]
                            [CASES.jsonl]
Default cases: ../shared/eval-robots/cases.jsonl next to the repository.
Prints "robots N passed, M failed" overall and for RFC-only cases
(google_only == false); exits 1 if an RFC-only case fails.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run_case(binary, case, tmpdir):
    path = os.path.join(tmpdir, "robots.txt")
    with open(path, "wb") as f:
        f.write(case["robots"].encode("utf-8"))
    proc = subprocess.run(
        [binary, "robots", "--agent", case["agent"], "--file", path, "--", case["url"]],
        capture_output=True)
    if proc.returncode != 0:
        return None, proc.stderr.decode("utf-8", "replace").strip()
    line = proc.stdout.decode("utf-8", "replace").split("\n")[0]
    verdict = line.split(" ", 1)[0]
    if verdict not in ("allow", "disallow"):
        return None, "unexpected output: " + line
    return verdict == "allow", ""


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="?",
                        default=os.path.join(ROOT, "..", "shared", "eval-robots", "cases.jsonl"))
    parser.add_argument("--binary", default=os.path.join(ROOT, "build", "newsfacts"))
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()

    totals = {"all": [0, 0], "rfc": [0, 0]}
    failures = []
    with open(args.cases, encoding="utf-8") as f, tempfile.TemporaryDirectory() as tmpdir:
        for raw in f:
            if not raw.strip():
                continue
            case = json.loads(raw)
            got, err = run_case(args.binary, case, tmpdir)
            ok = got is not None and got == case["allowed"]
            buckets = ["all"] if case.get("google_only") else ["all", "rfc"]
            for b in buckets:
                totals[b][0 if ok else 1] += 1
            if not ok:
                failures.append((case, got, err))

    if args.show_failures:
        for case, got, err in failures:
            print("FAIL %s google_only=%s expected=%s got=%s %s %s" %
                  (case["id"], case.get("google_only"), case["allowed"], got, err,
                   case.get("note", "")))
    print("overall: robots %d passed, %d failed" % tuple(totals["all"]))
    print("rfc-only: robots %d passed, %d failed" % tuple(totals["rfc"]))
    return 1 if totals["rfc"][1] else 0


if __name__ == "__main__":
    sys.exit(main())
