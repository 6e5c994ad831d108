#!/usr/bin/env bash
# Benchmark: plansite against Hugo on the same synthetic bilingual site, side by side in one run.
# Usage: tests/bench/vs_hugo.sh [N] [RUNS]     (N workstreams per language, default 10000; RUNS 3)
# Prints each run's wall time and peak memory (/usr/bin/time), the medians and the ratios, then
# the floor: what reading, parsing, cmark and writing the same files cost on their own
# (build/tests/bench_floor), a lower bound on any build of this site.
# Output goes to a tmpfs folder (/dev/shm) when there is one, so that both programs are measured
# rather than the disk; set OUT_BASE to measure on a disk instead.
set -euo pipefail
n=${1:-10000}
runs=${2:-3}
repo=$(cd "$(dirname "$0")/../.." && pwd)
out_base=${OUT_BASE:-$( [ -d /dev/shm ] && echo /dev/shm || echo /tmp )}
command -v hugo >/dev/null || { apt-get update -qq && apt-get install -y -qq hugo >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
[ -x "$repo/build/plansite" ] && [ -x "$repo/build/tests/bench_floor" ] ||
  (cd "$repo" && cmake -S . -B build >/dev/null && cmake --build build -j >/dev/null)
work=$(mktemp -d)
trap 'rm -rf "$work" "$out_base"/plansite-bench-$$-*' EXIT
echo "generating two sites of $n workstreams per language in $work"
python3 "$repo/tests/bench/gen_site.py" "$n" "$work/plansite"
python3 "$repo/../shared/bench/gen_hugo_site.py" "$n" "$work/hugo" >/dev/null
echo "plansite $("$repo/build/plansite" --version | cut -d' ' -f2), $(hugo version | cut -d' ' -f1-2), $(nproc) cores, output in $out_base"

measure() {   # name command... -> appends "wall rss" to $work/name.txt
  local name=$1 dest=$out_base/plansite-bench-$$-$1
  shift
  rm -rf "$dest"
  sync
  /usr/bin/time -f "%e %M" -o "$work/t.txt" "$@" "$dest" >/dev/null 2>&1
  cat "$work/t.txt" >> "$work/$name.txt"
  echo "  $name: $(awk '{printf "%.2f s, %.0f MiB", $1, $2/1024}' "$work/t.txt")"
  rm -rf "$dest"
}

for r in $(seq "$runs"); do
  echo "run $r"
  measure plansite "$repo/build/plansite" build -s "$work/plansite" -d
  (cd "$work/hugo" && measure hugo hugo --quiet -d)
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
pw=$(cut -d' ' -f1 "$work/plansite.txt" | median); hw=$(cut -d' ' -f1 "$work/hugo.txt" | median)
pm=$(cut -d' ' -f2 "$work/plansite.txt" | median); hm=$(cut -d' ' -f2 "$work/hugo.txt" | median)
pages=$(find "$work/plansite" -name '*.md' | wc -l)
echo "median wall: plansite $pw s, hugo $hw s -> plansite is $(awk "BEGIN{printf \"%.1f\", $hw/$pw}")x faster"
echo "median peak memory: plansite $(awk "BEGIN{printf \"%.0f\", $pm/1024}") MiB, hugo $(awk "BEGIN{printf \"%.0f\", $hm/1024}") MiB -> plansite uses $(awk "BEGIN{printf \"%.3f\", $pm/$hm}") of Hugo's"
echo "($pages Markdown files per site)"
floor_out=$out_base/plansite-bench-$$-floor
"$repo/build/plansite" build -s "$work/plansite" -d "$floor_out" >/dev/null 2>&1
echo "the floor, measured apart (one core; see README):"
"$repo/build/tests/bench_floor" "$work/plansite" "$floor_out" "$out_base" 2>/dev/null | sed 's/^/  /'
