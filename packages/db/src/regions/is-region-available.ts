import { defaultDbContext, type DbContext } from '../db-context.js';
import { isKnownRegion } from './regions.js';

/** The contract's check: the region is one we offer and at least one of its clusters answers. */
export async function isRegionAvailable(region: string, ctx: DbContext = defaultDbContext()): Promise<boolean> {
  if (!isKnownRegion(region)) return false;
  for (const cluster of ctx.clusters.clustersFor(region)) {
    if (await ctx.clusters.isReachable(cluster.name)) return true;
  }
  return false;
}
