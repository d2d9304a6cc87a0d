#!/usr/bin/env bash
# Installs the Debian 12 packages newsfacts builds and tests with.
# Idempotent: does nothing (and needs no network) when everything is present.
# Works as root on a fresh machine, or through sudo when run as a normal user.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git ca-certificates python3
  libcurl4-openssl-dev libssl-dev libgumbo-dev libre2-dev libicu-dev libsqlite3-dev sqlite3
  catch2 nlohmann-json3-dev libcli11-dev libtomlplusplus-dev libcpp-httplib-dev
  libcld2-dev libpugixml-dev zlib1g-dev libxxhash-dev libisal-dev libjemalloc-dev libbenchmark-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
