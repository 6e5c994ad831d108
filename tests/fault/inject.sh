#!/usr/bin/env bash
# Fault injection: a build that meets an I/O error anywhere fails and leaves the destination as it
# was. Usage: inject.sh PLANSITE REPO
#
# On the golden cases' base site, strace makes one system call fail at a time: read and pread64
# (EIO), write (ENOSPC, EIO), openat (EMFILE, ENOSPC) at sampled invocation numbers of the main
# thread on plansite's own files between the first content file and the swap (first, last and
# evenly spaced ones, counted by a first traced run), each read of a few input files (-P), the
# rename of the swap, and the Pagefind step (a stand-in program). Every
# time: exit status 1, the destination byte-identical to before (diff -r), no DEST.tmp-* left,
# and an error line that names a file. Then a full disk (every page's open fails with ENOSPC):
# one "cannot write" line that names the first file and counts the others.
set -u
plansite=$(realpath "$1")
repo=$(realpath "$2")
if ! command -v strace > /dev/null; then echo "strace is missing (tests/tools/deps.sh test)"; exit 1; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 1
export LC_ALL=C
# no search index in the sampled builds (a Pagefind on PATH would change the calls); the Pagefind
# step has its own cases below, with a stand-in program
export PLANSITE_PAGEFIND=off
# LeakSanitizer cannot run under ptrace (the other tests look for leaks)
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
cp -r "$repo/tests/cases/_base/site" site
cp -r "$repo/themes" site/themes
"$plansite" build -s site -d out -j 1 > /dev/null 2>&1 || { echo "the site does not build"; exit 1; }
cp -a out ref
passed=0
failed=0
fail() { echo "FAIL $1: $2"; sed 's/^/    /' se.txt | head -8; failed=$((failed + 1)); }

# One build under strace with the given options; checks the promises.
run() {   # label strace-options...
  local label=$1 status
  shift
  rm -rf out && cp -a ref out
  strace -f -qq -y -o trace.txt "$@" "$plansite" build -s site -d out -j 1 > so.txt 2> se.txt
  status=$?
  # a sampled call that landed on I/O that is not plansite's (AddressSanitizer reads
  # /proc/self/maps at times that vary from run to run, shifting the main thread's numbering):
  # not a case of this test; the caller samples the next call instead
  if [ "$status" = 0 ] && grep -qF '(INJECTED)' trace.txt &&
     ! grep -F '(INJECTED)' trace.txt | grep -qF "<$work/"; then
    return 2
  fi
  if [ "$status" != 1 ]; then
    fail "$label" "exit status $status, expected 1"
    grep -F '(INJECTED)' trace.txt | head -3 | sed 's/^/    injected: /'   # which call it hit
    return
  fi
  if ! diff -r ref out > diff.txt 2>&1; then fail "$label" "the destination changed"; head -5 diff.txt; return; fi
  if ls -d out.tmp-* > /dev/null 2>&1; then fail "$label" "a temporary folder was left"; return; fi
  if ! grep -v -e ': warning: ' -e '^plansite: ' se.txt | grep -qE '^[^ :]+(:[0-9]+:[0-9]+)?: '; then
    fail "$label" "no error names a file"; return
  fi
  passed=$((passed + 1))
}

# A counting run: every traced call of the main thread, with its file (-y).
strace -f -qq -y -o count.log -e trace=read,pread64,write,openat,rename,renameat2 \
  "$plansite" build -s site -d out -j 1 > /dev/null 2>&1 || { echo "the counting run failed"; exit 1; }
main=$(awk 'NR == 1 { print $1 }' count.log)

# The invocation numbers of syscall $1 in the main thread, from the first content file to the
# swap, that are plansite's own I/O: calls on a file under the work folder (-y shows it, for openat
# on the returned descriptor). Reads glibc makes for itself (/sys/devices/system/cpu/online for
# sysconf in sys_ncpus, locale files) and writes to standard output and error are not sampled:
# their failure is not plansite's to report, and counting only them keeps the samples on
# plansite's files whatever such calls are added or moved.
own_calls() {
  awk -v pid="$main" -v sc="$1" -v own="<$work/" '
    $1 != pid { next }
    /content\/site\.yaml/ { seen = 1 }
    index($2, sc "(") == 1 { n++; if (seen && !swapped && index($0, own)) print n }
    index($2, "renameat2(") == 1 { swapped = 1 }' count.log
}

# first, last and six evenly spaced ones of the invocation numbers on standard input
samples() {
  awk '{ v[NR] = $1 } END { if (!NR) exit; for (k = 0; k <= 7; k++) print v[1 + int((NR - 1) * k / 7)] }' |
    sort -nu
}

for spec in read:EIO pread64:EIO write:ENOSPC write:EIO openat:EMFILE openat:ENOSPC; do
  sc=${spec%%:*}
  err=${spec#*:}
  picks=$(own_calls "$sc" | samples)
  if [ -z "$picks" ]; then echo "FAIL $sc: not seen in the counting run"; failed=$((failed + 1)); continue; fi
  for n in $picks; do
    k=0
    while :; do
      run "$sc=$err at call $((n + k))" -e trace="$sc" -e inject="$sc:error=$err:when=$((n + k))"
      rc=$?
      if [ "$rc" != 2 ] || [ $k -ge 5 ]; then break; fi
      k=$((k + 1))
    done
    if [ "$rc" = 2 ]; then fail "$sc=$err from call $n" "six calls in a row were not plansite's"; fi
  done
done

# each read of some input files: the configuration, a data file, a workstream, a template, a
# static file
for f in site/content/site.yaml site/content/data/entities.yaml \
         site/content/plans/2024-2025/01-datos.es.md site/themes/default/templates/plan.mustache \
         site/themes/default/static/css/handout.css; do
  [ -f "$f" ] || { echo "FAIL $f: no such input file"; failed=$((failed + 1)); continue; }
  run "read $f" -P "$work/$f" -e trace=read,pread64 -e inject=read,pread64:error=EIO
done

# the swap: the atomic exchange fails; then also the fallback's first or second rename
# the destination's listing (is it a folder plansite made?): unlisted, it cannot be replaced
run "list the destination" -P out -e trace=openat -e inject=openat:error=EMFILE:when=1
run "swap" -e trace=renameat2,rename -e inject=renameat2,rename:error=EIO
run "swap fallback 1" -e trace=renameat2,rename -e inject=renameat2:error=EINVAL \
  -e inject=rename:error=ENOSPC:when=1
run "swap fallback 2" -e trace=renameat2,rename -e inject=renameat2:error=EINVAL \
  -e inject=rename:error=ENOSPC:when=2

# a full disk: every page's write fails, from the first page (the first write into the new folder
# is the build mark) to the last one (the last is the final build mark)
read -r first last < <(awk -v pid="$main" '$1 == pid && index($2, "write(") == 1 { n++ }
  $1 == pid && index($2, "write(") == 1 && /out\.tmp-/ { if (++k == 2) first = n; last = n }
  END { print first + 0, last - 1 }' count.log)
run "full disk" -e trace=write -e inject="write:error=ENOSPC:when=$first..$last"
lines=$(grep -c 'cannot write' se.txt)
if [ "$lines" = 1 ] && grep -qE '^[^ ]*out\.tmp-[^ ]*: cannot write: No space left on device \(and [0-9]+ other files\)$' se.txt; then
  passed=$((passed + 1))
else
  fail "full disk" "expected one line 'FILE: cannot write: ... (and N other files)', got $lines"
fi

# The Pagefind step (src/site/build/search.c), with a stand-in that copies a prepared index into
# the new folder: a build whose Pagefind cannot start, meets an I/O error, is killed or writes no
# index is an error, and there is no swap.
mkdir index && echo '/* index */' > index/pagefind.js
printf '#!/bin/sh\nmkdir "$2/pagefind" || exit 1\nexec dd status=none if="%s/index/pagefind.js" of="$2/pagefind/pagefind.js"\n' \
  "$work" > fake
printf '#!/bin/sh\nexit 0\n' > fake-none
chmod +x fake fake-none
rm -rf out && cp -a ref out
if PLANSITE_PAGEFIND=$work/fake strace -f -qq -o /dev/null "$plansite" build -s site -d out -j 1 > so.txt 2> se.txt &&
   [ -f out/pagefind/pagefind.js ]; then passed=$((passed + 1)); else fail "stand-in Pagefind" "no index made"; fi
export PLANSITE_PAGEFIND=$work/fake
run "Pagefind cannot start" -f -P "$work/fake" -e trace=execve -e inject=execve:error=EIO
run "Pagefind read error" -f -P "$work/index/pagefind.js" -e trace=read -e inject=read:error=EIO
run "Pagefind killed" -f -P "$work/index/pagefind.js" -e trace=read -e inject=read:signal=KILL
PLANSITE_PAGEFIND=$work/fake-none run "Pagefind wrote no index"
export PLANSITE_PAGEFIND=off

echo "fault: $passed passed, $failed failed"
[ "$failed" = 0 ]
