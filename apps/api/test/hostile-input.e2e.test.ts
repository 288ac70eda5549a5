import { waitFor } from '@org/db/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../src/client/create-api-client.js';
import { documentedMethods, parserRefusals } from './support/parser-refusals.js';
import { undocumented } from './support/documented-schema.js';
import { hostileRequests, type HostileRequest } from './support/hostile-requests.js';
import { sendRaw } from './support/raw-http.js';
import { routes } from './support/openapi-routes.js';
import { spawnApi, type SpawnedProcess } from './support/spawn-process.js';
import { createTestEnvironment, type TestEnvironment } from './support/test-environment.js';

// Every route of the document, fed requests derived from its own schemas and then broken.
// Every answer must be a status the document lists for that route, a problem body for
// any refusal, never a 500; and a refused request must create nothing.
const RUNS = Number(process.env['API_HOSTILE_REQUESTS'] ?? 5200);
const seed = Number(process.env['API_HOSTILE_SEED'] ?? Math.floor(Math.random() * 2 ** 31));

let environment: TestEnvironment;
let server: SpawnedProcess;
let token: string;
const real: Record<string, string[]> = {};

beforeAll(async () => {
  environment = await createTestEnvironment('api_hostile');
  token = (await environment.token(null, 'hostile')).token;
  // A provisioned project with keys and operations, so that real ids reach the handlers.
  const setup = await spawnApi('start', environment.env);
  const api = createApiClient({ baseUrl: setup.url, token });
  const created = await api.POST('/v1/projects', {
    body: { name: 'victim', region: 'us-east-1', organization_id: 'org-hostile', owner_id: 'o' },
  });
  const { project, operation } = created.data!;
  await waitFor(
    async () => {
      const { data } = await api.GET('/v1/operations/{id}', { params: { path: { id: operation.id } } });
      if (data!.status !== 'succeeded') expect(data!.status).toMatch(/queued|running/);
      return data!.status;
    },
    { until: (status) => status === 'succeeded', what: `operation ${operation.id} succeeded`, timeoutMs: 60_000 },
  );
  const keys = await api.GET('/v1/projects/{id}/api-keys', { params: { path: { id: project.id } } });
  real['id'] = [project.id, operation.id];
  real['keyId'] = keys.data!.data.map((key) => key.id);
  real['name'] = ['default'];
  await setup.stop();
  // The hostile phase: the API alone. Accepted operations stay queued, so nothing
  // provisions hundreds of databases behind the test's back.
  server = await spawnApi('serve', {
    ...environment.env,
    API_RATE_LIMIT_PER_MINUTE: '0',
    API_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0',
  });
});
afterAll(async () => {
  await server?.stop();
  await environment?.close();
});

async function counts() {
  const [row] = await environment.sql<
    { projects: number; operations: number; keys: number; idempotency: number; jobs: number }[]
  >`
    select (select count(*)::int from control_plane.projects) as projects,
           (select count(*)::int from control_plane.operations) as operations,
           (select count(*)::int from control_plane.api_keys) as keys,
           (select count(*)::int from control_plane.api_idempotency_keys) as idempotency,
           (select count(*)::int from pgboss.job where name in ('provision_project', 'project_lifecycle')) as jobs`;
  return row!;
}

describe(`hostile input (${RUNS} requests, seed ${seed})`, () => {
  it('every answer is documented, refusals are problem details, nothing answers 500, refusals create nothing', async () => {
    const before = await counts();
    const expected = { projects: 0, operations: 0, keys: 0, idempotency: 0, jobs: 0 };
    const byRoute = new Map<string, number>();
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const perRoute = Math.ceil(RUNS / routes.length);
    let sent = 0;
    for (const route of routes) {
      const samples = fc.sample(hostileRequests(route, real), { numRuns: perRoute, seed: seed + sent });
      for (const request of samples) {
        const answer = await send(request);
        sent++;
        byRoute.set(route.operationId, (byRoute.get(route.operationId) ?? 0) + 1);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const problem = check(request, answer);
        if (problem !== undefined) failures.push(problem);
        account(request, answer, expected);
      }
    }
    const after = await counts();
    console.log(
      `hostile input: seed=${seed} requests=${sent} routes=${byRoute.size} statuses=${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    // A 500 first, with what the server logged about it.
    failures.sort((a, b) => Number(b.includes('-> 500')) - Number(a.includes('-> 500')));
    const logged = server
      .output()
      .split('\n')
      .filter((line) => line.includes('"msg":"request failed"'));
    expect({ failures: failures.slice(0, 10), logged: logged.slice(0, 3) }).toEqual({ failures: [], logged: [] });
    expect(sent).toBeGreaterThanOrEqual(5000);
    expect(byRoute.size).toBe(routes.length);
    expect(statuses.has(500)).toBe(false);
    // What exists now is exactly what the accepted requests made.
    expect({
      projects: after.projects - before.projects,
      operations: after.operations - before.operations,
      keys: after.keys - before.keys,
      idempotency: after.idempotency - before.idempotency,
      jobs: after.jobs - before.jobs,
    }).toEqual(expected);
  }, 600_000);
});

describe('hostile input the HTTP parser refuses (raw sockets)', () => {
  it.each(parserRefusals('{token}'))('%s: %i %s, a problem, never a 5xx', async (_name, status, code, request) => {
    const answer = await sendRaw(server.url, request.replace('{token}', token));
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(JSON.parse(answer.body)).toMatchObject({ status, code });
  });

  it('a method a path does not take is a 405 naming the ones it does (Allow), on every documented path', async () => {
    const wrong: string[] = [];
    for (const [path, methods] of documentedMethods()) {
      const concrete = path.replace(/\{(\w+)\}/g, (_, name: string) => real[name]?.[0] ?? 'x');
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((one) => !methods.includes(one))) {
        const answer = await sendRaw(
          server.url,
          `${method} ${concrete} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
        );
        const allow = methods.includes('GET') ? [...methods, 'HEAD'].sort().join(', ') : methods.join(', ');
        const body = JSON.parse(answer.body) as { status?: number; code?: string };
        if (answer.status !== 405 || answer.headers['allow'] !== allow || body.code !== 'METHOD_NOT_ALLOWED') {
          wrong.push(`${method} ${path}: ${answer.status} allow=${answer.headers['allow']} (wanted ${allow})`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('"." and ".." path segments sent as they are reach their route (no client resolves them here): never a 405 offering the method sent', async () => {
    // The hostile run's fetch resolves them (seed 288518855 sent POST /v1/operations/cancel);
    // sent raw, the segment is the route's parameter, refused as a malformed id.
    const answers = [];
    for (const [method, path] of [
      ['POST', '/v1/operations/./cancel'],
      ['POST', '/v1/operations/../cancel'],
      ['GET', '/v1/projects/./operations'],
      ['DELETE', '/v1/projects/..'],
    ] as const) {
      const answer = await sendRaw(
        server.url,
        `${method} ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
      );
      answers.push({
        path,
        status: answer.status,
        offersMethodSent: answer.headers['allow']?.split(', ').includes(method) === true,
      });
    }
    for (const answer of answers) expect(answer).toMatchObject({ offersMethodSent: false });
    expect(answers.every((answer) => answer.status >= 400 && answer.status < 500)).toBe(true);
    expect(answers[0]).toMatchObject({ status: 400 });
  });

  it('the server answers as before after them', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(server.output()).not.toContain('"msg":"request failed"');
  });
});

interface Answer {
  status: number;
  contentType: string;
  body: unknown;
  replayed: boolean;
}

async function send(request: HostileRequest): Promise<Answer> {
  const url = `${server.url}${request.path}${request.query === '' ? '' : `?${request.query}`}`;
  const response = await fetch(url, {
    method: request.route.method.toUpperCase(),
    headers: { ...request.headers, authorization: `Bearer ${token}` },
    ...(request.body === undefined || request.route.method === 'get' ? {} : { body: request.body }),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body,
    replayed: response.headers.get('idempotent-replayed') === 'true',
  };
}

/** What is wrong with an answer, or undefined. */
function check(request: HostileRequest, answer: Answer): string | undefined {
  const where = `${request.route.method.toUpperCase()} ${request.path.slice(0, 80)} -> ${answer.status}`;
  // A path parameter that is not a route segment of ours (an encoded slash, say) reaches no route: 404.
  if (!request.route.statuses.has(answer.status)) return `${where}: not a documented status`;
  // Its content type and body are what the document says for that status, success or refusal.
  const mismatch = undocumented(request.route, answer);
  if (mismatch !== undefined) return `${where}: ${mismatch}`;
  if (answer.status >= 400) {
    const problem = answer.body as { type?: unknown; title?: unknown; status?: unknown; code?: unknown };
    if (!answer.contentType.startsWith('application/problem+json'))
      return `${where}: ${answer.contentType}, not a problem`;
    if (typeof problem.type !== 'string' || typeof problem.title !== 'string' || typeof problem.code !== 'string') {
      return `${where}: not a problem body`;
    }
    if (problem.status !== answer.status) return `${where}: problem says ${String(problem.status)}`;
  } else if (typeof answer.body !== 'object' || answer.body === null) {
    return `${where}: a success without a JSON body`;
  }
  return undefined;
}

/** What an accepted request made, added to `expected`. */
function account(request: HostileRequest, answer: Answer, expected: Record<string, number>): void {
  if (answer.status >= 300 || answer.replayed) return;
  const id = request.route.operationId;
  // A project of its own: a new one, or a branch of one.
  if (id === 'createProject' || id === 'createBranch') {
    expected['projects']!++;
    expected['operations']!++;
    expected['jobs']!++;
  }
  // An operation on a project, when one was recorded (202; a 200 names the one that did it before).
  const operations = [
    'suspendProject',
    'resumeProject',
    'deleteProject',
    'recoverProject',
    'retryProvisioning',
    'resetProjectPassword',
    'createSnapshot',
    'deleteSnapshot',
    'restoreProject',
  ];
  if (operations.includes(id) && answer.status === 202) {
    expected['operations']!++;
    expected['jobs']!++;
  }
  if (id === 'createApiKeys') expected['keys']! += (answer.body as { data: unknown[] }).data.length;
  if (id === 'rotateApiKey') expected['keys']!++;
  const key = request.headers['idempotency-key'];
  const mutation = request.route.method !== 'get' && id !== 'verifyApiKey';
  if (mutation && key !== undefined && /^[\x21-\x7e]{1,255}$/.test(key)) expected['idempotency']!++;
}
