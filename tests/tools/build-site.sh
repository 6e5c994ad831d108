#!/usr/bin/env bash
# README command 1: build plansite and render the bundled site into public/.
set -euo pipefail
cd "$(dirname "$0")/../.."
tests/tools/deps.sh build
tests/tools/deps.sh search || echo 'plansite: Pagefind could not be installed: the site is built without search' >&2
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
./build/plansite build --handouts -s . -d public
