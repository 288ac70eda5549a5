import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawnApi, type SpawnedProcess } from './support/spawn-process.js';
import { createTestEnvironment, type TestEnvironment } from './support/test-environment.js';

// The README's client example, compiled and run as written against a real server (a
// worker and the API): the README cannot drift from the API. The other packages' examples
// run in apps/worker/test/readme-examples.test.ts; this one needs a server, so it is here.
const root = resolve(import.meta.dirname, '../../..');
const readme = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');
const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
// Inside the repository so that `@org/api` resolves to the workspace's sources.
const scratch = join(import.meta.dirname, '../.readme-example');

let environment: TestEnvironment;
let server: SpawnedProcess;

beforeAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  blocks.forEach((code, index) => writeFileSync(join(scratch, `example-${index + 1}.ts`), code));
  writeFileSync(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({ extends: join(root, 'tools/tsconfig.readme-examples.json'), include: ['*.ts'] }),
  );
  environment = await createTestEnvironment('api_readme');
  server = await spawnApi('start', environment.env);
});
afterAll(async () => {
  await server?.stop();
  await environment?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe("the API README's example", () => {
  it('exists', () => {
    expect(blocks).toHaveLength(1);
  });

  it('compiles as written', () => {
    try {
      execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', scratch], { encoding: 'utf8' });
    } catch (error) {
      throw new Error(`the README example does not compile:\n${String((error as { stdout?: unknown }).stdout)}`, {
        cause: error,
      });
    }
  }, 120_000);

  it('creates a project and follows its operation to succeeded', async () => {
    const saved = { ...process.env };
    const logged: string[] = [];
    const errors = vi.spyOn(console, 'error');
    vi.spyOn(console, 'log').mockImplementation((line: string) => void logged.push(line));
    process.env['API_URL'] = server.url;
    process.env['ADMIN_TOKEN'] = (await environment.token('acme', 'readme')).token;
    try {
      await import(join(scratch, 'example-1.ts'));
      expect(errors).not.toHaveBeenCalled();
    } finally {
      process.env = saved;
      vi.restoreAllMocks();
    }
    expect(logged).toEqual([expect.stringMatching(/^project [0-9a-f-]{36}: succeeded$/)]);
    const [project] = await environment.sql<{ provisioning_status: string }[]>`
      select provisioning_status from control_plane.projects where organization_id = 'acme' and name = 'shop'`;
    expect(project?.provisioning_status).toBe('provisioned');
  }, 120_000);
});
