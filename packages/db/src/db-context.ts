import { createControlPlaneClient, type ControlPlaneClient } from './client/control-plane-client.js';
import type { SessionLimits } from './client/session-limits.js';
import { singleClusterConfig, type ClusterConfig } from './regions/cluster-config.js';
import { ClusterRouter } from './regions/cluster-router.js';
import { loadSecretKey } from './secrets/load-secret-key.js';
import { derivePlatformLogin } from './secrets/platform-login.js';
import { createSecretBox, type SecretBox } from './secrets/secret-box.js';

/** Everything the data layer needs: the control-plane pool, the tenant clusters, the key. */
export interface DbContext {
  client: ControlPlaneClient;
  /** Prefix of the application_name of every connection this context opens. */
  applicationName: string;
  clusters: ClusterRouter;
  secrets: SecretBox;
  /** Closes the control-plane pool and every cluster pool. */
  close(): Promise<void>;
}

export interface DbContextOptions {
  /**
   * The control-plane database. By default it is every region's tenant cluster too: its
   * user must then be a superuser (the platform makes a role of its own for tenant work)
   * or have CREATEDB, CREATEROLE and pg_signal_backend.
   */
  databaseUrl: string;
  /** Control-plane pool size. */
  poolSize?: number;
  /** Region -> clusters; by default every region maps to `databaseUrl`'s server. */
  clusters?: ClusterConfig;
  /**
   * The AES-256 key sealing tenant passwords and one-time results: 32 bytes, or their base64
   * (or hex) text as `PROVISIONING_SECRET_KEY` holds it. The platform role's name and
   * password on tenant clusters are derived from it: every process of a control plane
   * needs the same key.
   */
  secretKey: Buffer | string;
  applicationName?: string;
  /** Seconds to wait for a control-plane connection before a query fails (default 10). */
  connectTimeoutSeconds?: number;
  /** The control-plane sessions' time limits (default `SESSION_LIMITS.controlPlane`). */
  limits?: SessionLimits;
}

/** Builds a {@link DbContext}. Nothing connects until first use. */
export function createDbContext(options: DbContextOptions): DbContext {
  const applicationName = options.applicationName ?? 'control-plane';
  const client = createControlPlaneClient({
    url: options.databaseUrl,
    max: options.poolSize ?? 10,
    applicationName,
    ...(options.connectTimeoutSeconds === undefined ? {} : { connectTimeout: options.connectTimeoutSeconds }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  });
  const key = typeof options.secretKey === 'string' ? loadSecretKey({ key: options.secretKey }) : options.secretKey;
  const secrets = createSecretBox(key);
  const clusters = new ClusterRouter(options.clusters ?? singleClusterConfig(options.databaseUrl), {
    applicationName: `${applicationName}-admin`,
    platform: derivePlatformLogin(key),
  });
  return {
    client,
    applicationName,
    clusters,
    secrets,
    async close() {
      await Promise.all([client.close(), clusters.close()]);
    },
  };
}

let defaultContext: DbContext | undefined;

/**
 * The context the contract's functions use when none is passed: the one the application set
 * with {@link setDefaultDbContext}. Nothing is built behind the caller's back (no pool is
 * opened from the environment): without one, this throws and says what to do.
 */
export function defaultDbContext(): DbContext {
  if (defaultContext === undefined) {
    throw new Error(
      'No DbContext: pass one to the function, or call setDefaultDbContext(createDbContext({ databaseUrl, secretKey })) once at start-up',
    );
  }
  return defaultContext;
}

/** Makes `context` the one the contract's functions use by default (undefined to reset). */
export function setDefaultDbContext(context: DbContext | undefined): void {
  defaultContext = context;
}
