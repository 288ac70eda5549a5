/** What a `databases` record says about its tenant database. */
export interface DatabaseResourceMetadata {
  /** `creating` from the moment the name is reserved, `ready` once the database exists. */
  status: 'creating' | 'ready';
  region: string;
  /** The configured cluster (by name) the database lives on. */
  cluster: string;
  role: string;
  /** The tenant role's password, sealed with the context's key and bound to the database name. */
  passwordSealed: string;
  /** The warm-pool database this one is being made from (renamed to it), when one was claimed. */
  pooled?: string;
}

/** What a `services` record says: the service's own id for the project. */
export interface ServiceResourceMetadata {
  serviceId: string;
}

/** What an `api_keys` record says: the key's display form and, after a rotation, its predecessor. */
export interface ApiKeyResourceMetadata {
  start: string;
  rotatedFrom?: string;
}

/**
 * The metadata of each resource type, as `project_resources.metadata` holds it. Its keys
 * are the table's `RESOURCE_TYPES` (the table's column type indexes this by them, so a
 * type without an entry here does not compile).
 */
export interface ResourceMetadataByType {
  databases: DatabaseResourceMetadata;
  services: ServiceResourceMetadata;
  api_keys: ApiKeyResourceMetadata;
  storage: Record<string, unknown>;
}

/** The metadata of one resource type. */
export type ResourceMetadata<Type extends keyof ResourceMetadataByType = keyof ResourceMetadataByType> =
  ResourceMetadataByType[Type];

/**
 * The one reader of a `databases` record's metadata: undefined when a field is missing or
 * of the wrong type (a record written by hand, or by a version that predates a field).
 */
export function readDatabaseMetadata(metadata: unknown): DatabaseResourceMetadata | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const m = metadata as Record<string, unknown>;
  const strings = ['region', 'cluster', 'role', 'passwordSealed'] as const;
  if (!strings.every((field) => typeof m[field] === 'string')) return undefined;
  if (m['status'] !== 'creating' && m['status'] !== 'ready') return undefined;
  if (m['pooled'] !== undefined && typeof m['pooled'] !== 'string') return undefined;
  return {
    status: m['status'],
    region: m['region'] as string,
    cluster: m['cluster'] as string,
    role: m['role'] as string,
    passwordSealed: m['passwordSealed'] as string,
    ...(m['pooled'] === undefined ? {} : { pooled: m['pooled'] }),
  };
}
