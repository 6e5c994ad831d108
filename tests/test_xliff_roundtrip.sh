#!/usr/bin/env bash
# The translators' round trip: export XLIFF, edit it with a standard tool (Debian's
# translate-toolkit, its Python API as a CAT tool would), import it; the translation files change
# exactly as expected, `check` no longer calls them outdated, and an export imported unedited
# changes no byte. A unit whose original changed since the export, an unknown id or a malformed
# file is an error naming it, and nothing is written.
# Usage: test_xliff_roundtrip.sh PLANSITE REPO
set -u
plansite=$1
repo=$2
py=/usr/bin/python3        # Debian's, where python3-translate is installed
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
ok() { echo "ok: $*"; }

site=$work/site
cp -r "$repo/tests/cases/_base/site" "$site" && cp -r "$repo/themes" "$site/themes"
plan=$site/content/plans/2024-2025
"$plansite" translations mark --all -s "$site" > /dev/null || fail "mark --all"
"$plansite" check -s "$site" > /dev/null 2> "$work/check0.txt"
grep -q outdated "$work/check0.txt" && fail "a freshly marked site has outdated translations"

# the Spanish original changes: one activity and the body's paragraph
sed -i 's/Organizar talleres\./Organizar tres talleres./; s/Resultados esperados: mejores datos\./Resultados esperados: mejores datos y más uso./' "$plan/01-datos.es.md"
"$plansite" check -s "$site" > /dev/null 2> "$work/check1.txt"
grep -qF "01-datos.en.md: warning: outdated translation: the Spanish original changed since (activity 2; paragraph 1)" "$work/check1.txt" \
  && ok "check names the outdated segments" || { fail "check's warning"; cat "$work/check1.txt"; }

# export, import unedited: no file changes (bytes compared)
"$plansite" translations export -s "$site" --lang en -o "$work/en.xlf" > /dev/null || fail "export"
cp -r "$site/content" "$work/before"
"$plansite" translations import -s "$site" "$work/en.xlf" > /dev/null || fail "unedited import failed"
diff -r "$work/before" "$site/content" > /dev/null && ok "an unedited import changes no file" \
  || fail "an unedited import changed: $(diff -r "$work/before" "$site/content" | head -5)"

# a CAT tool translates: translate-toolkit sets targets and marks them translated
"$py" - "$work/en.xlf" "$work/edited.xlf" <<'PY' || fail "translate-toolkit could not edit the XLIFF"
import sys
from translate.storage import xliff
store = xliff.xlifffile.parsefile(sys.argv[1])
targets = {
    "plans/2024-2025/01-datos#activity-2.text": "Hold three workshops.",
    "plans/2024-2025/01-datos#block-1": "Expected results: better data, used more.",
    "plans/2024-2025/02-retorno#title": 'Dignified "return"',
    "plans/2024-2025/02-retorno#activity-1": "Gather good practices.",
}
seen = 0
for unit in store.unit_iter():
    uid = unit.xmlelement.get("id")
    if uid in targets:
        unit.target = targets[uid]
        unit.markfuzzy(False)
        seen += 1
assert seen == len(targets), seen
with open(sys.argv[2], "wb") as f:
    f.write(bytes(store))
PY
cp "$plan/01-datos.en.md" "$work/want-datos.en.md"
sed -i 's/  - text: "Hold workshops\."/  - text: "Hold three workshops."/; s/^Expected results: better data\.$/Expected results: better data, used more./' "$work/want-datos.en.md"
cp -r "$site/content" "$work/before2"
"$plansite" translations import -s "$site" "$work/edited.xlf" > "$work/import.txt" 2>&1 \
  || { fail "import"; cat "$work/import.txt"; }
cmp -s "$plan/01-datos.en.md" "$work/want-datos.en.md" && ok "the edited translation changed exactly as expected" \
  || { fail "01-datos.en.md"; diff "$work/want-datos.en.md" "$plan/01-datos.en.md"; }
printf -- '---\ntitle: "Dignified \\"return\\""\nactivities:\n  - "Gather good practices."\n---\n' > "$work/want-retorno.en.md"
cmp -s "$plan/02-retorno.en.md" "$work/want-retorno.en.md" && ok "a missing translation is created from its original" \
  || { fail "02-retorno.en.md"; diff "$work/want-retorno.en.md" "$plan/02-retorno.en.md"; }
changed=$(diff -rq "$work/before2" "$site/content" | sort)
want=$(printf '%s\n' "Files $work/before2/plans/2024-2025/01-datos.en.md and $site/content/plans/2024-2025/01-datos.en.md differ" \
  "Files $work/before2/translations.lock and $site/content/translations.lock differ" \
  "Only in $site/content/plans/2024-2025: 02-retorno.en.md" | sort)
[ "$changed" = "$want" ] && ok "nothing else changed" || { fail "other files changed"; echo "$changed"; }
"$plansite" check -s "$site" > /dev/null 2> "$work/check2.txt"
grep -q "outdated\|02-retorno" "$work/check2.txt" && { fail "check after the import"; cat "$work/check2.txt"; } \
  || ok "check: no outdated or missing translation left"
"$plansite" translations status -s "$site" --format json > "$work/status.json"
"$py" -c 'import json,sys; d=json.load(open(sys.argv[1])); s={t["key"]:t["status"] for t in d["translations"]}; assert s["plans/2024-2025/01-datos"]=="up to date" and s["plans/2024-2025/02-retorno"]=="up to date", s' "$work/status.json" \
  && ok "status --format json" || fail "status json: $(cat "$work/status.json")"

# errors: nothing at all is written
expect_refused() {   # xliff text_expected what
  cp -r "$site/content" "$work/snap"
  if "$plansite" translations import -s "$site" "$1" > /dev/null 2> "$work/err.txt"; then
    fail "$3: import succeeded"
  elif ! grep -qF -- "$2" "$work/err.txt"; then
    fail "$3: message"; cat "$work/err.txt"
  elif ! diff -r "$work/snap" "$site/content" > /dev/null; then
    fail "$3: a file was written"
  else
    ok "$3: refused, nothing written"
  fi
  rm -rf "$work/snap"
}
sed -i 's/Organizar tres talleres\./Organizar cuatro talleres./' "$plan/01-datos.es.md"
sed 's/>Gather good practices\.</>Gather many good practices.</' "$work/edited.xlf" > "$work/stale.xlf"
expect_refused "$work/stale.xlf" "trans-unit 'plans/2024-2025/01-datos#activity-2.text': the original changed since the export" "a unit whose original changed"
sed 's/02-retorno#activity-1/02-retorno#activity-9/' "$work/edited.xlf" > "$work/unknown.xlf"
expect_refused "$work/unknown.xlf" "trans-unit 'plans/2024-2025/02-retorno#activity-9': unknown id" "an unknown id"
head -c 700 "$work/edited.xlf" > "$work/broken.xlf"
expect_refused "$work/broken.xlf" "broken.xlf" "a malformed file"
grep -q "malformed XLIFF" "$work/err.txt" || fail "malformed: $(cat "$work/err.txt")"

# the original gains an item and a field inside an activity: the import adds them to the
# translation (its front matter made again from the original's structure, its values kept)
"$plansite" translations mark --all -s "$site" > /dev/null
sed -i 's/items: \["primer punto", "segundo punto"\]/items: ["primer punto", "segundo punto", "tercer punto"]/; s/^  - text: "Organizar cuatro talleres\."$/&\n    timeline: "2025"/' "$plan/01-datos.es.md"
"$plansite" translations export -s "$site" --lang en -o "$work/new.xlf" > /dev/null || fail "export 2"
"$py" - "$work/new.xlf" "$work/new2.xlf" <<'PY' || fail "translate-toolkit could not edit the XLIFF"
import sys
from translate.storage import xliff
store = xliff.xlifffile.parsefile(sys.argv[1])
targets = {"plans/2024-2025/01-datos#activity-1.item-3": "third point",
           "plans/2024-2025/01-datos#activity-2.timeline": "2025"}
for unit in store.unit_iter():
    if unit.xmlelement.get("id") in targets:
        unit.target = targets.pop(unit.xmlelement.get("id"))
assert not targets, targets
with open(sys.argv[2], "wb") as f:
    f.write(bytes(store))
PY
"$plansite" translations import -s "$site" "$work/new2.xlf" > /dev/null 2>&1 || fail "import of new fields"
grep -qF 'items: ["first point", "second point", "third point"]' "$plan/01-datos.en.md" &&
  grep -qF '    timeline: "2025"' "$plan/01-datos.en.md" &&
  grep -qF 'Expected results: better data, used more.' "$plan/01-datos.en.md" &&
  grep -qF '  - text: "Hold three workshops."' "$plan/01-datos.en.md" \
  && ok "new fields of the original added to the translation" || { fail "new fields"; cat "$plan/01-datos.en.md"; }
"$plansite" check -s "$site" > /dev/null 2> "$work/check3.txt"
grep -q "outdated" "$work/check3.txt" && { fail "check after adding fields"; cat "$work/check3.txt"; }

echo "xliff round trip: $failed failed"
[ "$failed" = 0 ]
