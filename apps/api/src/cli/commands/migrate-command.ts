import { EXIT, parseCommandArgs } from '@org/cli';
import { migrateApi } from '../../migrate-api.js';
import type { ApiCommand } from '../api-command.js';
import { withApiRuntime } from '../api-runtime.js';

export const migrateCommand: ApiCommand = {
  name: 'migrate',
  summary: 'Apply the control plane’s migrations and the API’s own',
  usage: `Usage: control-plane-api migrate

Applies every package's migrations, the worker's, the queue's schema and the API's own
tables (admin tokens, idempotency keys). Safe to run beside running workers.`,
  async run(args, config) {
    parseCommandArgs(args, {});
    return withApiRuntime(config, async (runtime) => {
      const report = await migrateApi(runtime.ctx.db.client.sql);
      await runtime.queue.start();
      await runtime.queue.stop(1000);
      process.stdout.write(`migrated (API migrations applied now: ${report.applied.length})\n`);
      return EXIT.ok;
    });
  },
};
