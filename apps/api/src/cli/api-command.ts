import type { ApiConfig } from '../config/api-config.js';

/** One command of `control-plane-api`. `run` resolves with the process exit code. */
export interface ApiCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], config: ApiConfig): Promise<number>;
}
