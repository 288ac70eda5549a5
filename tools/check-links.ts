/**
 * `npm run check:links`: every relative link in the repository's Markdown (READMEs, docs/,
 * release plans) points at a file or directory that exists, and a `#fragment` at a heading
 * of its target (GitHub's slugs). External links are not fetched: this network is closed,
 * and their liveness is not ours to gate CI on. Exits 1 naming each broken link.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import GithubSlugger from 'github-slugger';

const root = resolve(import.meta.dirname, '..');
// Tracked Markdown only: node_modules, dist and scratch are not the repository's.
const files = execFileSync('git', ['ls-files', '*.md'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((file) => file !== '' && !file.endsWith('CHANGELOG.md'));

/**
 * A heading's text as GitHub renders it before it makes the anchor: inline code, emphasis
 * marks and link targets gone (an underscore inside a word is text, as in `control_plane`).
 */
function renderedText(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*]/g, '')
    .replace(/(^|\s)_+|_+(\s|$)/g, '$1$2');
}

/** The anchors of a file's headings, made by github-slugger: the slugs GitHub's renderer makes, `-1` and on for repeats. */
function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  const slugger = new GithubSlugger();
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map(([, heading]) => slugger.slug(renderedText(heading!))));
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
