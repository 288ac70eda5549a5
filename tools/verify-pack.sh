#!/usr/bin/env bash
# Packs the given workspaces (default: @org/errors @org/retry), installs the tarballs into
# an empty project outside the repository, and checks that `import`, `require` and the
# type declarations all work there. Usage: tools/verify-pack.sh [@org/pkg ...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
packages=("${@:-@org/errors}")
[ $# -eq 0 ] && packages=(@org/errors @org/retry)
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

cd "$root"
npx nx run-many -t build --projects="$(IFS=,; echo "${packages[*]}")" --outputStyle=static >/dev/null
tarballs=()
for pkg in "${packages[@]}"; do
  tarballs+=("$scratch/$(npm pack -w "$pkg" --pack-destination "$scratch" --silent | tail -1)")
done

cd "$scratch"
npm init -y >/dev/null
npm install --no-audit --no-fund "${tarballs[@]}" >/dev/null
for pkg in "${packages[@]}"; do
  node --input-type=module -e "const m = await import('$pkg'); if (Object.keys(m).length === 0) process.exit(1); console.log('import  $pkg:', Object.keys(m).length, 'exports')"
  node -e "const m = require('$pkg'); if (Object.keys(m).length === 0) process.exit(1); console.log('require $pkg:', Object.keys(m).length, 'exports')"
  echo "import * as m from '$pkg'; export const n: number = Object.keys(m).length;" > "check-$(echo "$pkg" | tr -c 'a-z0-9\n' '_').mts"
  echo "import m = require('$pkg'); export const n: number = Object.keys(m).length;" > "check-$(echo "$pkg" | tr -c 'a-z0-9\n' '_').cts"
done
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext", "strict": true, "noEmit": true, "types": [], "lib": ["ES2023", "DOM"] }, "include": ["*.mts", "*.cts"] }
JSON
"$root/node_modules/.bin/tsc" -p tsconfig.json
echo "types resolve for: ${packages[*]} (ESM and CJS)"
