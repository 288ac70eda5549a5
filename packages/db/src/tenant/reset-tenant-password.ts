import { randomBytes } from 'node:crypto';
import { TenantAccessError } from '@org/errors';
import { defaultDbContext, type DbContext } from '../db-context.js';
import { scramSha256VerifierAsync } from '../secrets/scram-verifier.js';
import { quoteIdentifier, quoteLiteral } from '../sql/quote.js';
import { openTenantCredentials, type TenantCredentials } from './open-tenant-credentials.js';
import { requireTenantDatabaseRecord } from './tenant-database-record.js';
import { assertTenantDatabaseName } from './tenant-names.js';

/**
 * Gives a tenant role a new password, for a tenant that lost its own (or whose password
 * leaked): the new one is sealed into the database's record first, then set on the cluster
 * (as a SCRAM verifier, never the plaintext), so that a run cut off between the two leaves
 * the record ahead of the role, and running it again puts them back in step. Sessions
 * already open stay open (PostgreSQL checks a password only at login); a suspended role
 * stays unable to log in. Returns the new credentials: show them once, never log them.
 */
export async function resetTenantPassword(
  databaseName: string,
  ctx: DbContext = defaultDbContext(),
): Promise<TenantCredentials> {
  assertTenantDatabaseName(databaseName);
  const record = await requireTenantDatabaseRecord(databaseName, ctx);
  const password = randomBytes(24).toString('base64url');
  const verifier = scramSha256VerifierAsync(password);
  verifier.catch(() => undefined); // awaited below, unless the record's update fails first
  await ctx.client.sql`
    update control_plane.project_resources
    set metadata = jsonb_set(metadata, '{passwordSealed}', to_jsonb(${ctx.secrets.seal(password, databaseName)}::text)),
        updated_at = now()
    where resource_type = 'databases' and resource_id = ${databaseName}`;
  try {
    const admin = await ctx.clusters.admin(record.cluster.name);
    await admin.unsafe(`alter role ${quoteIdentifier(record.metadata.role)} password ${quoteLiteral(await verifier)}`);
  } catch (error) {
    throw new TenantAccessError(`Could not reset the password of ${databaseName}`, {
      cause: error,
      context: { databaseName, cluster: record.cluster.name },
    });
  }
  return openTenantCredentials(databaseName, ctx);
}
