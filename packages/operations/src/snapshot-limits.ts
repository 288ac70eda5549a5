/**
 * Snapshots a project may have at once (a restore's preserved one included): a new one is
 * refused past it (`QuotaExceededError`, `snapshots`) until one is deleted. Each is a full
 * copy of the tenant's database on its cluster, so the quota bounds the disk a tenant can
 * make the platform spend.
 */
export const SNAPSHOT_QUOTA = 10;

/** A snapshot older than this (30 days) is dropped when its project next takes one. */
export const SNAPSHOT_MAX_AGE_DAYS = 30;
