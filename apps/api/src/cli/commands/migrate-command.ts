import { EXIT, parseCommandArgs } from '@org/cli';
import { ProvisioningQueue } from '@org/worker';
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
      const report = await migrateApi(runtime.db.client.sql);
      await ProvisioningQueue.install(runtime.databaseUrl, config.worker.queue);
      process.stdout.write(`migrated (API migrations applied now: ${report.applied.length})\n`);
      return EXIT.ok;
    });
  },
};
