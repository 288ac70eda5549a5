import { DatabaseCreationError, UnknownClusterError } from '@org/errors';
import type { DbContext } from '../db-context.js';
import { findProjectResource } from '../projects/project-resources.js';
import { readDatabaseMetadata, type DatabaseResourceMetadata } from '../projects/resource-metadata.js';
import type { TenantCluster } from '../regions/cluster-config.js';

/** A tenant database as recorded in `project_resources`, with its configured cluster. */
export interface TenantDatabaseRecord {
  projectId: string;
  databaseName: string;
  metadata: DatabaseResourceMetadata;
  cluster: TenantCluster;
}

/**
 * Where a tenant database lives, from its record: undefined when it is not recorded. A
 * record on a cluster the configuration no longer names is an {@link UnknownClusterError}.
 */
export async function findTenantDatabaseRecord(
  databaseName: string,
  ctx: DbContext,
): Promise<TenantDatabaseRecord | undefined> {
  const record = await findProjectResource('databases', databaseName, ctx);
  if (record === undefined) return undefined;
  return toTenantDatabaseRecord(record.projectId, databaseName, record.metadata, ctx);
}

/** {@link findTenantDatabaseRecord} for a database that must be recorded (else a non-retryable error). */
export async function requireTenantDatabaseRecord(databaseName: string, ctx: DbContext): Promise<TenantDatabaseRecord> {
  const record = await findTenantDatabaseRecord(databaseName, ctx);
  if (record === undefined) {
    throw new DatabaseCreationError(`Tenant database ${databaseName} is not recorded`, {
      retryable: false,
      context: { databaseName },
    });
  }
  return record;
}

/** Reads a `databases` record's metadata and resolves its cluster (see {@link findTenantDatabaseRecord}). */
export function toTenantDatabaseRecord(
  projectId: string,
  databaseName: string,
  rawMetadata: unknown,
  ctx: DbContext,
): TenantDatabaseRecord {
  const metadata = readDatabaseMetadata(rawMetadata);
  if (metadata === undefined) {
    throw new DatabaseCreationError(`The record of ${databaseName} is incomplete`, {
      retryable: false,
      context: { databaseName },
    });
  }
  const cluster = ctx.clusters.cluster(metadata.cluster);
  if (cluster === undefined) throw new UnknownClusterError(metadata.cluster, { context: { databaseName } });
  return { projectId, databaseName, metadata, cluster };
}
