/**
 * How long a deleted project stays recoverable before it is purged, unless a setting says
 * otherwise (`DELETED_PROJECT_RETENTION`): seven days, as Neon keeps a deleted project.
 */
export const DEFAULT_DELETION_RETENTION_SECONDS = 7 * 24 * 3600;

/**
 * A deletion may ask for its own retention between these bounds: at least an hour (or the
 * operator's default, when that is shorter), at most 30 days. Longer would keep a database no
 * one pays for; `purge` is there for at once.
 */
export const DELETION_RETENTION_BOUNDS = { minSeconds: 3600, maxSeconds: 30 * 24 * 3600 } as const;

/**
 * The retention a deletion gets: `asked` (seconds) when given and within the bounds around
 * `defaultSeconds`, else a {@link RangeError} naming them; `defaultSeconds` when not asked.
 */
export function deletionRetentionSeconds(defaultSeconds: number, asked?: number): number {
  if (asked === undefined) return defaultSeconds;
  const min = Math.min(DELETION_RETENTION_BOUNDS.minSeconds, defaultSeconds);
  const max = Math.max(DELETION_RETENTION_BOUNDS.maxSeconds, defaultSeconds);
  if (!Number.isFinite(asked) || asked < min || asked > max) {
    throw new RangeError(`retention must be between ${min} and ${max} seconds`);
  }
  return asked;
}
