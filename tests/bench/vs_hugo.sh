#!/usr/bin/env bash
# Benchmark: plansite against Hugo and Eleventy on the same synthetic bilingual site, in pairs.
# Usage: tests/bench/vs_hugo.sh [N] [PAIRS]   (N workstreams per language, default 10000; PAIRS 3)
#   PEERS="hugo eleventy"  the peers, in this order (default both; PEERS=hugo skips Eleventy)
#   OUT_BASE=DIR           where the outputs go (default /dev/shm, a tmpfs, so that the programs
#                          are measured rather than the disk; OUT_BASE=/tmp to measure a disk)
#   HUGO=PATH              the hugo to run (default: hugo on PATH, installed with apt-get if missing)
# The sites: tests/bench/gen_site.py (plansite), gen_hugo_site.py (Hugo) and gen_eleventy_site.py
# (Eleventy, from the Hugo site's very Markdown files), N workstreams per language each.
# Eleventy is the version pinned in tests/bench/eleventy/package-lock.json, installed with npm ci
# into build/bench-node/ (again only when the lock file changes); nothing else is downloaded.
# Runs go in pairs, plansite then a peer, A B A B: for each pair, each peer in turn,
#   plansite, hugo, plansite, eleventy, ...
# and each pair gives the ratios of the peer's wall time and peak memory to plansite's just
# before it, so that a change of load on this shared machine hits both sides of a ratio alike.
# Wall time is measured around each run (ms), peak memory (RSS) by /usr/bin/time. Printed: every
# pair, then per program the medians of wall time and peak RSS, per peer the per-pair ratios'
# median and range (min-max), wall time and peak memory (peer / plansite: 10x means plansite is
# ten times faster, or needs a tenth of the memory), then the floor
# (build/tests/bench_floor: what listing, reading, YAML, cmark-gfm and writing cost alone), with
# the write step both for plansite's output and for each peer's (the same content, other bytes).
# A program that fails, or writes fewer than 2N files, stops the script with its own messages.
set -euo pipefail
n=${1:-10000}
pairs=${2:-3}
peers=${PEERS:-hugo eleventy}
hugo=${HUGO:-hugo}
repo=$(cd "$(dirname "$0")/../.." && pwd)
bench=$repo/tests/bench
out_base=${OUT_BASE:-$( [ -d /dev/shm ] && echo /dev/shm || echo /tmp )}
node_dir=$repo/build/bench-node
eleventy_bin=$node_dir/node_modules/@11ty/eleventy/cmd.cjs
die() { echo "vs_hugo.sh: $*" >&2; exit 1; }

[[ $n =~ ^[1-9][0-9]*$ && $pairs =~ ^[1-9][0-9]*$ ]] || die "usage: vs_hugo.sh [N] [PAIRS] (positive integers)"
for p in $peers; do
  [[ $p == hugo || $p == eleventy ]] || die "unknown peer '$p' in PEERS (hugo, eleventy)"
done
[ -d "$out_base" ] && [ -w "$out_base" ] || die "OUT_BASE $out_base is not a writable folder"

apt_install() {   # package: installs it with apt-get, or says why not
  echo "installing $1 with apt-get" >&2
  { apt-get install -y -qq "$1" || { apt-get update -qq && apt-get install -y -qq "$1"; }; } \
    >/dev/null 2>&1 || die "$1 is missing and 'apt-get install $1' failed (not root? offline?)"
}
[ -x /usr/bin/time ] || apt_install time
case " $peers " in *" hugo "*)
  if [ -n "${HUGO:-}" ]; then
    command -v "$hugo" >/dev/null || die "HUGO=$hugo is not a program; unset HUGO, or PEERS=eleventy to run without Hugo"
  else
    command -v hugo >/dev/null || apt_install hugo
  fi
  "$hugo" version >/dev/null 2>&1 || die "'$hugo version' fails: Hugo is not usable (PEERS=eleventy runs without it)";;
esac
case " $peers " in *" eleventy "*)
  command -v node >/dev/null || die "node is not installed (apt-get install nodejs), or PEERS=hugo to run without Eleventy"
  [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 18 ] || die "Eleventy 3 needs Node 18 or later, this is $(node --version)"
  if ! cmp -s "$bench/eleventy/package-lock.json" "$node_dir/package-lock.json" || [ ! -f "$eleventy_bin" ]; then
    command -v npm >/dev/null || die "npm is not installed (apt-get install npm), or PEERS=hugo to run without Eleventy"
    mkdir -p "$node_dir"
    rm -f "$node_dir/package-lock.json"   # so that a failed install is tried again next time
    cp "$bench/eleventy/package.json" "$node_dir/"
    echo "installing Eleventy into $node_dir (npm ci)"
    if ! (cd "$node_dir" && cp "$bench/eleventy/package-lock.json" . && npm ci --no-audit --no-fund) >"$node_dir/npm-ci.log" 2>&1; then
      rm -f "$node_dir/package-lock.json"
      tail -5 "$node_dir/npm-ci.log" >&2
      die "npm ci failed in $node_dir (the npm registry unreachable? log: $node_dir/npm-ci.log); PEERS=hugo runs without Eleventy"
    fi
  fi
  want=$(sed -n 's/.*"@11ty\/eleventy": *"\([^"]*\)".*/\1/p' "$bench/eleventy/package.json")
  got=$(node "$eleventy_bin" --version 2>/dev/null) || die "Eleventy in $node_dir does not run (node $eleventy_bin --version)"
  [ "$got" = "$want" ] || die "Eleventy $got in $node_dir, but $want is pinned: rm -rf $node_dir and run again";;
esac
if [ ! -x "$repo/build/plansite" ] || [ ! -x "$repo/build/tests/bench_floor" ]; then
  echo "building plansite in $repo/build"
  (cd "$repo" && cmake -S . -B build >/dev/null && cmake --build build -j2 >/dev/null) ||
    die "cannot build plansite and bench_floor in $repo/build"
fi

work=$(mktemp -d)
trap 'rm -rf "$work" "$out_base"/plansite-bench-$$-*' EXIT
echo "generating the sites: $n workstreams per language, in $work"
python3 "$bench/gen_site.py" "$n" "$work/plansite"
python3 "$bench/gen_hugo_site.py" "$n" "$work/hugo" >/dev/null
case " $peers " in *" eleventy "*) python3 "$bench/gen_eleventy_site.py" "$work/hugo" "$work/eleventy";; esac
versions="plansite $("$repo/build/plansite" --version | cut -d' ' -f2)"
case " $peers " in *" hugo "*) versions+=", $("$hugo" version | cut -d' ' -f1-2)";; esac
case " $peers " in *" eleventy "*) versions+=", Eleventy $(node "$eleventy_bin" --version) (node $(node --version))";; esac
echo "$versions; $(nproc) cores; output in $out_base"

run_cmd() {   # name: the command that builds that program's site into the folder given after it
  case $1 in
    plansite) echo "$repo/build/plansite build -s $work/plansite -d";;
    hugo) echo "$hugo --quiet -d";;
    eleventy) echo "node $eleventy_bin --config=eleventy.config.cjs --quiet --output";;
  esac
}

# measure NAME: one run; "wall_s rss_kib" appended to $work/NAME.txt and left in $last. Its output
# stays in $out_base until the next run of the same program (the floor reproduces the last one).
measure() {
  local name=$1 dest=$out_base/plansite-bench-$$-$1 dir=$work/$1 t0 t1 rss files
  [ "$name" = plansite ] && dir=$work
  rm -rf "$dest"
  sync
  t0=$(date +%s%N)
  # shellcheck disable=SC2046
  if ! (cd "$dir" && /usr/bin/time -f %M -o "$work/rss.txt" $(run_cmd "$name") "$dest") >"$work/$name.log" 2>&1; then
    tail -20 "$work/$name.log" >&2
    die "$name failed (its output above; the command: cd $dir && $(run_cmd "$name") $dest)"
  fi
  t1=$(date +%s%N)
  rss=$(tail -1 "$work/rss.txt")
  files=$({ find "$dest" -type f 2>/dev/null || true; } | wc -l)
  [ "$files" -ge $((2 * n)) ] || die "$name wrote $files files for $((2 * n)) workstreams: not the whole site (log: $(tail -3 "$work/$name.log"))"
  [ -f "$work/$name.files" ] || echo "$files $(du -sb "$dest" | cut -f1)" >"$work/$name.files"
  last="$(awk "BEGIN{printf \"%.3f\", ($t1 - $t0) / 1e9}") $rss"
  echo "$last" >>"$work/$name.txt"
}

show() { awk '{printf "%.3f s, %.0f MiB", $1, $2 / 1024}' <<<"$1"; }
for r in $(seq "$pairs"); do
  for p in $peers; do
    measure plansite
    a=$last
    measure "$p"
    b=$last
    ratio=$(awk -v a="${a%% *}" -v b="${b%% *}" 'BEGIN{if (a <= 0) exit 1; printf "%.2f", b / a}') ||
      die "plansite's wall time measured as 0"
    mratio=$(awk -v a="${a##* }" -v b="${b##* }" 'BEGIN{if (a <= 0) exit 1; printf "%.2f", b / a}') ||
      die "plansite's peak memory measured as 0"
    echo "$ratio" >>"$work/ratio-$p.txt"
    echo "$mratio" >>"$work/mratio-$p.txt"
    echo "pair $r: plansite $(show "$a"); $p $(show "$b") -> $p / plansite: wall ${ratio}x, peak memory ${mratio}x"
  done
done

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
col_median() { cut -d' ' -f"$2" "$work/$1.txt" | median; }
echo "summary, N = $n workstreams per language ($(find "$work/plansite" -name '*.md' | wc -l) Markdown files for plansite, $(find "$work/hugo/content" -name '*.md' | wc -l) for the peers), $pairs pairs per peer:"
for p in plansite $peers; do
  read -r files bytes <"$work/$p.files"
  printf "  %-9s median wall %.3f s, median peak RSS %.0f MiB (%d runs); writes %d files, %.0f MB\n" \
    "$p" "$(col_median "$p" 1)" "$(awk "BEGIN{print $(col_median "$p" 2) / 1024}")" \
    "$(wc -l <"$work/$p.txt")" "$files" "$(awk "BEGIN{print $bytes / 1e6}")"
done
for p in $peers; do
  for kind in ratio:"wall time  " mratio:"peak memory"; do
    f=$work/${kind%%:*}-$p.txt
    sort -g "$f" | awk -v p="$p" -v k="${kind#*:}" -v m="$(median <"$f")" -v n="$pairs" \
      '{a[NR]=$1} END {printf "  %s / plansite %s, per pair (%d pairs): median %.2fx, range %.2fx-%.2fx\n", p, k, n, m, a[1], a[NR]}'
  done
done

floor_args=()
for p in $peers; do floor_args+=(--peer "$p=$out_base/plansite-bench-$$-$p"); done
echo "the floor, measured apart (bench_floor, one core; output trees of the last runs):"
"$repo/build/tests/bench_floor" "${floor_args[@]}" --scratch "$out_base" "$work/plansite" \
  "$out_base/plansite-bench-$$-plansite" >"$work/floor.txt" || die "bench_floor failed (its message above)"
sed 's/^/  /' "$work/floor.txt"
