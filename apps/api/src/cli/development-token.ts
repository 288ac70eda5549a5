import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AdminTokenStore } from '../auth/admin-token-store.js';

/**
 * The embedded development default's admin token, for every organization: kept in
 * `DATA_DIR/admin-token` (mode 0600, beside the development secret key), made on the first
 * start and again when it was revoked. With your own PostgreSQL there is none: create
 * tokens with `control-plane-api token create`.
 */
export async function developmentToken(dataDir: string, tokens: AdminTokenStore): Promise<string> {
  const file = join(resolve(dataDir), 'admin-token');
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if ((await tokens.authenticate(kept)) !== undefined) return kept;
  }
  const created = await tokens.create({ name: 'development (npm start)', organizationId: null });
  writeFileSync(file, `${created.token}\n`, { mode: 0o600 });
  return created.token;
}
