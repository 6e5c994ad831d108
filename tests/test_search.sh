#!/usr/bin/env bash
# build and Pagefind (src/site/build/search.h): the build runs Pagefind over the new folder before
# the swap (a search index per language, the search pages); a failing Pagefind is a build error
# that leaves the destination untouched; without Pagefind, one warning and a site without index.
# Usage: test_search.sh PLANSITE SOURCE_DIR    Needs tools/pagefind (tests/tools/deps.sh search).
set -u
PLANSITE=$(realpath "$1"); SRC=$(realpath "$2")
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok - $*"; }
bad() { echo "not ok - $*"; fails=$((fails + 1)); }
PF=$SRC/tools/pagefind/node_modules/.bin/pagefind
[ -x "$PF" ] || "$SRC/tests/tools/deps.sh" search >/dev/null 2>&1
[ -x "$PF" ] || { bad "Pagefind not installed in $SRC/tools/pagefind"; exit 1; }

# 1. Pagefind found beside the source: an index per language, the search pages
env -u PLANSITE_PAGEFIND "$PLANSITE" build -s "$SRC" -d "$T/out" >"$T/log1" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q 'search index in' "$T/log1" && [ -f "$T/out/pagefind/pagefind.js" ] &&
   ls "$T/out/pagefind/" | grep -q '^pagefind\.es_.*pf_meta$' &&
   ls "$T/out/pagefind/" | grep -q '^pagefind\.en_.*pf_meta$' &&
   [ -f "$T/out/es/buscar/index.html" ] && [ -f "$T/out/en/search/index.html" ]; then
    ok "build runs Pagefind: es and en indexes, /es/buscar/ and /en/search/"
else bad "build with Pagefind (exit $rc)"; sed 's/^/    /' "$T/log1" | tail -5; fi
if grep -q 'data-pagefind-filter=' "$T/out/es/planes/"*/*/index.html 2>/dev/null &&
   grep -q 'action="\.\./\.\./\.\./\.\./es/buscar/"\|action="[./]*es/buscar/"' "$T/out/es/planes/"*/*/index.html; then
    ok "workstream pages carry filters and the header search form"
else bad "no filters or no search form on workstream pages"; fi

# 2. a failing Pagefind: a build error, the destination untouched
printf '#!/bin/sh\necho "fake pagefind failed" >&2\nexit 1\n' >"$T/fake"; chmod +x "$T/fake"
before=$(cd "$T/out" && find . -type f -printf '%p %s %T@\n' | sort | md5sum)
PLANSITE_PAGEFIND=$T/fake "$PLANSITE" build -s "$SRC" -d "$T/out" >"$T/log2" 2>&1
rc=$?
after=$(cd "$T/out" && find . -type f -printf '%p %s %T@\n' | sort | md5sum)
if [ $rc -ne 0 ] && [ "$before" = "$after" ] && grep -q 'fake pagefind failed' "$T/log2" &&
   [ -z "$(ls -d "$T"/out.tmp-* 2>/dev/null)" ]; then
    ok "a failing Pagefind: exit $rc, its message shown, destination untouched, no temporary left"
else bad "failing Pagefind (exit $rc)"; sed 's/^/    /' "$T/log2" | tail -5; fi

# 3. no Pagefind at all: one warning, a site without an index
mkdir -p "$T/src"; for e in "$SRC"/*; do [ "$(basename "$e")" = tools ] || ln -s "$e" "$T/src/"; done
env -u PLANSITE_PAGEFIND PATH=/usr/bin:/bin "$PLANSITE" build -s "$T/src" -d "$T/out3" >"$T/log3" 2>&1
rc=$?
n=$(grep -c 'Pagefind not found' "$T/log3")
if [ $rc -eq 0 ] && [ "$n" -eq 1 ] && [ ! -e "$T/out3/pagefind" ] && [ -f "$T/out3/es/buscar/index.html" ] &&
   grep -q 'search-unavailable' "$T/out3/es/buscar/index.html"; then
    ok "without Pagefind: exit 0, one warning, no index, the search page says search is unavailable"
else bad "without Pagefind (exit $rc, $n warnings)"; sed 's/^/    /' "$T/log3" | tail -5; fi
[ $fails -eq 0 ]
