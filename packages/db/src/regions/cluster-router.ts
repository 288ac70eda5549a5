import { RegionUnavailableError, UnknownClusterError } from '@org/errors';
import postgres, { type Sql } from 'postgres';
import type { ClusterConfig, TenantCluster } from './cluster-config.js';
import { reconnectBackoff } from '../client/reconnect-backoff.js';
import { isKnownRegion } from './regions.js';

/** Pool settings for the admin connections to tenant clusters. */
export interface ClusterRouterOptions {
  /** Admin connections per cluster: DDL is serialised by the server anyway. */
  poolSize?: number;
  /** Seconds to wait for a cluster to answer before it counts as unreachable. */
  connectTimeout?: number;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
}

/**
 * Knows which clusters serve which region and holds one small admin pool per cluster,
 * opened on first use.
 */
export class ClusterRouter {
  readonly config: ClusterConfig;
  private readonly pools = new Map<string, Sql>();
  private readonly options: Required<ClusterRouterOptions>;

  constructor(config: ClusterConfig, options: ClusterRouterOptions = {}) {
    this.config = config;
    this.options = {
      poolSize: options.poolSize ?? 2,
      connectTimeout: options.connectTimeout ?? 5,
      applicationName: options.applicationName ?? 'control-plane-admin',
    };
  }

  /** The clusters of a region; an unknown region is a {@link RegionUnavailableError}. */
  clustersFor(region: string): readonly TenantCluster[] {
    if (!isKnownRegion(region)) throw new RegionUnavailableError(region, { message: `Unknown region ${region}` });
    return this.config[region];
  }

  /** Every configured cluster once, whatever regions it serves. */
  allClusters(): TenantCluster[] {
    const byName = new Map<string, TenantCluster>();
    for (const clusters of Object.values(this.config))
      for (const cluster of clusters) byName.set(cluster.name, cluster);
    return [...byName.values()];
  }

  cluster(name: string): TenantCluster | undefined {
    return this.allClusters().find((cluster) => cluster.name === name);
  }

  /** The admin pool of a cluster (its configured URL); an unconfigured name is an `UnknownClusterError`. */
  admin(name: string): Sql {
    let pool = this.pools.get(name);
    if (pool === undefined) {
      const cluster = this.cluster(name);
      if (cluster === undefined) throw new UnknownClusterError(name);
      pool = postgres(cluster.url, {
        max: this.options.poolSize,
        idle_timeout: 30,
        connect_timeout: this.options.connectTimeout,
        backoff: reconnectBackoff,
        onnotice: () => {},
        connection: { application_name: this.options.applicationName },
      });
      this.pools.set(name, pool);
    }
    return pool;
  }

  /** Whether a cluster answers a trivial query within the connect timeout. */
  async isReachable(name: string): Promise<boolean> {
    try {
      await this.admin(name)`select 1`;
      return true;
    } catch {
      return false;
    }
  }

  /** Closes every admin pool. */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.end({ timeout: 5 })));
  }
}
