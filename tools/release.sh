#!/usr/bin/env bash
# `nx release` with the version plans kept in release-plans/ (tracked). Nx reads plans only
# from .nx/version-plans/, and .nx/ is Nx's own scratch (ignored), so the plans are copied
# there for the run; after a real release, the plans Nx applied and deleted are deleted here
# too. Usage: tools/release.sh [nx release options, e.g. --dry-run]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rm -rf .nx/version-plans
mkdir -p .nx/version-plans
cp release-plans/*.md .nx/version-plans/ 2>/dev/null || true
npx nx release "$@"
for plan in release-plans/*.md; do
  [ -e "$plan" ] && [ ! -e ".nx/version-plans/$(basename "$plan")" ] && rm "$plan"
done
exit 0
