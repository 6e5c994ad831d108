#!/usr/bin/env bash
# "Last updated" and the sitemap's lastmod (issue 14): from the files' modification times when the
# site is not a git checkout, from git's history when it is, never later than SOURCE_DATE_EPOCH.
# Usage: test_lastmod.sh PLANSITE SOURCE_DIR
set -u
plansite=$1
src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PLANSITE_PAGEFIND=off
unset SOURCE_DATE_EPOCH
failed=0
fail() { echo "FAIL: $1"; failed=$((failed + 1)); }
has() {   # file text why
  grep -qF -- "$2" "$1" || fail "$3: $(basename "$(dirname "$1")")/$(basename "$1") lacks: $2"
}
lastmod_of() {   # sitemap loc -> its <lastmod>
  awk -v loc="<loc>$2</loc>" '$0 ~ loc { getline; print; exit }' "$1" | sed 's/ *<\/\?lastmod>//g'
}
site() {   # dir: a copy of the small test site with the theme
  cp -r "$src/tests/cases/_base/site" "$1" && cp -r "$src/themes" "$1/themes"
}
ws=content/plans/2024-2025/01-datos
base=https://example.org/plans

# 1. Not a git checkout: modification times. Every file is older than the workstream's.
site "$work/m"
find "$work/m/content" -type f -exec touch -d '2020-01-01 12:00 UTC' {} +
touch -d '2021-03-04 10:00 UTC' "$work/m/$ws.yaml"
"$plansite" build -s "$work/m" -d "$work/m-out" > /dev/null 2>&1 || fail "build (mtimes)"
page="$work/m-out/es/planes/2024-2025/01-datos/index.html"
has "$page" '<time datetime="2021-03-04">4 de marzo de 2021</time>' "the workstream's date"
has "$work/m-out/en/workplans/2024-2025/01-datos/index.html" '<time datetime="2021-03-04">4 March 2021</time>' "the workstream's date (en)"
has "$work/m-out/es/planes/2024-2025/index.html" '<time datetime="2021-03-04">' "its plan lists it"
[ "$(lastmod_of "$work/m-out/sitemap.xml" "$base/es/planes/2024-2025/01-datos/")" = 2021-03-04 ] ||
  fail "sitemap: the workstream's lastmod is not 2021-03-04"
[ "$(lastmod_of "$work/m-out/sitemap.xml" "$base/es/documentos/")" = 2020-01-01 ] ||
  fail "sitemap: a page that does not list the workstream keeps 2020-01-01"

# SOURCE_DATE_EPOCH bounds every date: 2020-06-01 < 2021-03-04
SOURCE_DATE_EPOCH=1590969600 "$plansite" build -s "$work/m" -d "$work/m-sde" > /dev/null 2>&1 || fail "build (SOURCE_DATE_EPOCH)"
has "$work/m-sde/es/planes/2024-2025/01-datos/index.html" '<time datetime="2020-06-01">' "SOURCE_DATE_EPOCH bounds the date"
grep -h '<lastmod>' "$work/m-sde/sitemap.xml" | grep -qv '2020-0[16]-01' && fail "a lastmod later than SOURCE_DATE_EPOCH"

# 2. A git checkout: the last commit that touched a file, whatever its modification time.
site "$work/g"
(
  cd "$work/g" && git init -q && git config user.email t@example.org && git config user.name t &&
  git add -A && GIT_AUTHOR_DATE='2022-05-06T08:00:00Z' GIT_COMMITTER_DATE='2022-05-06T08:00:00Z' git commit -qm one &&
  echo "# edited" >> "$ws.yaml" && git add -A &&
  GIT_AUTHOR_DATE='2023-07-08T08:00:00Z' GIT_COMMITTER_DATE='2023-07-08T08:00:00Z' git commit -qm two
) || fail "git setup"
touch -d '2025-01-01 UTC' "$work/g/$ws.yaml"   # not what git says: ignored
"$plansite" build -s "$work/g" -d "$work/g-out" > /dev/null 2>&1 || fail "build (git)"
has "$work/g-out/es/planes/2024-2025/01-datos/index.html" '<time datetime="2023-07-08">8 de julio de 2023</time>' "git's date of the workstream"
has "$work/g-out/es/planes/2024-2025/02-retorno/index.html" '<time datetime="2022-05-06">' "git's date of an unchanged workstream"
[ "$(lastmod_of "$work/g-out/sitemap.xml" "$base/en/workplans/2024-2025/01-datos/")" = 2023-07-08 ] ||
  fail "sitemap: git's lastmod of the workstream"

# 3. serve, in that git checkout: the files' times (a preview runs no git log per save), so the
# workstream touched to 2025-01-01 (its other files to 2020) shows that day, not git's 2023-07-08
find "$work/g/content" -type f -exec touch -d '2020-01-01 12:00 UTC' {} +
touch -d '2025-01-01 UTC' "$work/g/$ws.yaml"
"$plansite" serve -s "$work/g" -p 0 > "$work/serve.out" 2> "$work/serve.err" &
spid=$!
url=""
for i in $(seq 1 300); do   # up to 30 s: an ASan build on a busy machine is slow to start
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/serve.out" 2> /dev/null | head -1)
  [ -n "$url" ] && curl -sf "${url}es/planes/2024-2025/01-datos/" -o "$work/serve-ws.html" && break
  sleep 0.1
done
kill -TERM "$spid" 2> /dev/null
wait "$spid" 2> /dev/null
if [ -s "$work/serve-ws.html" ]; then
  has "$work/serve-ws.html" '<time datetime="2025-01-01">1 de enero de 2025</time>' "serve: the file's time, not git's"
else
  fail "serve did not serve the workstream page ($(head -c 300 "$work/serve.err"))"
fi
[ "$failed" = 0 ] && echo "lastmod: all passed"
[ "$failed" = 0 ]
