import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '@org/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../src/client/create-api-client.js';
import { routes, type DocumentedRoute } from './support/openapi-routes.js';
import { spawnApi, type SpawnedProcess } from './support/spawn-process.js';
import { createTestEnvironment, type TestEnvironment } from './support/test-environment.js';

// Every route of the document, tried with no token, a malformed one, a revoked one, and a
// token of another organization: none of them may learn or change anything of ours.
const run = promisify(execFile);
let environment: TestEnvironment;
let server: SpawnedProcess;
const ours: Record<string, string> = {};
const secrets: string[] = [];
let revoked = '';
let foreign = '';

beforeAll(async () => {
  environment = await createTestEnvironment('api_access');
  server = await spawnApi('start', environment.env);
  const owner = await environment.token('org-ours', 'owner');
  const api = createApiClient({ baseUrl: server.url, token: owner.token });
  // A webhook endpoint of ours (nothing listens there: its deliveries stay pending), made
  // first so that the project's events are delivered to it.
  const endpoint = await api.POST('/v1/webhook-endpoints', { body: { url: 'http://127.0.0.1:9/hook' } });
  ours['webhook'] = endpoint.data!.id;
  secrets.push(endpoint.data!.secret);
  const created = await api.POST('/v1/projects', {
    body: { name: 'secret-project-name-7f3a', region: 'us-east-1', owner_id: 'o' },
  });
  const { project, operation } = created.data!;
  const provisioning = await waitFor(
    async () => (await api.GET('/v1/operations/{id}', { params: { path: { id: operation.id } } })).data!,
    {
      until: (seen) => seen.status !== 'queued' && seen.status !== 'running',
      what: `operation ${operation.id} settled`,
      timeoutMs: 60_000,
    },
  );
  expect(provisioning.status).toBe('succeeded');
  const keys = await api.GET('/v1/projects/{id}/api-keys', { params: { path: { id: project.id } } });
  ours['project'] = project.id;
  ours['operation'] = operation.id;
  ours['key'] = keys.data!.data[0]!.id;
  const deliveries = await waitFor(
    async () =>
      (await api.GET('/v1/webhook-endpoints/{id}/deliveries', { params: { path: { id: ours['webhook']! } } })).data!,
    { until: (seen) => seen.data.length > 0, what: 'a delivery to our endpoint' },
  );
  ours['delivery'] = deliveries.data[0]!.id;
  // The one-time result stays unclaimed: a leak would hand it out.
  const peek = await environment.sql<{ n: number }[]>`
    select count(*)::int as n from control_plane.provisioning_results where project_id = ${project.id}`;
  expect(peek[0]!.n).toBe(1);
  // A plaintext key of ours, to verify with the others' tokens.
  const issued = await api.POST('/v1/projects/{id}/api-keys', { params: { path: { id: project.id } }, body: {} });
  ours['plaintext'] = issued.data!.data[0]!.key;
  secrets.push(ours['plaintext']);

  foreign = (await environment.token('org-theirs', 'foreign')).token;
  // Revoked through the CLI, as an operator does, while the server runs: NOTIFY tells it.
  const doomed = await environment.token(null, 'doomed');
  const cli = join(import.meta.dirname, '../src/cli.ts');
  const revocation = await run(
    process.execPath,
    ['--import', 'tsx', '--conditions=source', cli, 'token', 'revoke', doomed.id],
    {
      env: { ...process.env, ...environment.env },
    },
  );
  expect(revocation.stdout).toContain(`revoked ${doomed.id}`);
  revoked = doomed.token;
});
afterAll(async () => {
  await server.stop();
  await environment.close();
});

/** A request of `route` that is valid but for its credentials, on our resources. */
function requestOf(route: DocumentedRoute): { path: string; body: string | undefined } {
  const id = route.path.startsWith('/v1/operations')
    ? ours['operation']!
    : route.path.startsWith('/v1/webhook-endpoints')
      ? ours['webhook']!
      : ours['project']!;
  const path = route.path
    .replace('{id}', id)
    .replace('{keyId}', ours['key']!)
    .replace('{deliveryId}', ours['delivery']!)
    .replace('{snapshotId}', '00000000-0000-4000-8000-000000000000')
    .replace('{name}', 'default');
  const bodies: Record<string, unknown> = {
    createProject: { name: 'x', region: 'us-east-1', owner_id: 'o', organization_id: 'org-ours' },
    createApiKeys: {},
    rotateApiKey: { grace_seconds: 0 },
    verifyApiKey: { key: ours['plaintext'] },
    createWebhookEndpoint: { url: 'https://hooks.example.com/x', organization_id: 'org-ours' },
    updateWebhookEndpoint: { enabled: false },
    updateProject: { deletion_protection: true },
    restoreProject: { snapshot_id: '00000000-0000-4000-8000-000000000000' },
    createBranch: {},
  };
  const body = bodies[route.operationId];
  return { path, body: body === undefined ? undefined : JSON.stringify(body) };
}

async function attempt(route: DocumentedRoute, authorization: string | undefined) {
  const { path, body } = requestOf(route);
  const response = await fetch(`${server.url}${path}`, {
    method: route.method.toUpperCase(),
    headers: {
      ...(authorization === undefined ? {} : { authorization }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body }),
  });
  return { status: response.status, text: await response.text() };
}

function leaks(text: string): string[] {
  const marks = [
    ours['project']!,
    ours['operation']!,
    ours['key']!,
    ours['webhook']!,
    ours['delivery']!,
    'secret-project-name-7f3a',
    ...secrets,
  ];
  return marks.filter((mark) => text.includes(mark));
}

describe('access', () => {
  it('a revoked token stops working at once on a running server', async () => {
    // The NOTIFY arrives within milliseconds; allow a second on a loaded machine.
    const listProjects = routes.find((route) => route.operationId === 'listProjects')!;
    const status = await waitFor(async () => (await attempt(listProjects, `Bearer ${revoked}`)).status, {
      until: (seen) => seen === 401,
      what: 'the revoked token refused',
      timeoutMs: 2000,
      intervalMs: 50,
    });
    expect(status).toBe(401);
  });

  const credentials: [string, () => string | undefined, 401 | 404][] = [
    ['no token', () => undefined, 401],
    ['a malformed token', () => 'Bearer cpadmin_not-a-token', 401],
    ['a well-formed unknown token', () => `Bearer ${revoked.slice(0, -8)}00000000`, 401],
    ['a revoked token', () => `Bearer ${revoked}`, 401],
    ['another organization’s token', () => `Bearer ${foreign}`, 404],
  ];
  it.each(credentials)(
    'every route with %s: nothing of ours leaks or changes',
    async (_name, authorization, refusal) => {
      const answers: string[] = [];
      let leaked = 0;
      for (const route of routes) {
        const answer = await attempt(route, authorization());
        const found = leaks(answer.text);
        leaked += found.length;
        // Another organization may list (nothing of ours), read its own events, see its own
        // overview, create its own, and verify (ours is `not_found`).
        const allowed =
          refusal === 404 &&
          ['listProjects', 'listEvents', 'getOverview', 'listWebhookEndpoints', 'verifyApiKey'].includes(
            route.operationId,
          )
            ? 200
            : refusal;
        answers.push(
          `${route.operationId}:${answer.status}${answer.status === allowed ? '' : ` (wanted ${allowed})`}${found.length > 0 ? ` LEAK ${found.join(',')}` : ''}`,
        );
        if (route.operationId === 'verifyApiKey' && answer.status === 200) {
          expect(JSON.parse(answer.text)).toEqual({
            valid: false,
            reason: 'not_found',
            key_id: null,
            project_id: null,
            scopes: [],
          });
        }
      }
      expect(answers.filter((line) => line.includes('wanted') || line.includes('LEAK'))).toEqual([]);
      expect(leaked).toBe(0);
      // Nothing changed: the project is active, its keys verify, its result is unclaimed, no operation was added.
      const owner = createApiClient({ baseUrl: server.url, token: (await environment.token('org-ours')).token });
      const project = await owner.GET('/v1/projects/{id}', { params: { path: { id: ours['project']! } } });
      expect(project.data).toMatchObject({ status: 'active', resources: { api_keys: { active: 3 } } });
      expect((await owner.POST('/v1/api-keys/verify', { body: { key: ours['plaintext']! } })).data!.valid).toBe(true);
      const operations = await owner.GET('/v1/projects/{id}/operations', {
        params: { path: { id: ours['project']! } },
      });
      expect(operations.data!.data).toHaveLength(1);
      const [unclaimed] = await environment.sql<{ n: number }[]>`
      select count(*)::int as n from control_plane.provisioning_results where project_id = ${ours['project']!}`;
      expect(unclaimed!.n).toBe(1);
      const endpoint = await owner.GET('/v1/webhook-endpoints/{id}', { params: { path: { id: ours['webhook']! } } });
      expect(endpoint.data).toMatchObject({ enabled: true, previous_secret_expires_at: null });
      const [endpoints] = await environment.sql<{ n: number }[]>`
        select count(*)::int as n from control_plane.webhook_endpoints where organization_id = 'org-ours'`;
      expect(endpoints!.n).toBe(1);
    },
  );

  it('another organization’s token cannot create a project in ours', async () => {
    const api = createApiClient({ baseUrl: server.url, token: foreign });
    const refused = await api.POST('/v1/projects', {
      body: { name: 'x', region: 'us-east-1', owner_id: 'o', organization_id: 'org-ours' },
    });
    expect(refused.error).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const [count] = await environment.sql<{ n: number }[]>`
      select count(*)::int as n from control_plane.projects where organization_id = 'org-ours'`;
    expect(count!.n).toBe(1);
  });

  it('a token over its rate limit gets 429 with Retry-After', async () => {
    const limited = await spawnApi('serve', { ...environment.env, API_RATE_LIMIT_PER_MINUTE: '60' });
    try {
      const { token } = await environment.token('org-ours', 'limited');
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 15; i++) {
        const response = await fetch(`${limited.url}/v1/projects`, { headers: { authorization: `Bearer ${token}` } });
        statuses.push(response.status);
        if (response.status === 429) {
          retryAfter = response.headers.get('retry-after');
          expect(await response.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
        }
      }
      // A burst of 10 (a tenth of a minute's 60, at least 10), then refused.
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
      expect(statuses.slice(10)).toContain(429);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    } finally {
      await limited.stop();
    }
  });
});
