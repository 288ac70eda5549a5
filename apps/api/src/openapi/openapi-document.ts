import { pino } from 'pino';
import type { ApiContext } from '../server/api-context.js';
import { createApiServer } from '../server/create-api-server.js';

// Building the routes reads nothing from the context but the control plane's pool, which
// no request will use: the document needs the routes only.
const NO_REQUESTS = {
  db: { client: { sql: undefined } },
  bodyLimitBytes: 1024,
  logger: pino({ level: 'silent' }),
} as unknown as ApiContext;

/** The API's OpenAPI 3.1 document, as `/openapi.json` serves it, built without a database. */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const app = await createApiServer(NO_REQUESTS);
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
  }
}
