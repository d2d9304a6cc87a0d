#!/usr/bin/env bash
# Configures and builds newsfacts into ./build (or $BUILD_DIR), all targets,
# optimised without debug info (pass -DCMAKE_BUILD_TYPE=RelWithDebInfo for it).
# Extra arguments go to the CMake configure step. Progress lines are hidden;
# warnings and errors are shown.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
JOBS=${JOBS:-$(nproc)}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null || exit 1
echo "building newsfacts in $BUILD_DIR (-j$JOBS)..." >&2
cmake --build "$BUILD_DIR" -j "$JOBS" 2>&1 | grep -Ev '^\[ *[0-9]+%\]|^Consolidate|^g?make(\[[0-9]+\])?: (Entering|Leaving)' >&2
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
  echo "build failed" >&2
  exit 1
fi
