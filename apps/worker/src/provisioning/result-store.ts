import { provisioningResults, type DbContext } from '@org/db';
import { eq, lt, sql } from 'drizzle-orm';
import type { ProvisioningData } from './provisioning-result.js';

/** Unclaimed one-time results are deleted after this long. */
export const RESULT_TTL_HOURS = 24;

/** The row that keeps a result sealed (AES-256-GCM, bound to the project id) until claimed. */
export function sealProvisioningResult(projectId: string, data: ProvisioningData, ctx: DbContext) {
  return {
    projectId,
    sealed: ctx.secrets.seal(JSON.stringify(data), projectId),
    expiresAt: sql`now() + make_interval(hours => ${RESULT_TTL_HOURS})`,
  };
}

/** Keeps a result for one claim. Keeps the first one stored: a re-run of the last step finds it. */
export async function storeProvisioningResult(
  projectId: string,
  data: ProvisioningData,
  ctx: DbContext,
): Promise<void> {
  await ctx.client.db
    .insert(provisioningResults)
    .values(sealProvisioningResult(projectId, data, ctx))
    .onConflictDoNothing();
}

/** The stored result without claiming it (for a re-run of the last step), or undefined. */
export async function peekProvisioningResult(projectId: string, ctx: DbContext): Promise<ProvisioningData | undefined> {
  const [row] = await ctx.client.db
    .select()
    .from(provisioningResults)
    .where(eq(provisioningResults.projectId, projectId));
  return row === undefined ? undefined : (JSON.parse(ctx.secrets.open(row.sealed, projectId)) as ProvisioningData);
}

/**
 * Returns the plaintext result of a queued provisioning exactly once: the row is deleted
 * as it is read, so a second claim (or a concurrent one) gets undefined. Expired results
 * cannot be claimed.
 */
export async function claimProvisioningResult(
  projectId: string,
  ctx: DbContext,
): Promise<ProvisioningData | undefined> {
  const rows = await ctx.client.db
    .delete(provisioningResults)
    .where(eq(provisioningResults.projectId, projectId))
    .returning({ sealed: provisioningResults.sealed, expiresAt: provisioningResults.expiresAt });
  const row = rows[0];
  if (row === undefined || row.expiresAt.getTime() <= Date.now()) return undefined;
  return JSON.parse(ctx.secrets.open(row.sealed, projectId)) as ProvisioningData;
}

/** Deletes results nobody claimed in time. Returns how many. */
export async function purgeExpiredProvisioningResults(ctx: DbContext): Promise<number> {
  const rows = await ctx.client.db
    .delete(provisioningResults)
    .where(lt(provisioningResults.expiresAt, sql`now()`))
    .returning({ projectId: provisioningResults.projectId });
  return rows.length;
}
