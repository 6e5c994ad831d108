#!/usr/bin/env bash
# Hostile files in content/: a FIFO (build and check would block on it forever) and symbolic links
# (they could publish any file of the machine) are refused with an error that names them; serve
# still stops on SIGTERM. Usage: hostile.sh PLANSITE REPO
set -u
plansite=$(realpath "$1")
repo=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
export LC_ALL=C
passed=0
failed=0
fail() { echo "FAIL $1: $2"; sed 's/^/    /' se.txt | head -5; failed=$((failed + 1)); }
fresh() { rm -rf site out; cp -r "$repo/tests/cases/_base/site" site; cp -r "$repo/themes" site/themes; }

# build and check fail at once, naming the file with the expected message
expect() {   # label file message
  local cmd status
  for cmd in build check; do
    if [ "$cmd" = build ]; then timeout 10 "$plansite" build -s site -d out -j 1 > so.txt 2> se.txt
    else timeout 10 "$plansite" check -s site > so.txt 2> se.txt; fi
    status=$?
    if [ "$status" = 124 ]; then fail "$1 ($cmd)" "still running after 10 s"; continue; fi
    if [ "$status" != 1 ]; then fail "$1 ($cmd)" "exit status $status, expected 1"; continue; fi
    if ! grep -qF "$2: $3" se.txt; then fail "$1 ($cmd)" "no line '$2: $3'"; continue; fi
    if [ -e out ]; then fail "$1 ($cmd)" "the destination was made"; continue; fi
    passed=$((passed + 1))
  done
}

fifo="cannot read: not a regular file (a FIFO, socket or device)"
link="cannot read: it is a symbolic link"
for f in content/site.yaml content/data/entities.yaml content/pages/nota.es.md \
         content/pages/nota.yaml content/plans/2024-2025/01-datos.es.md \
         content/plans/2024-2025/plan.yaml; do
  fresh
  rm "site/$f" && mkfifo "site/$f"
  expect "FIFO $f" "site/$f" "$fifo"
done

# links to a file outside the site, to one inside, and a workplan folder linked from outside
mkdir -p outside && echo "secret" > outside/secret.txt
fresh
rm site/content/pages/nota.es.md && ln -s "$work/outside/secret.txt" site/content/pages/nota.es.md
expect "link out" site/content/pages/nota.es.md "$link"
fresh
mv site/content/pages/nota.en.md site/nota.en.md && ln -s ../../nota.en.md site/content/pages/nota.en.md
expect "link in" site/content/pages/nota.en.md "$link"
fresh
cp -r site/content/plans/2024-2025 outside/plan && ln -s "$work/outside/plan" site/content/plans/2026-2027
expect "folder link" site/content/plans/2026-2027 "$link"

# serve with a FIFO in content/ reports it and still stops on SIGTERM
fresh
rm site/content/pages/nota.es.md && mkfifo site/content/pages/nota.es.md
"$plansite" serve -s site -p 0 > so.txt 2> se.txt &
pid=$!
# wait (up to 30 s: a loaded machine, a sanitizer build) for the first build to report the FIFO
for i in $(seq 1 300); do
  grep -qF "site/content/pages/nota.es.md: $fifo" se.txt so.txt 2> /dev/null && break
  kill -0 "$pid" 2> /dev/null || break
  sleep 0.1
done
kill -TERM "$pid" 2> /dev/null
for i in $(seq 1 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2> /dev/null; then
  fail "serve" "still running 5 s after SIGTERM"
  kill -KILL "$pid"
elif ! grep -qF "site/content/pages/nota.es.md: $fifo" se.txt so.txt; then
  fail "serve" "the FIFO was not reported"
else
  passed=$((passed + 1))
fi
wait "$pid" 2> /dev/null

echo "hostile: $passed passed, $failed failed"
[ "$failed" = 0 ]
