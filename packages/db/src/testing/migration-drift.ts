import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';

/** Where a package keeps its Drizzle schema and its committed migrations. */
export interface MigrationDriftOptions {
  /** The package directory (drizzle-kit runs there). */
  packageDir: string;
  /** Schema glob relative to the package, e.g. `./src/schema/*.ts`. */
  schema: string;
  /** The committed drizzle-kit output folder. */
  migrationsFolder: string;
}

/**
 * Runs `drizzle-kit generate` against a scratch copy of the committed migrations. In sync
 * means drizzle-kit found nothing to generate; any new file, prompt (a rename) or error
 * means the schema and the committed SQL disagree.
 */
export function migrationDrift(options: MigrationDriftOptions): { inSync: boolean; output: string } {
  // drizzle-kit insists on a relative --out, so the scratch copy lives in the package.
  const scratch = mkdtempSync(join(options.packageDir, '.drift-'));
  try {
    cpSync(options.migrationsFolder, scratch, { recursive: true });
    const before = readdirSync(scratch);
    // bin.cjs is not in drizzle-kit's exports map: resolve the package, then the file.
    const kitDir = dirname(createRequire(join(options.packageDir, 'package.json')).resolve('drizzle-kit'));
    const bin = join(kitDir, 'bin.cjs');
    const run = spawnSync(
      process.execPath,
      [
        bin,
        'generate',
        '--dialect=postgresql',
        `--schema=${options.schema}`,
        `--out=./${relative(options.packageDir, scratch)}`,
      ],
      {
        cwd: options.packageDir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        // Workspace packages resolve to their TypeScript sources, so no build is needed.
        env: { ...process.env, NODE_OPTIONS: `${process.env['NODE_OPTIONS'] ?? ''} --conditions=source`.trim() },
        timeout: 120_000,
      },
    );
    const output = `${run.stdout}${run.stderr}`;
    const added = readdirSync(scratch).filter((file) => !before.includes(file));
    return { inSync: run.status === 0 && added.length === 0 && output.includes('No schema changes'), output };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
