import { isUuid } from '@org/db';
import { createLogger } from '../../observability/create-logger.js';
import { openRuntime } from '../../runtime/open-runtime.js';
import type { Command } from '../command.js';
import { EXIT } from '../explain-failure.js';

export const claimCommand: Command = {
  name: 'claim',
  summary: "Print a provisioned project's one-time result (password, API keys), once",
  usage: `Usage: provisioning-worker claim <projectId>

Prints the one-time result of a finished provisioning (its database password and API
keys) and deletes it: a second claim gets nothing. For a \`provision\` that gave up
waiting, or was interrupted. Enqueues nothing. Unclaimed results expire after a day.`,
  async run(args, config) {
    const projectId = args.find((arg) => !arg.startsWith('--'));
    if (projectId === undefined || !isUuid(projectId)) {
      process.stderr.write(`${this.usage}\n`);
      return EXIT.config;
    }
    const runtime = await openRuntime(config, {
      logger: createLogger({ level: 'warn', format: config.logFormat }),
      startEmbedded: false,
    });
    try {
      const result = await runtime.ctx.journal.results.claim(projectId.toLowerCase());
      if (result === undefined) {
        process.stdout.write(
          `no one-time result is waiting for ${projectId}: it was claimed already, expired, or the project is not provisioned (see \`status\`)\n`,
        );
        return EXIT.failed;
      }
      process.stdout.write(
        `One-time result (it is not stored anymore; keep it safe):\n${JSON.stringify(result, null, 2)}\n`,
      );
      return EXIT.ok;
    } finally {
      await runtime.close();
    }
  },
};
