import { TenantCopyError } from '@org/errors';
import { defaultDbContext, type DbContext } from '../db-context.js';
import { quoteIdentifier } from '../sql/quote.js';
import { readCopyStates } from './tenant-copy-mark.js';
import { assertTenantSnapshotName } from './tenant-names.js';

/**
 * Drops a snapshot, complete or half-made, wherever it is (every configured cluster is
 * looked at, unless `cluster` says where). Resolves true when one was dropped, false when
 * there was none; a database of that name the platform does not own is left alone. Nothing
 * can be connected to a snapshot, so nothing is interrupted.
 */
export async function dropTenantSnapshot(
  snapshotName: string,
  ctx: DbContext = defaultDbContext(),
  options: { cluster?: string } = {},
): Promise<boolean> {
  assertTenantSnapshotName(snapshotName);
  const clusters = options.cluster === undefined ? ctx.clusters.allClusters().map((c) => c.name) : [options.cluster];
  let dropped = false;
  for (const cluster of clusters) {
    try {
      const admin = await ctx.clusters.admin(cluster);
      const state = (await readCopyStates(admin, [snapshotName])).get(snapshotName);
      if (state === undefined || !state.ours) continue;
      await admin.unsafe(`drop database if exists ${quoteIdentifier(snapshotName)}`);
      dropped = true;
    } catch (error) {
      throw new TenantCopyError(`Could not drop snapshot ${snapshotName}`, {
        cause: error,
        context: { snapshotName, cluster },
      });
    }
  }
  return dropped;
}
