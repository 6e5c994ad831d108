#!/usr/bin/env bash
# Install what plansite needs on Debian 12, only when missing.
#   deps.sh build   compiler, CMake and the libraries (cmark-gfm, libyaml, libmicrohttpd, libxml2)
#   deps.sh search  Pagefind (the search index), pinned in tools/pagefind/package.json, into
#                   tools/pagefind/node_modules (npm ci; needs node and npm)
#   deps.sh test    the above plus the test tools (valgrind, python3, curl, strace for fault
#                   injection, translate-toolkit for the XLIFF round trip,
#                   python3-jsonschema for the open data's schema)
set -euo pipefail
if [ "${1:-build}" = search ]; then
  cd "$(dirname "$0")/../../tools/pagefind"
  want_pf=$(node -p 'require("./package.json").devDependencies.pagefind' 2>/dev/null || true)
  have_pf=$(node -p 'require("./node_modules/pagefind/package.json").version' 2>/dev/null || true)
  if [ -z "$want_pf" ] || [ "$want_pf" != "$have_pf" ] || [ ! -x node_modules/.bin/pagefind ]; then
    echo "plansite: installing pagefind $want_pf into tools/pagefind" >&2
    npm ci --ignore-scripts --no-audit --no-fund >/dev/null
  fi
  exit 0
fi
want=(gcc make cmake pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev
      libmicrohttpd-dev libxml2-dev)
[ "${1:-build}" = test ] && want+=(valgrind python3 curl strace translate-toolkit python3-jsonschema)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "plansite: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
