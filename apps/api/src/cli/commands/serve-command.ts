import { awaitStopSignal, EXIT, parseCommandArgs } from '@org/cli';
import { createLogger, ProvisioningQueue } from '@org/worker';
import { startApi } from '../../runtime/start-api.js';
import type { ApiCommand } from '../api-command.js';
import { openApiRuntime } from '../api-runtime.js';

export const serveCommand: ApiCommand = {
  name: 'serve',
  summary: 'Serve the HTTP API (the workers run the jobs)',
  usage: `Usage: control-plane-api serve

Migrates, then serves the HTTP API on API_HOST:API_PORT until SIGTERM, SIGINT or SIGHUP
(requests in flight are answered first). It records operations and queues their jobs;
worker processes (\`provisioning-worker start\`) run them. Run as many of each as you need.
With no DATABASE_URL it uses the embedded PostgreSQL of a worker running in DATA_DIR.`,
  async run(args, config) {
    parseCommandArgs(args, {});
    const logger = createLogger({
      level: config.worker.logLevel,
      format: config.worker.logFormat,
      name: 'control-plane-api',
    });
    const signal = awaitStopSignal((repeated) => logger.warn({ signal: repeated }, 'already stopping; please wait'));
    try {
      const runtime = await openApiRuntime(config, logger);
      try {
        // The queues it sends to, with the workers' settings, when no worker has made them yet.
        await ProvisioningQueue.install(runtime.databaseUrl, config.worker.queue);
        const api = await startApi(config, runtime, logger);
        logger.info({ url: api.url }, 'api started');
        const received = await signal.received;
        logger.info({ signal: received }, 'stopping');
        await api.close();
      } finally {
        await runtime.db.close();
      }
      logger.info('stopped');
      logger.flush();
      return EXIT.ok;
    } finally {
      signal.dispose();
    }
  },
};
