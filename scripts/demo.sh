#!/usr/bin/env bash
# Quick start 1: install what is needed, build, and run the main job on the
# bundled corpus — ingest every page of corpus/sites into demo.db, reconcile,
# and print the extracted facts.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh
rm -f demo.db demo.db-wal demo.db-shm
build/newsfacts --db demo.db ingest corpus/sites
build/newsfacts --db demo.db facts
