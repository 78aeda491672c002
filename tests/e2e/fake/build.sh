#!/usr/bin/env bash
# Builds build/fake/relata: the real HTTP layer (src/server, src/cli/serve.c, src/base)
# linked against the test-only fake executor in this directory, for developing
# tests/e2e/http.test.mjs before src/exec/ exists. Run from the repository root:
#   tests/e2e/fake/build.sh [asan] && RELATA_BIN=build/fake/relata node --test tests/e2e/http.test.mjs
set -eu
flags="-O1 -g"
out=build/fake
if [ "${1:-}" = asan ]; then flags="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"; out=build/fake-asan; fi
mkdir -p "$out"
gcc -std=gnu11 -Wall -Wextra -Isrc -pthread $flags $(pkg-config --cflags libmicrohttpd jansson) \
    src/base/*.c src/server/*.c src/cli/serve.c tests/e2e/fake/fake_exec.c tests/e2e/fake/main.c \
    $(pkg-config --libs libmicrohttpd jansson) -o "$out/relata"
echo "built $out/relata"
