import { randomUUID } from 'node:crypto';
import { createProject } from '@org/db';
import type { Runtime } from '../runtime/open-runtime.js';
import { followProvisioning } from './follow-provisioning.js';
import { maskResult } from './mask-result.js';

/**
 * `start --demo`: creates a project, provisions it through the queue while printing each
 * step, then prints the result with its secrets masked except one API key in full, and
 * how to try that key with `verify-key`.
 */
export async function runDemo(runtime: Runtime, print: (line: string) => void): Promise<void> {
  const project = await createProject(
    { id: randomUUID(), name: 'demo project', region: 'eu-west-1', ownerId: 'demo-user', organizationId: 'demo-org' },
    runtime.ctx.db,
  );
  print(`\nDemo: provisioning project ${project.id} in eu-west-1 through the queue`);
  await runtime.queue.send(
    {
      project_id: project.id,
      region: 'eu-west-1',
      services: { auth: true, realtime: true, storage: true },
      api_keys: { count: 2, prefix: 'demo' },
      owner_id: 'demo-user',
      organization_id: 'demo-org',
    },
    'demo',
  );
  const outcome = await followProvisioning(project.id, runtime.ctx.journal, print);
  const result = outcome === 'provisioned' ? await runtime.ctx.journal.results.claim(project.id) : undefined;
  if (result === undefined) {
    print(`Demo provisioning ended: ${outcome}. See: npm run cli -- status ${project.id}`);
    return;
  }
  const [first] = result.api_keys;
  print('\nDemo project provisioned (secrets masked; `provision` prints a result in full, once):');
  print(JSON.stringify(maskResult(result), null, 2));
  if (first !== undefined) {
    print(`\nIts first API key, in full (shown here only, as a demo):\n  ${first.key}`);
    print(`Try it from another terminal:\n  npm run cli -- verify-key ${first.key}`);
  }
  print(`\nThe worker keeps serving jobs (Ctrl-C stops it). Also try: npm run cli -- status ${project.id}\n`);
}
