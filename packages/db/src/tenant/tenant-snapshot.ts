/** A snapshot of a tenant database: a copy on its cluster that only the platform can use. */
export interface TenantSnapshot {
  /** `snap_<uuid with _>`. */
  name: string;
  /** The tenant database it is a copy of. */
  databaseName: string;
  cluster: string;
  createdAt: Date;
  /** `pg_database_size` of the copy. */
  sizeBytes: number;
  /** When a restore kept the database it replaced as this snapshot: the snapshot it restored. */
  replacedBy?: string;
}
