#!/usr/bin/env bash
# Quick start 1: install what is needed, build, and run the main job on the
# bundled corpus — ingest every page of corpus/sites into demo.db (which
# reconciles the new facts), print the extracted facts, then where the
# sources disagree.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh
rm -f demo.db demo.db-wal demo.db-shm
build/newsfacts --db demo.db ingest corpus/sites
echo
echo "== facts (build/newsfacts --db demo.db facts)"
build/newsfacts --db demo.db facts
echo
echo "== where the sources disagree (build/newsfacts --db demo.db conflicts)"
build/newsfacts --db demo.db conflicts
