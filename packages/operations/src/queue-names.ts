// The control plane's pg-boss queues, by name: senders (`requestOperation`) and the worker's
// consumers agree on them here.

/**
 * Provisionings, one job per operation (its id is the operation's), policy `exclusive`
 * keyed by project id: one queued or running per project.
 */
export const PROVISION_QUEUE = 'provision_project';

/**
 * Where pg-boss puts a job that failed for good, whatever the cause: also when the worker of
 * its last attempt died, so that no code of ours saw the failure. Its consumer cleans up.
 */
export const PROVISION_DEAD_LETTER_QUEUE = 'provision_project_dead';

/**
 * Warm-pool refills, one job per cluster (`singletonKey`), policy `stately`: at most one
 * waiting and one running per cluster, so a burst of claims asks for one refill, not many.
 */
export const TENANT_POOL_REFILL_QUEUE = 'tenant_pool_refill';

/**
 * Lifecycle operations (suspend, resume, delete, recover, purge, password resets), one job per operation (its id is the
 * operation's). They do not overlap per project: the operations table admits one open
 * operation per project, and a run holds the project's lock.
 */
export const LIFECYCLE_QUEUE = 'project_lifecycle';

/** Where a lifecycle job goes when its last attempt's worker died: its consumer fails the operation. */
export const LIFECYCLE_DEAD_LETTER_QUEUE = 'project_lifecycle_dead';

/**
 * A deleted project's purge, due at the end of its retention: one job per deletion, sent with
 * the deletion (`startAfter`: pg-boss's schedule, kept in the database). When it runs it
 * asks for the `purge` operation if the project is still deleted and its `purge_at` has come,
 * and does nothing if it was recovered.
 */
export const PURGE_DUE_QUEUE = 'project_purge_due';
