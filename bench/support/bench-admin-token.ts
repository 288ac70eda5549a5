import { AdminTokenStore, migrateApi } from '@org/api';
import type { Sql } from 'postgres';

/** The API's tables on `sql`'s database, and an admin token for every organization to load it with. */
export async function benchAdminToken(sql: Sql): Promise<string> {
  await migrateApi(sql);
  return (await new AdminTokenStore(sql).create({ name: 'bench', organizationId: null })).token;
}
