import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A folder shipped at the root of the package that contains `moduleUrl`: found by walking
 * up to the nearest package.json, so it resolves the same from `src/`, `dist/` and
 * `dist/testing/`.
 */
export function packageFolder(moduleUrl: string, folder: string): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(moduleUrl)}`);
    dir = parent;
  }
  return join(dir, folder);
}
