import { RegionUnavailableError, TenantClusterError, UnknownClusterError } from '@org/errors';
import postgres, { type Sql } from 'postgres';
import type { ClusterConfig, TenantCluster } from './cluster-config.js';
import { clientTimeouts, SESSION_LIMITS, sessionParameters } from '../client/session-limits.js';
import { reconnectBackoff } from '../client/reconnect-backoff.js';
import type { PlatformLogin } from '../secrets/platform-login.js';
import { PLATFORM_SESSION } from '../tenant/platform-session.js';
import { prepareTenantCluster, type PlatformAccess } from '../tenant/prepare-tenant-cluster.js';
import { tenantConnectionUrl } from '../tenant/tenant-connection-url.js';
import { isKnownRegion } from './regions.js';

/** Pool settings for the admin connections to tenant clusters. */
export interface ClusterRouterOptions {
  /** The platform's role on tenant clusters (`createDbContext` derives it from the key). */
  platform: PlatformLogin;
  /** Admin connections per cluster: DDL is serialised by the server anyway. */
  poolSize?: number;
  /** Seconds to wait for a cluster to answer before it counts as unreachable. */
  connectTimeout?: number;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
}

/**
 * Knows which clusters serve which region and holds, per cluster, the platform's admin
 * pool, opened on first use. The configured URL's user (often a superuser) is used only
 * through {@link bootstrap}, to prepare the cluster; everything else runs as the platform
 * role, which is not a superuser (see `prepareTenantCluster`). Every session pins
 * `PLATFORM_SESSION`.
 */
export class ClusterRouter {
  readonly config: ClusterConfig;
  private readonly pools = new Map<string, Sql>();
  private readonly bootstraps = new Map<string, Sql>();
  private readonly probes = new Map<string, Sql>();
  private readonly access = new Map<string, Promise<PlatformAccess>>();
  private readonly options: Required<ClusterRouterOptions>;

  constructor(config: ClusterConfig, options: ClusterRouterOptions) {
    this.config = config;
    this.options = {
      poolSize: options.poolSize ?? 2,
      connectTimeout: options.connectTimeout ?? 5,
      applicationName: options.applicationName ?? 'control-plane-admin',
      platform: options.platform,
    };
  }

  /** The platform role's name when the cluster's configured user is a superuser. */
  get platformRole(): string {
    return this.options.platform.role;
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

  /**
   * The platform's admin pool on a cluster, on the platform's own database there; the
   * cluster is prepared first (once per process). An unconfigured name is an
   * `UnknownClusterError`; a cluster that cannot host tenants a `TenantClusterError`.
   */
  async admin(name: string): Promise<Sql> {
    const access = await this.platformAccess(name);
    let pool = this.pools.get(name);
    if (pool === undefined) {
      pool = this.open(tenantConnectionUrl(this.require(name).url, access.database, access), this.options.poolSize);
      this.pools.set(name, pool);
    }
    return pool;
  }

  /** How the platform logs in to `database` on a cluster (a tenant's, a template being built). */
  async platformUrl(name: string, database: string): Promise<string> {
    return tenantConnectionUrl(this.require(name).url, database, await this.platformAccess(name));
  }

  /** How the platform logs in to a cluster, preparing it the first time (see `prepareTenantCluster`). */
  platformAccess(name: string): Promise<PlatformAccess> {
    let access = this.access.get(name);
    if (access === undefined) {
      const cluster = this.require(name);
      access = prepareTenantCluster(name, cluster.url, this.bootstrap(name), this.options.platform);
      this.access.set(name, access);
      // A failed preparation is tried again by the next caller.
      access.catch(() => this.access.delete(name));
    }
    return access;
  }

  /**
   * A one-connection pool of the cluster's configured user, for preparing the cluster:
   * the platform role, hardening, converting databases made before the boundary. Nothing
   * else uses it.
   */
  bootstrap(name: string): Sql {
    let pool = this.bootstraps.get(name);
    if (pool === undefined) {
      pool = this.open(this.require(name).url, 1);
      this.bootstraps.set(name, pool);
    }
    return pool;
  }

  /**
   * Whether a cluster answers a trivial query within the connect timeout, asked on a
   * connection of its own: the admin pool's may be busy for minutes on a healthy cluster (a
   * template copy), and a query sent to a cluster cut off by a partition waits until TCP
   * gives up, about 15 minutes, with placement and the region check waiting behind it. A
   * probe past the deadline is cancelled, which closes its connection when the cancel goes
   * unanswered too, so the next probe connects afresh. A cluster that cannot host tenants
   * throws.
   */
  async isReachable(name: string): Promise<boolean> {
    const deadline = AbortSignal.timeout(this.options.connectTimeout * 1000);
    const probe = this.platformAccess(name).then(async (access) => {
      await this.probe(name, access)`select 1`.signal(deadline);
      return true;
    });
    probe.catch(() => undefined); // awaited below, unless the deadline passes first
    const expired = new Promise<false>((resolve) =>
      deadline.addEventListener('abort', () => resolve(false), { once: true }),
    );
    try {
      return await Promise.race([probe, expired]);
    } catch (error) {
      if (TenantClusterError.is(error)) throw error;
      return false;
    }
  }

  /** Closes every pool. */
  async close(): Promise<void> {
    const pools = [...this.pools.values(), ...this.bootstraps.values(), ...this.probes.values()];
    this.pools.clear();
    this.bootstraps.clear();
    this.probes.clear();
    this.access.clear();
    await Promise.all(pools.map((pool) => pool.end({ timeout: 5 })));
  }

  private require(name: string): TenantCluster {
    const cluster = this.cluster(name);
    if (cluster === undefined) throw new UnknownClusterError(name);
    return cluster;
  }

  /** The one-connection pool {@link isReachable} asks on, as the platform on its own database. */
  private probe(name: string, access: PlatformAccess): Sql {
    let pool = this.probes.get(name);
    if (pool === undefined) {
      pool = this.open(tenantConnectionUrl(this.require(name).url, access.database, access), 1);
      this.probes.set(name, pool);
    }
    return pool;
  }

  private open(url: string, max: number): Sql {
    return postgres(url, {
      max,
      ...clientTimeouts(SESSION_LIMITS.tenantAdmin),
      idle_timeout: 30,
      connect_timeout: this.options.connectTimeout,
      backoff: reconnectBackoff,
      onnotice: () => {},
      connection: {
        ...PLATFORM_SESSION,
        ...sessionParameters(SESSION_LIMITS.tenantAdmin),
        application_name: this.options.applicationName,
      },
    });
  }
}
