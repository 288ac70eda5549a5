import { z } from 'zod';
import { parseInput } from '../internal/parse-input.js';
import { REGIONS, type Region } from './regions.js';

/** A `postgres://` or `postgresql://` URL. */
export const postgresUrlSchema = z.string().refine((value) => {
  try {
    return ['postgres:', 'postgresql:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'must be a postgres:// URL');

const clusterSchema = z.object({
  /** A stable name, recorded with each tenant database created there. */
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, - and _'),
  /** A URL whose user may CREATE DATABASE and CREATE ROLE. */
  url: postgresUrlSchema,
});

/** Every region mapped to one or more tenant clusters. */
export const clusterConfigSchema = z
  .object(
    Object.fromEntries(REGIONS.map((region) => [region, z.array(clusterSchema).min(1)])) as Record<
      Region,
      z.ZodArray<typeof clusterSchema>
    >,
  )
  .strict()
  .superRefine((config, ctx) => {
    const urls = new Map<string, string>();
    for (const clusters of Object.values(config)) {
      for (const cluster of clusters) {
        const seen = urls.get(cluster.name);
        if (seen !== undefined && seen !== cluster.url) {
          ctx.addIssue({ code: 'custom', message: `cluster name ${cluster.name} is used for two different URLs` });
        }
        urls.set(cluster.name, cluster.url);
      }
    }
  });

export type TenantCluster = z.infer<typeof clusterSchema>;
export type ClusterConfig = z.infer<typeof clusterConfigSchema>;

/** Validates a cluster map (e.g. parsed from `TENANT_CLUSTERS`), naming every bad field. */
export function parseClusterConfig(input: unknown): ClusterConfig {
  return parseInput(clusterConfigSchema, input);
}

/** The default: every region on one cluster, the control-plane server itself. */
export function singleClusterConfig(url: string, name = 'default'): ClusterConfig {
  return parseClusterConfig(Object.fromEntries(REGIONS.map((region) => [region, [{ name, url }]])));
}
