/**
 * The API bench's floor: a bare `node:http` server doing the same data work as the API's
 * routes with the same functions (the project read model, one query per read, where the
 * API shares its reads' queries under load; `verifyApiKey`; the project insert,
 * `requestOperation` and the two reads of the 202), with no framework, authentication,
 * validation, logging, metrics or idempotency. What the API costs above it is its HTTP
 * layer, less what its `GET`'s shared queries save. A process of its own, like the API:
 * `FLOOR_PORT`, `DATABASE_URL`, pools of `FLOOR_POOL_SIZE` connections.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { createApiKeyStore, verifyApiKey } from '@org/api-keys';
import postgres from 'postgres';
import { readProject } from '@org/api';
import { openBoss, OperationStore, requestOperation, type ProvisioningPayloadInput } from '@org/operations';

const url = process.env['DATABASE_URL']!;
const poolSize = Number(process.env['FLOOR_POOL_SIZE'] ?? 10);
const sql = postgres(url, { max: poolSize, onnotice: () => {} });
const keys = createApiKeyStore({ databaseUrl: url, poolSize });
const { boss } = openBoss(url, { supervise: false });
await boss.start();

function answer(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    void (async () => {
      const path = request.url ?? '/';
      if (request.method === 'GET' && path.startsWith('/v1/projects/')) {
        const project = await readProject(sql, path.slice('/v1/projects/'.length), null);
        return answer(response, project === undefined ? 404 : 200, project ?? {});
      }
      if (request.method === 'POST' && path === '/v1/api-keys/verify') {
        const { key } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { key: string };
        return answer(response, 200, await verifyApiKey(key, {}, keys));
      }
      if (request.method === 'POST' && path === '/v1/projects') {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Required<
          Pick<ProvisioningPayloadInput, 'region' | 'owner_id' | 'organization_id'>
        > & { name: string };
        const answered = await sql.begin(async (tx) => {
          const id = randomUUID();
          await tx`insert into control_plane.projects (id, name, region, owner_id, organization_id)
                   values (${id}, ${body.name}, ${body.region}, ${body.owner_id}, ${body.organization_id})`;
          const operationId = await requestOperation(boss, tx, {
            kind: 'provision',
            payload: {
              project_id: id,
              region: body.region,
              owner_id: body.owner_id,
              organization_id: body.organization_id,
            },
            requestedBy: null,
          });
          return {
            project: await readProject(tx, id, null),
            operation: await OperationStore.readWith(tx, operationId),
          };
        });
        return answer(response, 202, answered);
      }
      return answer(response, 404, {});
    })().catch(() => answer(response, 500, {}));
  });
});
server.listen(Number(process.env['FLOOR_PORT']), '127.0.0.1', () => console.log('floor listening'));
process.on('SIGTERM', () =>
  server.close(
    () =>
      void Promise.all([sql.end(), keys.close(), boss.stop({ graceful: false, close: true })]).then(() =>
        process.exit(0),
      ),
  ),
);
