/** What every project's lock key starts with; SQL that derives the key from a column appends the id to it. */
export const PROJECT_LOCK_PREFIX = 'provision:';

/**
 * The advisory-lock key that makes operations on one project mutually exclusive: every
 * holder and every check must use this one function (or {@link PROJECT_LOCK_PREFIX} and the
 * id in SQL), since a different spelling silently breaks the exclusion.
 */
export function projectLockKey(projectId: string): string {
  return `${PROJECT_LOCK_PREFIX}${projectId}`;
}
