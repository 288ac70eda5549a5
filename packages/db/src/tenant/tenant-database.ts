/** Where a tenant database lives and how to log in to it. Returned once by creation. */
export interface TenantDatabase {
  projectId: string;
  databaseName: string;
  /** The login role that owns the database. */
  roleName: string;
  region: string;
  /** The cluster (by name) the database was created on. */
  cluster: string;
  host: string;
  port: number;
  /** The role's password: shown once; stored only sealed. */
  password: string;
  /** `postgres://role:password@host:port/database`. A secret: never log it. */
  connectionString: string;
}
