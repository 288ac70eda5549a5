import type { WorkerConfig } from '../config/worker-config.js';

/** One CLI command. `run` resolves with the process exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], config: WorkerConfig): Promise<number>;
}
