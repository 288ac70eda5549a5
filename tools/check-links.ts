/**
 * `npm run check:links`: every relative link in the repository's Markdown (READMEs, docs/,
 * release plans) points at a file or directory that exists, and a `#fragment` at a heading
 * of its target (GitHub's slugs). External links are not fetched: this network is closed,
 * and their liveness is not ours to gate CI on. Exits 1 naming each broken link.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// Tracked Markdown only: node_modules, dist and scratch are not the repository's.
const files = execFileSync('git', ['ls-files', '*.md'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((file) => file !== '' && !file.endsWith('CHANGELOG.md'));

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of text.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const base = slug(heading!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

const broken: string[] = [];
let checked = 0;
for (const file of files) {
  const path = join(root, file);
  // Code blocks and inline code hold examples, not links.
  const text = readFileSync(path, 'utf8')
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/`[^`\n]*`/g, '');
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target!)) continue;
    checked++;
    const [pathPart, fragment] = target!.split('#', 2) as [string, string | undefined];
    const destination = pathPart === '' ? path : resolve(dirname(path), decodeURIComponent(pathPart));
    if (!existsSync(destination)) {
      broken.push(`${file}: ${target} (no ${relative(root, destination)})`);
      continue;
    }
    if (fragment !== undefined && statSync(destination).isFile() && destination.endsWith('.md')) {
      if (!anchorsOf(destination).has(fragment)) broken.push(`${file}: ${target} (no heading #${fragment})`);
    }
  }
}
if (broken.length > 0) {
  console.error(`check-links: ${broken.length} broken link(s):\n  ${broken.join('\n  ')}`);
  process.exit(1);
}
console.log(`check-links: ${checked} relative links in ${files.length} Markdown files resolve`);
