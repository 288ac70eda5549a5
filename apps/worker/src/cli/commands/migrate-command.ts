import { parseCommandArgs } from '@org/cli';
import { createLogger } from '../../observability/create-logger.js';
import { migrateAll, openRuntime } from '../../runtime/open-runtime.js';
import type { Command } from '../command.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply every migration (control plane, services, API keys, queue) and exit',
  usage: `Usage: provisioning-worker migrate

Applies @org/db, @org/services and @org/api-keys migrations and pg-boss's schema to the
control-plane database. Safe to run while workers are running, and repeatedly.`,
  async run(args, config) {
    parseCommandArgs(args, {});
    const runtime = await openRuntime(config, {
      logger: createLogger({ level: config.logLevel, format: config.logFormat }),
      startEmbedded: config.databaseUrl === undefined,
    });
    try {
      await migrateAll(runtime, config);
      await runtime.queue.stop(1000);
      process.stdout.write('migrations applied\n');
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
