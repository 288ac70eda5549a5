import type { FastifyRouteSchemaDef } from 'fastify/types/schema.js';
import { pino } from 'pino';
import type { z } from 'zod';
import { answerSerializerCompiler } from '../../src/http/answer-serializer.js';
import type { ApiContext } from '../../src/server/api-context.js';
import { createApiServer } from '../../src/server/create-api-server.js';

/** A route's answer of one status, with the zod schema it is written by. */
export interface AnswerSchema {
  /** `GET /v1/projects/:id`, Fastify's form. */
  route: string;
  status: string;
  schema: z.ZodType;
}

// As openApiDocument builds the server: routes only, no request is sent.
const NO_REQUESTS = {
  db: { client: { sql: undefined } },
  bodyLimitBytes: 1024,
  logger: pino({ level: 'silent' }),
} as unknown as ApiContext;

/**
 * Every answer schema of the API's real server, as Fastify hands them to its serializer
 * compiler when the server gets ready (each route, each status; HEAD's are GET's).
 */
export async function answerSchemas(): Promise<AnswerSchema[]> {
  const app = await createApiServer(NO_REQUESTS);
  const found: AnswerSchema[] = [];
  app.setSerializerCompiler((definition) => {
    if (definition.method !== 'HEAD')
      found.push({
        route: `${definition.method} ${definition.url}`,
        status: String(definition.httpStatus),
        schema: definition.schema as z.ZodType,
      });
    return answerSerializerCompiler(definition as FastifyRouteSchemaDef<z.ZodType>);
  });
  try {
    await app.ready();
  } finally {
    await app.close();
  }
  return found;
}
