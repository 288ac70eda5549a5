import { loadSecretKey, parseClusterConfig, postgresUrlSchema, type ClusterConfig } from '@org/db';
import { parseServicesConfig, type ServicesConfig } from '@org/services';
import { DEFAULT_DELETION_RETENTION_SECONDS } from '@org/operations';
import { createAddressPolicy } from '@org/webhooks';
import { z } from 'zod';

const json = z.string().transform((value, ctx) => {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be valid JSON' });
    return z.NEVER;
  }
});

const boundedNumber = (min: number, max: number, integer = true) =>
  z.coerce
    .number({ error: 'must be a number' })
    .refine((value) => !integer || Number.isInteger(value), 'must be an integer')
    .refine((value) => value >= min && value <= max, `must be between ${min} and ${max}`);
const number = (min: number, max: number, fallback: number, integer = true) =>
  boundedNumber(min, max, integer).default(fallback);

/** Every environment variable the worker reads, with its default. */
export const workerEnvSchema = z.object({
  DATABASE_URL: postgresUrlSchema.optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_PG_PORT: number(1024, 65535, 54329),
  PROVISIONING_SECRET_KEY: z.string().min(1).optional(),
  TENANT_CLUSTERS: json.optional(),
  SERVICES_CONFIG: json.optional(),
  HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  HTTP_PORT: number(0, 65535, 8080),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  WORKER_CONCURRENCY: number(1, 64, 2),
  DB_POOL_SIZE: number(2, 200, 10),
  JOB_ATTEMPTS: number(1, 10, 3),
  JOB_RETRY_DELAY_SECONDS: number(0, 86_400, 300),
  JOB_HEARTBEAT_SECONDS: number(10, 3600, 30),
  JOB_SUPERVISE_INTERVAL_SECONDS: number(1, 3600, 30),
  JOB_EXPIRE_SECONDS: number(10, 86_400, 600),
  QUEUE_POLL_INTERVAL_SECONDS: number(0.5, 60, 5, false),
  STEP_RETRY_DELAY_SCALE: number(0, 1, 1, false),
  WEBHOOK_RETRY_DELAY_SCALE: number(0, 1, 1, false),
  WEBHOOK_ALLOWED_CIDRS: z.string().default(''),
  WEBHOOK_TIMEOUT_MS: number(100, 60_000, 15_000),
  WEBHOOK_CONCURRENCY: number(1, 64, 4),
  PROJECT_LOCK_TIMEOUT_MS: number(100, 600_000, 30_000),
  PROJECT_LEASE_SECONDS: number(5, 600, 25),
  DELETED_PROJECT_RETENTION_SECONDS: number(1, 90 * 86_400, DEFAULT_DELETION_RETENTION_SECONDS),
  TENANT_CLUSTER_HARDENING: z.enum(['on', 'off']).default('on'),
  // No fallback here: unset, the default depends on DATABASE_URL (see tenantPoolSize).
  TENANT_POOL_SIZE: boundedNumber(0, 100).optional(),
});

/** Ready pooled databases per cluster when TENANT_POOL_SIZE is unset and the server is the embedded one. */
const EMBEDDED_TENANT_POOL_SIZE = 3;

/** The validated configuration. */
export interface WorkerConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPort: number;
  secretKey: string | undefined;
  clusters: ClusterConfig | undefined;
  services: ServicesConfig;
  httpHost: string;
  httpPort: number;
  logLevel: string;
  /** `auto` (LOG_FORMAT's default) is pretty when stdout is a terminal, JSON otherwise. */
  logFormat: 'json' | 'pretty';
  concurrency: number;
  poolSize: number;
  queue: {
    attempts: number;
    retryDelaySeconds: number;
    heartbeatSeconds: number;
    superviseIntervalSeconds: number;
    pollingIntervalSeconds: number;
    expireInSeconds: number;
  };
  stepRetryDelayScale: number;
  /** How webhooks are delivered (see `@org/webhooks`). */
  webhooks: {
    /** Multiplies the retry schedule and the three days before a failing endpoint is disabled (tests: 0.0001). */
    retryDelayScale: number;
    /** Private ranges deliveries may reach anyway (WEBHOOK_ALLOWED_CIDRS, comma-separated). */
    allowedCidrs: string[];
    timeoutMs: number;
    /** Attempts this worker makes at once. */
    concurrency: number;
  };
  lockTimeoutMs: number;
  /** How long a silent holder keeps its project (see `ProvisioningJournalOptions.leaseSeconds`). */
  leaseSeconds: number;
  /** How long a project deleted from the CLI stays recoverable before it is purged. */
  deletionRetentionSeconds: number;
  /** Revoke PUBLIC's CONNECT on each tenant cluster's template1 at migrate/start. */
  hardenTenantClusters: boolean;
  /**
   * Ready databases kept in each cluster's warm pool (0: none, and a pool left from before
   * is drained). TENANT_POOL_SIZE; unset, {@link EMBEDDED_TENANT_POOL_SIZE} on the embedded
   * server and 0 with DATABASE_URL, where each pooled database is a copy of the template an
   * operator pays for in disk (about 8 MB).
   */
  tenantPoolSize: number;
}

/** One message per bad variable, for the process to print before it exits. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Reads and validates the worker's configuration from the environment. */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = workerEnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const nested = <T>(name: string, parse: () => T): T | undefined => {
    try {
      return parse();
    } catch (error) {
      const issues = (error as { issues?: { path: string; message: string }[] }).issues ?? [
        { path: '', message: String(error) },
      ];
      for (const issue of issues) problems.push(`${name}${issue.path ? `.${issue.path}` : ''}: ${issue.message}`);
      return undefined;
    }
  };
  const clusters =
    e.TENANT_CLUSTERS === undefined
      ? undefined
      : nested('TENANT_CLUSTERS', () => parseClusterConfig(e.TENANT_CLUSTERS));
  const services = nested('SERVICES_CONFIG', () => parseServicesConfig(e.SERVICES_CONFIG ?? {}));
  if (e.PROVISIONING_SECRET_KEY !== undefined) {
    try {
      loadSecretKey({ key: e.PROVISIONING_SECRET_KEY });
    } catch {
      problems.push('PROVISIONING_SECRET_KEY: must be base64 (or hex) of exactly 32 bytes (openssl rand -base64 32)');
    }
  }
  if (e.DATABASE_URL !== undefined && e.PROVISIONING_SECRET_KEY === undefined) {
    problems.push('PROVISIONING_SECRET_KEY: is required with DATABASE_URL (base64 of 32 random bytes)');
  }
  const allowedCidrs = e.WEBHOOK_ALLOWED_CIDRS.split(',')
    .map((cidr) => cidr.trim())
    .filter((cidr) => cidr !== '');
  nested('WEBHOOK_ALLOWED_CIDRS', () => createAddressPolicy(allowedCidrs));
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    embeddedPort: e.EMBEDDED_PG_PORT,
    secretKey: e.PROVISIONING_SECRET_KEY,
    clusters,
    services: services!,
    httpHost: e.HTTP_HOST,
    httpPort: e.HTTP_PORT,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT === 'auto' ? (process.stdout.isTTY ? 'pretty' : 'json') : e.LOG_FORMAT,
    concurrency: e.WORKER_CONCURRENCY,
    poolSize: e.DB_POOL_SIZE,
    queue: {
      attempts: e.JOB_ATTEMPTS,
      retryDelaySeconds: e.JOB_RETRY_DELAY_SECONDS,
      heartbeatSeconds: e.JOB_HEARTBEAT_SECONDS,
      superviseIntervalSeconds: e.JOB_SUPERVISE_INTERVAL_SECONDS,
      pollingIntervalSeconds: e.QUEUE_POLL_INTERVAL_SECONDS,
      expireInSeconds: e.JOB_EXPIRE_SECONDS,
    },
    stepRetryDelayScale: e.STEP_RETRY_DELAY_SCALE,
    webhooks: {
      retryDelayScale: e.WEBHOOK_RETRY_DELAY_SCALE,
      allowedCidrs,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      concurrency: e.WEBHOOK_CONCURRENCY,
    },
    lockTimeoutMs: e.PROJECT_LOCK_TIMEOUT_MS,
    leaseSeconds: e.PROJECT_LEASE_SECONDS,
    deletionRetentionSeconds: e.DELETED_PROJECT_RETENTION_SECONDS,
    hardenTenantClusters: e.TENANT_CLUSTER_HARDENING === 'on',
    tenantPoolSize: e.TENANT_POOL_SIZE ?? (e.DATABASE_URL === undefined ? EMBEDDED_TENANT_POOL_SIZE : 0),
  };
}
