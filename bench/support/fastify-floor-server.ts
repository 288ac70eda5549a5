/**
 * A second floor for the API's `GET /v1/projects/{id}`: Fastify with nothing of the API's
 * (no hooks, schemas, authentication, metrics or logging) doing the same read with the same
 * function as `floor-api-server.ts`. Beside that floor it tells Fastify's own cost from the
 * API's per-request work (`bench/cpu-per-request.ts`). `FLOOR_PORT`, `DATABASE_URL`.
 */
import Fastify from 'fastify';
import postgres from 'postgres';
import { readProject } from '@org/api';

const sql = postgres(process.env['DATABASE_URL']!, { max: 10, onnotice: () => {} });
const app = Fastify({ logger: false });
app.get('/', () => ({}));
app.get<{ Params: { id: string } }>('/v1/projects/:id', async (request, reply) => {
  const project = await readProject(sql, request.params.id, null);
  return project ?? reply.code(404).send({});
});
await app.listen({ port: Number(process.env['FLOOR_PORT']), host: '127.0.0.1' });
console.log('fastify floor listening');
process.on('SIGTERM', () => void app.close().then(() => sql.end().then(() => process.exit(0))));
