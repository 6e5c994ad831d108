#!/usr/bin/env bash
# README command 2: the whole test suite — unit tests, the Mustache spec, golden end-to-end cases,
# the content checks, serve, browser checks (Nu HTML Checker, axe-core, links, PDFs), then the
# same suite (browser checks aside) under AddressSanitizer + UndefinedBehaviorSanitizer, and the
# spec run under valgrind. Installs what it needs when missing. Warnings are errors.
set -euo pipefail
cd "$(dirname "$0")/../.."
tests/tools/deps.sh test
jobs=$(nproc)

echo "== build (warnings as errors)"
cmake -S . -B build -DPLANSITE_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs" >/dev/null
echo "== ASan+UBSan build"
cmake -S . -B build-asan -DPLANSITE_WERROR=ON -DPLANSITE_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-asan -j"$jobs" >/dev/null

echo "== sanitizers: every test but the browser checks"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1 \
   ctest --output-on-failure -E '^browser$')

echo "== valgrind: the Mustache spec run (tests/mustache-spec)"
# No pipe (whose status pipefail would take): the output is kept, its last line shown, and a
# failure is reported at the end, after the whole suite has run.
valgrind_ok=1
spec_out=$(valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect \
  --error-exitcode=1 build/tests/mustache_spec tests/mustache-spec 2>&1) || valgrind_ok=0
if [ "$valgrind_ok" = 1 ]; then printf '%s\n' "${spec_out##*$'\n'}"; else printf '%s\n' "$spec_out"; fi

echo "== the whole suite"
(cd build && ctest --output-on-failure)
[ "$valgrind_ok" = 1 ] || { echo "FAILED: the Mustache spec under valgrind (see above)"; exit 1; }
