#!/usr/bin/env bash
# Benchmark: two plansite binaries (e.g. before and after a change) and Hugo, interleaved on the
# same synthetic site, the order of the two alternating round by round so that neither always
# runs on a warmer machine. Prints per round: wall ms and peak RSS KiB of each; then the median
# and range of the per-round ratio NEW / OLD and HUGO / NEW.
# Usage: tests/bench/ab_plansite.sh OLD NEW [N] [ROUNDS]   (N per language, default 10000; 6)
#   OUT_BASE=DIR  where outputs go (default /dev/shm); PEER=none skips Hugo.
set -euo pipefail
old=$(realpath "${1:?usage: ab_plansite.sh OLD NEW [N] [ROUNDS]}")
new=$(realpath "${2:?new binary}")
n=${3:-10000}
rounds=${4:-6}
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=${OUT_BASE:-/dev/shm}/ab-$$
work=$(mktemp -d)
trap 'rm -rf "$work" "$out"-*' EXIT
python3 "$repo/tests/bench/gen_site.py" "$n" "$work/site" > /dev/null
hugo=""
if [ "${PEER:-hugo}" != none ] && command -v hugo > /dev/null; then
  hugo=hugo
  python3 "$repo/tests/bench/gen_hugo_site.py" "$n" "$work/hsite" > /dev/null
fi
t() {   # prints "ms kib"
  local s e
  s=$(date +%s%N)
  /usr/bin/time -f %M -o "$work/rss" "$@" > /dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  e=$(date +%s%N)
  echo "$(( (e - s) / 1000000 )) $(cat "$work/rss")"
}
for i in $(seq 1 "$rounds"); do
  rm -rf "$out"-*
  if [ $((i % 2)) = 1 ]; then
    a=$(t "$old" build -s "$work/site" -d "$out-old"); b=$(t "$new" build -s "$work/site" -d "$out-new")
  else
    b=$(t "$new" build -s "$work/site" -d "$out-new"); a=$(t "$old" build -s "$work/site" -d "$out-old")
  fi
  h="0 0"
  [ -n "$hugo" ] && h=$(t hugo --quiet -s "$work/hsite" -d "$out-hugo")
  echo "round $i: old $a | new $b | hugo $h"
done | tee "$work/rounds"
python3 - "$work/rounds" <<'PY'
import sys, statistics as st
rows = [l.split() for l in open(sys.argv[1])]
old = [int(r[3]) for r in rows]; new = [int(r[7]) for r in rows]; hugo = [int(r[11]) for r in rows]
def show(name, xs):
    print(f"{name}: median {st.median(xs):.2f}, range {min(xs):.2f}-{max(xs):.2f}")
show("new / old wall", [b / a for a, b in zip(old, new)])
if all(hugo):
    show("hugo / new wall", [h / b for h, b in zip(hugo, new)])
PY
