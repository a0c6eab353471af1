#!/usr/bin/env bash
# The site gates: builds the sites, then checks every page they contain.
#   - basic:   tests/fixtures/basic (small, every page type of the engine)
#   - catalog: the bundled catalog (content/ at the repository root), when present
#   - hostile: tests/fixtures/hostile (XSS payloads in every value and in Markdown)
#   - long:    2.200 generated procedures in one field (bench/generate.mjs): the pages a
#              province-sized catalog adds (lists split by field and paginated, a listing in
#              one document per field and part); the browser checks 6 pages of each type
# Gates: vnu (HTML validity, 0 errors), lychee (internal links + #fragments, offline),
# browser.mjs (360 px, axe WCAG 2.1 AA, JavaScript off, page weight, journey, hostile).
# Needs: target/debug/congkhai (cargo build), chromium, java, lychee, node_modules (npm ci).
# Usage: bash tests/gates/run.sh   (from anywhere; GATES_KEEP=1 keeps the built sites)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
bin=${CONGKHAI:-${CARGO_TARGET_DIR:-$repo/target}/debug/congkhai}
base=https://gates.invalid
work=$(mktemp -d)
[[ -n ${GATES_KEEP:-} ]] && echo "sites kept in $work" || trap 'rm -rf "$work"' EXIT

sites=(basic=tests/fixtures/basic)
[[ -d content ]] && sites+=(catalog=.)
names=()
node bench/generate.mjs --count 2200 --fields 1 --units 4 --out "$work/long-portal" >/dev/null
sites+=(long="$work/long-portal")
for entry in "${sites[@]}" hostile=tests/fixtures/hostile; do
  name=${entry%%=*} root=${entry#*=}
  echo "== build $name ($root)"
  "$bin" build --root "$root" --out "$work/$name" --base-url "$base"
  names+=("$name")
done

echo "== HTML validity (vnu-jar $(node -p "require('./tests/gates/node_modules/vnu-jar/package.json').version"), errors only)"
# The hostile site is judged on safety only: its URLs and images are payloads, not content.
dirs=()
for n in "${names[@]}"; do [[ $n != hostile ]] && dirs+=("$work/$n"); done
html_count=$(find "${dirs[@]}" -name '*.html' | wc -l)
java -jar tests/gates/node_modules/vnu-jar/build/dist/vnu.jar --errors-only --skip-non-html "${dirs[@]}"
echo "vnu: $html_count HTML files, 0 errors"

echo "== links ($(lychee --version), offline, with #fragments, folders need index.html)"
for n in "${names[@]}"; do
  [[ $n == hostile ]] && continue # its links are payloads, not navigation
  # Absolute links built from base_url (the 404 page, canonical links) point into the same site.
  lychee --offline --include-fragments --index-files index.html --no-progress \
    --remap "^$base/(.*)\$ file://$work/$n/\$1" --remap "^$base\$ file://$work/$n/" \
    "$work/$n"
done

echo "== browser gates"
sitesargs=()
for n in "${names[@]}"; do [[ $n != hostile && $n != long ]] && sitesargs+=("$n=$work/$n"); done
(cd tests/gates && node browser.mjs --base-url "$base" "${sitesargs[@]}")
(cd tests/gates && node browser.mjs --base-url "$base" --sample 6 "long=$work/long")
(cd tests/gates && HOSTILE_EXPECT="$repo/tests/fixtures/hostile/expect.json" node browser.mjs --base-url "$base" --hostile "hostile=$work/hostile")

echo "== search in the browser (header box → results, live prefix, hostile ?q=, 360 px)"
for n in "${names[@]}"; do
  [[ $n == hostile || $n == long ]] && continue
  (cd tests/gates && node search.browser.mjs "$work/$n")
done
