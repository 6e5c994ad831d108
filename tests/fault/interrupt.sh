#!/usr/bin/env bash
# A build stopped by SIGINT or SIGTERM removes its temporary folder, leaves the destination as it
# was and exits 130 / 143; a later build removes the temporary folder that a killed build (-9)
# left, but not one it did not make. Usage: interrupt.sh PLANSITE REPO
set -u
set -m   # job control: a background build gets SIGINT as from Ctrl-C (else the shell ignores it)
plansite=$(realpath "$1")
repo=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
passed=0
failed=0
fail() { echo "FAIL $1: $2"; sed 's/^/    /' se.txt 2> /dev/null | head -5; failed=$((failed + 1)); }
python3 "$repo/tests/bench/gen_site.py" 1000 site > /dev/null || { echo "gen_site.py failed"; exit 1; }
"$plansite" build -s site -d out -j 1 > /dev/null 2>&1 || { echo "the site does not build"; exit 1; }
cp -a out ref

# Start a build, wait until it is writing pages into its temporary folder, send the signal.
interrupt() {   # signal expected-status
  local pid status i
  "$plansite" build -s site -d out -j 1 > so.txt 2> se.txt &
  pid=$!
  for i in $(seq 1 500); do
    ls -d out.tmp-*/es/* > /dev/null 2>&1 && break
    sleep 0.01
  done
  kill -"$1" "$pid"
  wait "$pid"
  status=$?
  if [ "$status" != "$2" ]; then fail "$1" "exit status $status, expected $2"; return; fi
  if ls -d out.tmp-* > /dev/null 2>&1; then fail "$1" "a temporary folder was left"; return; fi
  if ! diff -r ref out > /dev/null; then fail "$1" "the destination changed"; return; fi
  if ! grep -q "stopped by signal" se.txt; then fail "$1" "no message says why"; return; fi
  passed=$((passed + 1))
}
interrupt INT 130
interrupt TERM 143

# A build killed outright leaves its folder; the next build removes it, and keeps a folder of the
# same pattern that no build made.
"$plansite" build -s site -d out -j 1 > /dev/null 2>&1 &
pid=$!
for i in $(seq 1 500); do ls -d out.tmp-*/es/* > /dev/null 2>&1 && break; sleep 0.01; done
kill -KILL "$pid"
wait "$pid" 2> /dev/null
left=$(ls -d out.tmp-* 2> /dev/null | wc -l)
mkdir out.tmp-mine && echo "my notes" > out.tmp-mine/notes.txt
if [ "$left" != 1 ]; then
  fail "kill -9" "expected the killed build's temporary folder, found $left"
elif ! "$plansite" build -s site -d out -j 1 > so.txt 2> se.txt; then
  fail "stale" "the next build failed"
elif [ "$(ls -d out.tmp-* 2> /dev/null)" != "out.tmp-mine" ] || [ ! -f out.tmp-mine/notes.txt ]; then
  fail "stale" "expected only out.tmp-mine to remain, found: $(ls -d out.tmp-* 2> /dev/null | tr '\n' ' ')"
else
  passed=$((passed + 1))
fi

# The replaced build is set aside ("out.old-PID") and removed after the report: none is left. One
# that a killed build left (its pid gone) is removed by the next build; a folder of the same
# pattern that no build made is kept.
dead=$(sh -c 'echo $$')
cp -a out "out.old-$dead"
mkdir out.old-mine && echo "my notes" > out.old-mine/notes.txt
if ! "$plansite" build -s site -d out -j 1 > so.txt 2> se.txt; then
  fail "old" "the build failed"
elif [ "$(ls -d out.old-* 2> /dev/null)" != "out.old-mine" ] || [ ! -f out.old-mine/notes.txt ]; then
  fail "old" "expected only out.old-mine to remain, found: $(ls -d out.old-* 2> /dev/null | tr '\n' ' ')"
elif ! grep -q "^built " so.txt || ! diff -r ref out > /dev/null; then
  fail "old" "no summary, or the destination is not the site"
else
  passed=$((passed + 1))
fi

echo "interrupt: $passed passed, $failed failed"
[ "$failed" = 0 ]
