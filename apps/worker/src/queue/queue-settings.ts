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
