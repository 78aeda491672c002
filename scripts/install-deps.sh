#!/usr/bin/env bash
# Installs what building and testing relata needs on a fresh Debian 12 machine:
# the C toolchain and libraries (apt, when run as root and something is missing) and
# the npm test tools (node_modules, from package-lock.json). Safe to run repeatedly.
#   scripts/install-deps.sh            build + test dependencies
#   scripts/install-deps.sh --build    only what building the server needs
set -euo pipefail
cd "$(dirname "$0")/.."

build_pkgs=(gcc make pkg-config libmicrohttpd-dev libwslay-dev libsqlite3-dev libpq-dev libjansson-dev)
test_pkgs=(nodejs npm sqlite3 postgresql wrk valgrind)
pkgs=("${build_pkgs[@]}")
[ "${1:-}" = "--build" ] || pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
    # node/npm may come from elsewhere than Debian (e.g. a preinstalled Node.js 20).
    case "$p" in
        nodejs) command -v node >/dev/null && continue ;;
        npm) command -v npm >/dev/null && continue ;;
    esac
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        echo "install-deps: apt-get install ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "install-deps: missing Debian packages (run as root to install): ${missing[*]}" >&2
        exit 1
    fi
fi

if [ "${1:-}" != "--build" ]; then
    if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
        npm ci --no-audit --no-fund --loglevel=error
        touch node_modules
    fi
fi
