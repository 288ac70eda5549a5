/**
 * The exit codes of every command of the control plane's CLIs (the worker's and the API's,
 * documented in their READMEs), so that a script can tell bad usage from an outage.
 */
export const EXIT = {
  ok: 0,
  /** The command ran and its operation failed (a provisioning failed, an unknown project). */
  failed: 1,
  /** Bad usage or configuration: a variable, an argument, a busy port, wrong credentials. */
  config: 2,
  /** Something the worker needs is not there: a database down, a server already running. */
  unavailable: 3,
} as const;
