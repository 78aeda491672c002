#!/usr/bin/env bash
# setup.sh - install what a benchmark run needs, only when it is missing:
#   wrk (Debian), and for a peer: PostgreSQL (Debian, VS=postgraphile) and the peers'
#   npm packages (the shared peers/install.sh, into $WORK/peers, outside the repo).
#   bench/setup.sh [--smoke] [yoga|postgraphile]      (WORK, SHARED from the environment)
# Debian packages need root; as another user the missing ones are named and the
# script fails.
set -euo pipefail
WORK=${WORK:-/tmp/relata-bench-make}
SHARED=${SHARED:-../shared}
smoke=0; vs=""
for a in "$@"; do
  case $a in
    --smoke) smoke=1 ;;
    yoga|postgraphile) vs=$a ;;
    "") ;;
    *) echo "setup.sh: unknown peer '$a' (yoga or postgraphile)" >&2; exit 2 ;;
  esac
done

need=()
command -v python3 >/dev/null || need+=(python3)
[ "$smoke" = 1 ] || command -v wrk >/dev/null || need+=(wrk)
if [ "$vs" = postgraphile ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need+=(postgresql)
fi
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup.sh: missing ${need[*]}; install them (apt-get install ${need[*]}) as root" >&2
    exit 1
  fi
  echo "# apt-get install ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ -n "$vs" ]; then
  command -v node >/dev/null || { echo "setup.sh: Node.js 20 is required for the peers" >&2; exit 1; }
  peers=$WORK/peers
  # installed already when both peers load (better-sqlite3 is a native module)
  if ! (cd "$peers/yoga" 2>/dev/null && node -e "require('better-sqlite3')(':memory:')" 2>/dev/null) ||
     ! (cd "$peers/postgraphile" 2>/dev/null && node -e "require('postgraphile')" 2>/dev/null); then
    echo "# installing the peers' npm packages into $peers (about a minute)"
    mkdir -p "$WORK"
    PEERS=$peers "$SHARED/bench/peers/install.sh"
  fi
fi
