#!/usr/bin/env bash
# The site as readers see it. Builds the real site with its PDFs (`plansite pdf`), then checks:
#   - the PDF step: timing, a missing engine (a clear message, a non-zero exit, HTML still built),
#     Letter paper from site.yaml
#   - every HTML page is valid (Nu HTML Checker, vnu-jar, zero errors)
#   - no broken internal link or anchor, and every PDF linked with its size (check_links.py)
#   - the handout PDFs against data/workplans.json (check_pdfs.py, poppler-utils)
#   - axe-core at WCAG 2.1 A/AA in Debian's Chromium, and clean printing (browser.mjs)
# Installs what is missing (Debian packages, and the pinned npm packages of package.json into
# tests/browser/node_modules). Pictures and PDFs to look at go to BUILD/test-artifacts/.
# Usage: run.sh PLANSITE SOURCE_DIR BUILD_DIR     Closing line: "N passed, N failed".
set -u
PLANSITE=$(realpath "${1:?usage: run.sh PLANSITE SOURCE_DIR BUILD_DIR}")
SRC=$(realpath "${2:?source dir}")
BUILD=$(realpath "${3:?build dir}")
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$BUILD/browser-test
ART=$BUILD/test-artifacts
SITE=$WORK/site
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $*"; }
fail() { failed=$((failed + 1)); echo "not ok - $*"; }
indent() { sed 's/^/    /' | head -n "${1:-40}"; }
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit
}

# Run a checker that prints "ok - ..." / "not ok - ..." lines; show and count them (a crash
# without such a line is a failure).
tally() {   # name command...
    local name=$1 out rc n_ok n_bad
    shift
    out=$("$@" 2>&1)
    rc=$?
    printf '%s\n' "$out"
    n_ok=$(printf '%s\n' "$out" | grep -c '^ok - ')
    n_bad=$(printf '%s\n' "$out" | grep -c '^not ok - ')
    passed=$((passed + n_ok))
    failed=$((failed + n_bad))
    if [ $rc -ne 0 ] && [ "$n_bad" -eq 0 ]; then fail "$name exited with status $rc"; fi
    if [ $rc -eq 0 ] && [ "$n_ok" -eq 0 ]; then fail "$name checked nothing"; fi
}

# ---- tools: Debian packages, installed only when missing (apt-get update once, then) ----
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v weasyprint >/dev/null || need+=(weasyprint)
for t in pdfinfo pdftotext pdftoppm pdftohtml; do
    command -v $t >/dev/null || { need+=(poppler-utils); break; }
done
command -v java >/dev/null || need+=(default-jre-headless)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
command -v python3 >/dev/null || need+=(python3)
have_pkg fonts-roboto-unhinted || need+=(fonts-roboto-unhinted)   # the handouts' typeface
if [ ${#need[@]} -gt 0 ]; then
    echo "# installing: ${need[*]}"
    if [ "$(id -u)" -ne 0 ]; then
        fail "tools missing (${need[*]}): run as root or apt-get install them"
        finish
    fi
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}"; } \
        >"$BUILD/browser-apt.log" 2>&1; then
        fail "apt-get install ${need[*]}"
        tail -n 20 "$BUILD/browser-apt.log" | indent
        finish
    fi
fi

# ---- npm packages pinned in package.json (no install scripts: nothing is downloaded) ----
npm_ok() {
    (cd "$HERE" && node -e '
        const want = require("./package.json").devDependencies;
        for (const [name, v] of Object.entries(want))
            if (require(`${name}/package.json`).version !== v) process.exit(1);' 2>/dev/null)
}
if ! npm_ok; then
    echo "# npm ci in $HERE"
    if ! (cd "$HERE" && npm ci --ignore-scripts --no-audit --no-fund) >"$BUILD/browser-npm.log" 2>&1 \
        || ! npm_ok; then
        fail "npm ci (tests/browser/package.json)"
        tail -n 20 "$BUILD/browser-npm.log" | indent
        finish
    fi
fi

# ---- Pagefind, pinned in tools/pagefind/package.json: the search checks need the index ----
if ! "$SRC/tests/tools/deps.sh" search >"$BUILD/browser-pagefind.log" 2>&1; then
    fail "deps.sh search (Pagefind, tools/pagefind/package.json)"
    tail -n 20 "$BUILD/browser-pagefind.log" | indent
    finish
fi

# ---- build the real site with its PDFs ----
rm -rf "$WORK"
mkdir -p "$WORK" "$ART"
t0=$(date +%s.%N)
"$PLANSITE" pdf -s "$SRC" -d "$SITE" >"$WORK/pdf.log" 2>&1
rc=$?
t1=$(date +%s.%N)
secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
npdf=$(find "$SITE" -name '*.pdf' 2>/dev/null | wc -l)
if [ $rc -eq 0 ] && [ "$npdf" -gt 0 ]; then
    ok "plansite pdf built the site and $npdf PDFs in $secs s ($(nproc) cores)"
    echo "plansite pdf: $npdf PDFs, $secs s wall, $(nproc) cores" >"$ART/pdf-time.txt"
else
    fail "plansite pdf (exit $rc, $npdf PDFs)"
    indent <"$WORK/pdf.log"
    finish
fi

# ---- no engine: says how to install it, exits non-zero, the HTML handouts are still built ----
NOENG=$WORK/site-noengine
# no search index: this build checks the PDF engine's absence (Pagefind's wrapper needs node on PATH)
env PATH=/nonexistent PLANSITE_PAGEFIND=off "$PLANSITE" pdf -s "$SRC" -d "$NOENG" >"$WORK/noengine.log" 2>&1
rc=$?
problems=()
[ $rc -ne 0 ] || problems+=("exit status 0")
grep -q 'apt-get install weasyprint' "$WORK/noengine.log" || problems+=("no install hint")
[ -z "$(find "$NOENG" -name '*.pdf' 2>/dev/null)" ] || problems+=("PDFs made")
while IFS= read -r pdf; do
    rel=${pdf#"$SITE"/}
    [ -f "$NOENG/$(dirname "$rel")/index.html" ] || problems+=("no handout $(dirname "$rel")/index.html")
done < <(find "$SITE" -name '*.pdf')
if grep -rlq 'application/pdf' "$NOENG" 2>/dev/null; then problems+=("links to PDFs that were not made"); fi
if [ ${#problems[@]} -eq 0 ]; then
    ok "without WeasyPrint: exit $rc, says 'apt-get install weasyprint', HTML handouts built, no PDF linked"
else
    fail "without WeasyPrint: ${problems[*]:0:5}"
    indent <"$WORK/noengine.log"
fi
rm -rf "$NOENG"

# ---- Letter paper: site.yaml's `paper: letter` reaches the PDF (one objective handout) ----
LET=$WORK/letter
mkdir -p "$LET"
for entry in "$SRC"/*; do
    [ "$(basename "$entry")" = content ] || ln -s "$entry" "$LET/"
done
cp -r "$SRC/content" "$LET/content"
sed -i 's/^paper:.*/paper: letter/' "$LET/content/site.yaml"
grep -q '^paper: letter' "$LET/content/site.yaml" || echo 'paper: letter' >>"$LET/content/site.yaml"
sheet=$(cd "$SITE" && find . -name '*.pdf' -path '*-1/*' | sort | head -n 1)
if "$PLANSITE" build --handouts -s "$LET" -d "$LET/out" >"$WORK/letter.log" 2>&1 && [ -n "$sheet" ] &&
    weasyprint -q "$LET/out/$(dirname "$sheet")/index.html" "$LET/sheet.pdf" >>"$WORK/letter.log" 2>&1; then
    tally "paper" python3 "$HERE/check_pdfs.py" --paper "$LET/sheet.pdf" \
        "$LET/out/$(dirname "$sheet")/index.html"
else
    fail "Letter paper: could not build the site or the sheet"
    indent <"$WORK/letter.log"
fi
rm -rf "$LET"

# ---- the checkers ----

vnu() {
    local out rc n
    out=$(java -jar "$HERE/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only --skip-non-html \
        "$SITE" 2>&1)
    rc=$?
    n=$(printf '%s' "$out" | grep -c 'error:')
    if [ $rc -eq 0 ] && [ -z "$out" ]; then
        echo "ok - Nu HTML Checker: 0 errors in $(find "$SITE" -name '*.html' | wc -l) pages"
    else
        echo "not ok - Nu HTML Checker: $n errors"
        printf '%s\n' "$out" | sed "s|file:$SITE/||" | indent 60
    fi
}

tally "vnu" vnu
tally "check_links.py" python3 "$HERE/check_links.py" "$SITE"
# a plain build (#17: no handouts): no link to a handout that is not there, nor to a PDF
PLAIN=$WORK/plain
if "$PLANSITE" build -s "$SRC" -d "$PLAIN" >"$WORK/plain.log" 2>&1; then
    tally "check_links.py (plain build)" python3 "$HERE/check_links.py" "$PLAIN"
    if grep -rlq 'application/pdf\|class="handout' "$PLAIN" --include='*.html'; then
        fail "plain build: a page links a PDF or is a handout"
    else
        ok "plain build: no handout written, no PDF linked"
    fi
else
    fail "plain build failed"
    indent <"$WORK/plain.log"
fi
rm -rf "$PLAIN"
tally "check_pdfs.py" python3 "$HERE/check_pdfs.py" "$SITE" "$ART"
tally "browser.mjs" node "$HERE/browser.mjs" "$SITE" "$ART"
echo "# artifacts: $ART"
finish
