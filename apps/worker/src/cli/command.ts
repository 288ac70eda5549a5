import type { WorkerConfig } from '../config/worker-config.js';
import type { WorkerContext } from '../provisioning/worker-context.js';

/** What an embedding program (a test harness) may hand the CLI; the shipped binary hands nothing. */
export interface CliHooks {
  onCheckpoint?: WorkerContext['onCheckpoint'];
}

/** One CLI command. `run` resolves with the process exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], config: WorkerConfig, hooks: CliHooks): Promise<number>;
}
