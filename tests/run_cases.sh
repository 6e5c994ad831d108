#!/usr/bin/env bash
# End-to-end golden cases. Usage: run_cases.sh PLANSITE CASES_DIR [--update]
#
# tests/cases/_base/site is a small complete site. Every other folder is a case:
#   overlay/            files copied over the base site (paths relative to the site folder)
#   remove              files of the base site to delete, one per line
#   command             "build" (default) or "check"
#   args                extra command-line arguments (one line)
#   argv                extra command-line arguments, one per line (an empty line: an empty one)
#   commands            instead of command/args: plansite command lines, one per line, run in
#                       order in the case's folder (the site is "site", the destination "out");
#                       every one but the last must succeed; the last one's status is checked
#                       and the standard error of all of them is compared
#   expected-files      lines "PATH TEXT": the file PATH (relative to the case's folder, e.g.
#                       site/content/pages/x.yaml) holds TEXT
#   expected-status     the exit status (default 0)
#   expected-stderr.txt what plansite prints on standard error, exactly
#   expected/           the whole output (HTML, XML, JSON, CSV; theme assets aside), exactly
#   expected-contains   lines "FILE TEXT": the output file FILE holds TEXT (a fixed string)
#   expected-lacks      lines "FILE TEXT": the output file FILE does not hold TEXT
#   foreign-dest        the destination is not an earlier build: no .plansite-build (and when the
#                       file says "dotfiles-only", it holds only a .gitkeep, no marker file)
# A failing build must leave the destination exactly as it was: every case starts with a
# destination holding one marker file (and .plansite-build, as an earlier build leaves it), and a
# failing case checks they are still all there is.
# --update rewrites expected-stderr.txt and expected/ from what the program does now.
# `plansite new` finds the vocabularies and the default theme in PLANSITE_DATADIR, staged here
# from the repository as an install would lay them out (share/plansite/{themes,data}).
export PLANSITE_PAGEFIND=off   # golden outputs: no search index (tests/test_search.sh covers it)
# golden outputs: every "last updated" date and sitemap lastmod is this day (the copied files are
# newer; no date is later than SOURCE_DATE_EPOCH); tests/test_lastmod.sh covers the dates
export SOURCE_DATE_EPOCH=1704067200   # 2024-01-01
set -u
plansite=$1
cases=$2
update=${3:-}
repo=$(cd "$cases/../.." && pwd)
passed=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/_share/data" && cp -r "$repo/themes" "$work/_share/themes" &&
  cp "$repo"/content/data/*.yaml "$work/_share/data/"
export PLANSITE_DATADIR="$work/_share"

fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

prepare_site() {   # case_dir site_dir
  cp -r "$cases/_base/site" "$2"
  [ -d "$2/themes" ] || cp -r "$repo/themes" "$2/themes"
  [ -d "$1/overlay" ] && cp -r "$1/overlay/." "$2/"
  if [ -f "$1/remove" ]; then
    while read -r f; do [ -n "$f" ] && rm -rf "${2:?}/$f"; done < "$1/remove"
  fi
}

compare_tree() {   # got want -> 0 when equal
  diff -r --exclude=css --exclude=js "$1" "$2" > "$work/diff.txt" 2>&1
}

check_texts() {   # list_file out_dir yes|no -> 1 with $why set at the first line that does not hold
  local file text
  [ -f "$1" ] || return 0
  while read -r file text; do
    [ -n "$file" ] || continue
    if [ ! -f "$2/$file" ]; then why="$file: no such output file"; return 1; fi
    if grep -qF -- "$text" "$2/$file"; then
      [ "$3" = yes ] || { why="$file holds: $text"; return 1; }
    else
      [ "$3" = no ] || { why="$file lacks: $text"; return 1; }
    fi
  done < "$1"
  return 0
}

run_commands() {   # commands_file case_folder -> 1 with $why when a command but the last failed
  local line a rc=0 n=0 total
  total=$(grep -c . "$1")
  : > "$2/stdout.txt"; : > "$2/stderr.txt"
  while read -r line; do
    [ -n "$line" ] || continue
    n=$((n + 1))
    read -r -a a <<< "$line"
    (cd "$2" && "$plansite" "${a[@]}" >> stdout.txt 2>> stderr.txt); rc=$?
    if [ "$rc" != 0 ] && [ "$n" -lt "$total" ]; then why="'plansite $line' exited with $rc"; return 1; fi
  done < "$1"
  last_status=$rc
  return 0
}

run_case() {
  local dir=$1 name
  name=$(basename "$dir")
  local t="$work/$name"
  mkdir -p "$t"
  prepare_site "$dir" "$t/site"
  mkdir -p "$t/out" && echo "previous site" > "$t/out/marker.html"
  local before="./.plansite-build ./marker.html "
  if [ -f "$dir/foreign-dest" ] && grep -q dotfiles-only "$dir/foreign-dest"; then
    rm "$t/out/marker.html" && echo "kept" > "$t/out/.gitkeep" && before="./.gitkeep "
  elif [ -f "$dir/foreign-dest" ]; then before="./marker.html "
  else echo "an earlier build" > "$t/out/.plansite-build"; fi
  local cmd=build want_status=0 status
  [ -f "$dir/command" ] && cmd=$(cat "$dir/command")
  [ -f "$dir/expected-status" ] && want_status=$(cat "$dir/expected-status")
  local args=()
  [ -f "$dir/args" ] && read -r -a args < "$dir/args"
  [ -f "$dir/argv" ] && mapfile -t args < "$dir/argv"
  if [ -f "$dir/commands" ]; then
    cmd=commands
    run_commands "$dir/commands" "$t" || { fail "$name" "$why"; cat "$t/stderr.txt"; return; }
    status=$last_status
  elif [ "$cmd" = check ]; then
    (cd "$t" && "$plansite" check -s site "${args[@]}" > stdout.txt 2> stderr.txt); status=$?
  else
    (cd "$t" && "$plansite" build -s site -d out -j 2 "${args[@]}" > stdout.txt 2> stderr.txt); status=$?
  fi
  if [ "$update" = --update ]; then
    cp "$t/stderr.txt" "$dir/expected-stderr.txt"
    if [ "$status" = 0 ] && [ "$cmd" = build ]; then rm -rf "$dir/expected"; cp -r "$t/out" "$dir/expected"; rm -rf "$dir/expected/css" "$dir/expected/js"; fi
    echo "updated $name"; passed=$((passed + 1)); return
  fi
  [ "$status" = "$want_status" ] || { fail "$name" "exit status $status, expected $want_status"; cat "$t/stderr.txt"; return; }
  if [ -f "$dir/expected-stderr.txt" ] && ! diff -u "$dir/expected-stderr.txt" "$t/stderr.txt" > "$work/d.txt"; then
    fail "$name" "standard error differs:"; cat "$work/d.txt"; return
  fi
  if [ "$status" != 0 ] || [ "$cmd" = check ]; then
    # nothing written: the marker is all the destination holds, and no temporary folder is left
    if [ "$(cd "$t/out" && find . -mindepth 1 | sort | tr '\n' ' ')" != "$before" ] ||
       { [ -f "$t/out/marker.html" ] && [ "$(cat "$t/out/marker.html")" != "previous site" ]; } ||
       ls -d "$t"/out.tmp-* >/dev/null 2>&1; then
      fail "$name" "the destination was changed"; return
    fi
  fi
  if [ -d "$dir/expected" ] && ! compare_tree "$t/out" "$dir/expected"; then
    fail "$name" "output differs from expected/:"; head -40 "$work/diff.txt"; return
  fi
  check_texts "$dir/expected-contains" "$t/out" yes || { fail "$name" "$why"; return; }
  check_texts "$dir/expected-lacks" "$t/out" no || { fail "$name" "$why"; return; }
  check_texts "$dir/expected-files" "$t" yes || { fail "$name" "$why"; return; }
  passed=$((passed + 1))
}

for dir in "$cases"/*/; do
  case $(basename "$dir") in _*) continue ;; esac
  run_case "${dir%/}"
done
echo "cases: $passed passed, $failed failed"
[ "$failed" = 0 ]
