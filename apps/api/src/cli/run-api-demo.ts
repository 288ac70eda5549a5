import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApiClient } from '../client/create-api-client.js';

/** How long the demo follows its operation before it gives up. */
const FOLLOW_MS = 120_000;

/** The demo's project, found again by these on the next start. */
const DEMO = { name: 'demo project', organization: 'demo-org' } as const;

/**
 * `start --demo`: creates a project through the HTTP API (as a platform's backend would),
 * prints each step as the operation reports it, claims the one-time result and prints it
 * masked but for one API key, then the curl commands that do the same. A demo project
 * left by an earlier start (and not deleted) is shown instead of making another: its
 * one-time result was claimed then, and every start would otherwise add one.
 */
export async function runApiDemo(baseUrl: string, token: string, dataDir: string, print: (line: string) => void) {
  const api = createApiClient({ baseUrl, token });
  const earlier = await api.GET('/v1/projects', {
    params: { query: { organization_id: DEMO.organization, q: DEMO.name, limit: 100 } },
  });
  const gone = new Set(['deleted', 'purging', 'purged']);
  const kept = earlier.data?.data.find((project) => project.name === DEMO.name && !gone.has(project.status));
  if (kept !== undefined) {
    print(
      `\nDemo: project ${kept.id} ("${DEMO.name}", ${kept.status}) is there from an earlier start: not making another.`,
    );
    print(`  See it: ${baseUrl}/console/#/projects/${kept.id}, or npm run cli -- status ${kept.id}`);
    print(
      `  Delete it (curl -X DELETE ${baseUrl}/v1/projects/${kept.id} -H "Authorization: Bearer $TOKEN") and the next start makes a new one.`,
    );
    print(`\nThe worker and the API keep running (Ctrl-C stops both).\n`);
    return;
  }
  const created = await api.POST('/v1/projects', {
    body: {
      name: DEMO.name,
      region: 'eu-west-1',
      organization_id: DEMO.organization,
      owner_id: 'demo-user',
      api_keys: { count: 2, prefix: 'demo' },
    },
    headers: { 'idempotency-key': randomUUID() },
  });
  if (created.data === undefined) throw new Error(`the demo's project was refused: ${JSON.stringify(created.error)}`);
  const { project, operation } = created.data;
  print(`\nDemo: POST /v1/projects answered 202; operation ${operation.id} provisions project ${project.id}`);
  const shown = new Set<string>();
  const deadline = Date.now() + FOLLOW_MS;
  let status: string = operation.status;
  while (Date.now() < deadline) {
    // Answered the moment the operation ends, or after a second with the steps so far.
    const { data } = await api.GET('/v1/operations/{id}', {
      params: { path: { id: operation.id }, query: { wait: '1s' } },
    });
    for (const run of data?.runs ?? []) {
      for (const step of run.steps) {
        const key = `${run.attempt}:${step.step}:${step.status}`;
        if (step.status === 'running' || shown.has(key)) continue;
        shown.add(key);
        print(
          step.status === 'completed'
            ? `  ✓ ${step.step.padEnd(9)} ${String(step.duration_ms ?? 0).padStart(6)} ms`
            : `  ✗ ${step.step.padEnd(9)} attempt ${run.attempt}: ${step.error?.code ?? 'UNKNOWN'} ${step.error?.message ?? ''}`,
        );
      }
    }
    status = data?.status ?? status;
    if (status !== 'queued' && status !== 'running') break;
    // A failed request answers at once: not in a tight loop.
    if (data === undefined) await sleep(150);
  }
  if (status !== 'succeeded') {
    print(
      `Demo operation ended ${status}. See: curl -H "Authorization: Bearer $TOKEN" ${baseUrl}/v1/operations/${operation.id}`,
    );
    return;
  }
  const result = await api.POST('/v1/projects/{id}/one-time-result/claim', { params: { path: { id: project.id } } });
  if (result.data === undefined)
    throw new Error(`the demo's result could not be claimed: ${JSON.stringify(result.error)}`);
  const { database, api_keys: keys } = result.data;
  const masked = {
    ...result.data,
    database: {
      ...database,
      password: '********',
      connection_string: database.connection_string.replace(/:[^:@/]+@/, ':********@'),
    },
    api_keys: keys.map((key) => ({ ...key, key: key.start })),
  };
  print('\nDemo project provisioned; its one-time result, claimed (secrets masked; a second claim is 410):');
  print(JSON.stringify(masked, null, 2));
  const [first] = keys;
  if (first !== undefined) {
    print(`\nIts first API key, in full (shown here only, as a demo):\n  ${first.key}`);
    print(`Try it from another terminal:\n  npm run cli -- verify-key ${first.key}`);
  }
  print(`\nThe same through the API (TOKEN=$(cat ${dataDir}/admin-token), or the token above):`);
  print(
    `  curl -s -X POST ${baseUrl}/v1/projects -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\\n` +
      `    -d '{"name":"mine","region":"eu-west-1","organization_id":"demo-org","owner_id":"me"}'`,
  );
  print(`  curl -s ${baseUrl}/v1/operations/<operation id> -H "Authorization: Bearer $TOKEN"`);
  print(`\nThe worker and the API keep running (Ctrl-C stops both).\n`);
}
