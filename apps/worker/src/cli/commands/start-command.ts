import { awaitStopSignal, EXIT, parseCommandArgs } from '@org/cli';
import { createLogger } from '../../observability/create-logger.js';
import { startWorker } from '../../runtime/start-worker.js';
import type { Command } from '../command.js';
import { runDemo } from '../run-demo.js';

export const startCommand: Command = {
  name: 'start',
  summary: 'Run the worker (with an embedded PostgreSQL when DATABASE_URL is unset)',
  usage: `Usage: provisioning-worker start [--demo]

Applies migrations, then consumes provision_project jobs until SIGTERM, SIGINT or
SIGHUP, which stop taking jobs and let running ones finish (up to 30 s; an unfinished job
is recovered by another worker). Serves /healthz, /readyz and /metrics on
HTTP_HOST:HTTP_PORT.

Options:
  --demo    Also create a demo project, provision it through the queue, show its
            progress and its (masked) result, then keep serving jobs.
  --help    Show this help.`,
  async run(args, config, hooks) {
    const { values } = parseCommandArgs(args, { demo: { type: 'boolean', default: false } });
    const logger = createLogger({ level: config.logLevel, format: config.logFormat });
    const signal = awaitStopSignal((repeated) => logger.warn({ signal: repeated }, 'already stopping; please wait'));
    try {
      const worker = await startWorker(config, { logger, ...hooks });
      const { runtime } = worker;

      if (values.demo) {
        const print = (line: string): void => void process.stdout.write(`${line}\n`);
        // On a terminal the demo shows its progress lines alone; logs resume after it.
        const level = logger.level;
        if (process.stdout.isTTY && level !== 'silent') logger.level = 'warn';
        void Promise.race([runDemo(runtime, print), signal.received])
          .catch((error: unknown) => logger.error({ error: (error as Error).message }, 'demo failed'))
          .finally(() => (logger.level = level));
      }

      const received = await signal.received;
      logger.info({ signal: received }, 'stopping: no new jobs, waiting for running ones');
      await worker.stop(30_000);
      logger.info('stopped');
      logger.flush();
      return EXIT.ok;
    } finally {
      signal.dispose();
    }
  },
};
