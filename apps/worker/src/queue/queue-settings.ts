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
 * Lifecycle operations (suspend, resume, delete), one job per operation (its id is the
 * operation's). They do not overlap per project: the operations table admits one open
 * operation per project, and a run holds the project's lock.
 */
export const LIFECYCLE_QUEUE = 'project_lifecycle';

/** Where a lifecycle job goes when its last attempt's worker died: its consumer fails the operation. */
export const LIFECYCLE_DEAD_LETTER_QUEUE = 'project_lifecycle_dead';

/** Queue behaviour; the defaults are the contract's (3 attempts, 5 minutes apart). */
export interface QueueSettings {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Seconds between attempts. */
  retryDelaySeconds: number;
  /** A job whose worker stops heart-beating this long is failed and retried (pg-boss minimum 10). */
  heartbeatSeconds: number;
  /** How often pg-boss looks for dead jobs, in seconds. */
  superviseIntervalSeconds: number;
  /** Jobs one worker process runs at once. */
  concurrency: number;
  /**
   * Idle poll interval per slot. NOTIFY wakes slots for new jobs and a slot that finishes a
   * job fetches the next at once, so polling only finds retries whose delay ran out (5
   * minutes by default) and jobs whose notification was missed.
   */
  pollingIntervalSeconds: number;
  /**
   * A job running longer than this is failed and retried. Also the backstop for a job whose
   * fetch committed while its worker lost the connection (a database restart), which never
   * starts heart-beating.
   */
  expireInSeconds: number;
}

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  attempts: 3,
  retryDelaySeconds: 300,
  heartbeatSeconds: 30,
  superviseIntervalSeconds: 30,
  concurrency: 2,
  pollingIntervalSeconds: 5,
  expireInSeconds: 600,
};
