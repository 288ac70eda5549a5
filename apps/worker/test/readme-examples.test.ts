import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createTestDatabase, testSecretKey } from '@org/db/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Every package README's TypeScript example, compiled and run as written: a README cannot
// drift from the API. Here because the worker's tests can reach every package.
const root = resolve(import.meta.dirname, '../../..');
const packageDirs = [
  'packages/errors',
  'packages/cli',
  'packages/retry',
  'packages/db',
  'packages/services',
  'packages/api-keys',
  'packages/operations',
  'apps/worker',
];
// Inside the repository so that `@org/*` resolves to the workspace's sources.
const scratch = join(import.meta.dirname, '../.readme-examples');

const examples = packageDirs.flatMap((dir) => {
  const readme = readFileSync(join(root, dir, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
  return blocks.map((code, index) => ({ name: `${dir.split('/')[1]}-${index + 1}`, dir, code }));
});

beforeAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  for (const example of examples) writeFileSync(join(scratch, `${example.name}.ts`), example.code);
  writeFileSync(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({ extends: join(root, 'tools/tsconfig.readme-examples.json'), include: ['*.ts'] }),
  );
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('README examples', () => {
  it('every package has one', () => {
    expect(new Set(examples.map((example) => example.dir))).toEqual(new Set(packageDirs));
  });

  it('compile as written', () => {
    try {
      execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', scratch], { encoding: 'utf8' });
    } catch (error) {
      throw new Error(`README examples do not compile:\n${String((error as { stdout?: unknown }).stdout)}`, {
        cause: error,
      });
    }
  }, 120_000);

  it.each(examples.map((example) => [example.name, example] as const))(
    '%s runs on a database of its own and reports no error',
    async (_name, example) => {
      const database = await createTestDatabase('readme');
      const saved = { ...process.env };
      const errors = vi.spyOn(console, 'error');
      vi.spyOn(console, 'log').mockImplementation(() => {});
      vi.spyOn(console, 'warn').mockImplementation(() => {});
      process.env['DATABASE_URL'] = database.url;
      process.env['PROVISIONING_SECRET_KEY'] = testSecretKey();
      try {
        await import(join(scratch, `${example.name}.ts`));
        expect(errors).not.toHaveBeenCalled();
      } finally {
        process.env = saved;
        vi.restoreAllMocks();
        await database.drop();
      }
    },
  );
});
