#!/usr/bin/env bash
# What a release would publish, checked before it exists: every package is built, packed
# and checked by publint (package.json against the files) and are-the-types-wrong (types for
# `import` and `require`; profile node16: the packages need Node >= 22.12, so node10
# resolution is not a consumer they have), then `nx release --dry-run` lists each package's
# next version and changelog entry from the version plans in release-plans/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
npx nx run-many -t build --outputStyle=static >/dev/null
for dir in packages/* apps/worker apps/api; do
  name="$(node -p "require('./$dir/package.json').name")"
  (cd "$dir" && npx publint --strict >/dev/null && npx attw --pack . --profile node16 --quiet) ||
    { echo "package checks failed for $name (run publint / attw in $dir)"; exit 1; }
  echo "publint, attw: $name ok"
done
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
bash tools/release.sh --dry-run --skip-publish 2>&1 | tee "$out"
grep -q "Previewing an entry" "$out" || { echo "the release dry run previewed no changelog"; exit 1; }
