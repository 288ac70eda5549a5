/**
 * Snapshots a project may have at once (a restore's preserved one included): a new one is
 * refused past it (`QuotaExceededError`, `snapshots`) until one is deleted, unless the
 * project's `snapshot_retention_count` (at most this) drops its oldest instead. Each is a full
 * copy of the tenant's database on its cluster, so the quota bounds the disk a tenant can
 * make the platform spend.
 */
export const SNAPSHOT_QUOTA = 10;

/**
 * A project's `snapshot_retention_days` unless it sets its own (@org/db's column default): a
 * snapshot older than that is dropped when its project next takes one.
 */
export const SNAPSHOT_MAX_AGE_DAYS = 30;

/** The longest name a snapshot may be taken with (`OperationRequest`'s `name`). */
export const SNAPSHOT_NAME_MAX = 63;

/** A name a snapshot may be taken with: 1 to {@link SNAPSHOT_NAME_MAX} characters, not all blank, no control character. */
export function isSnapshotName(name: string): boolean {
  return name.trim().length > 0 && name.length <= SNAPSHOT_NAME_MAX && !/\p{Cc}/u.test(name);
}
