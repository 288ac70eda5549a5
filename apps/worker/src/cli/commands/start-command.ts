import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createProject } from '@org/db';
import { createLogger } from '../../observability/create-logger.js';
import { startHttpServer } from '../../observability/start-http-server.js';
import { migrateAll, openRuntime } from '../../runtime/open-runtime.js';
import type { Command } from '../command.js';
import { followProvisioning } from '../follow-provisioning.js';
import { maskResult } from '../mask-result.js';

export const startCommand: Command = {
  name: 'start',
  summary: 'Run the worker (with an embedded PostgreSQL when DATABASE_URL is unset)',
  usage: `Usage: provisioning-worker start [--demo]

Applies migrations, then consumes provision_project jobs until SIGTERM or SIGINT, which
stop taking jobs and let running ones finish (up to 30 s; an unfinished job is recovered
by another worker). Serves /healthz, /readyz and /metrics on HTTP_HOST:HTTP_PORT.

Options:
  --demo    Also create a demo project, provision it through the queue, show its
            progress and its (masked) result, then keep serving jobs.
  --help    Show this help.`,
  async run(args, config, hooks) {
    const { values } = parseArgs({ args, options: { demo: { type: 'boolean', default: false } } });
    const logger = createLogger({ level: config.logLevel });
    const runtime = await openRuntime(config, { logger, startEmbedded: true, ...hooks });
    await migrateAll(runtime);
    // The workers own the queue's policy: this worker's settings apply to every later job.
    const changed = await runtime.queue.applyPolicy();
    if (Object.keys(changed).length > 0) logger.info({ changed }, 'queue policy changed');
    await runtime.queue.work(runtime.ctx);
    const http = await startHttpServer(runtime.ctx, config.httpPort, config.httpHost);
    logger.info(
      {
        http: `${config.httpHost}:${http.port}`,
        embedded: runtime.embedded !== undefined,
        concurrency: config.concurrency,
      },
      'worker started',
    );
    const purge = setInterval(
      () => void runtime.ctx.journal.results.purgeExpired().catch(() => undefined),
      10 * 60_000,
    );
    purge.unref();

    let stopping: Promise<number> | undefined;
    const stop = (signal: string): Promise<number> =>
      (stopping ??= (async () => {
        logger.info({ signal }, 'stopping: no new jobs, waiting for running ones');
        clearInterval(purge);
        await runtime.queue.stop(30_000);
        await http.close();
        await runtime.close();
        logger.info('stopped');
        logger.flush();
        return 0;
      })());
    const stopped = new Promise<number>((resolve) => {
      process.once('SIGTERM', () => void stop('SIGTERM').then(resolve));
      process.once('SIGINT', () => void stop('SIGINT').then(resolve));
    });

    if (values.demo) {
      const print = (line: string): void => void process.stdout.write(`${line}\n`);
      const project = await createProject(
        {
          id: randomUUID(),
          name: 'demo project',
          region: 'eu-west-1',
          ownerId: 'demo-user',
          organizationId: 'demo-org',
        },
        runtime.ctx.db,
      );
      print(`\nDemo: provisioning project ${project.id} in eu-west-1 through the queue`);
      await runtime.queue.send({
        project_id: project.id,
        region: 'eu-west-1',
        services: { auth: true, realtime: true, storage: true },
        api_keys: { count: 2, prefix: 'demo' },
        owner_id: 'demo-user',
        organization_id: 'demo-org',
      });
      const outcome = await followProvisioning(project.id, runtime.ctx.journal, print);
      const result = outcome === 'provisioned' ? await runtime.ctx.journal.results.claim(project.id) : undefined;
      if (result) {
        print('Demo project provisioned (secrets masked; `provision` prints a result in full, once):');
        print(JSON.stringify(maskResult(result), null, 2));
      } else {
        print(`Demo provisioning ended: ${outcome}`);
      }
      print(`\nThe worker keeps serving jobs. In another terminal: npm run cli -- status ${project.id}\n`);
    }
    return stopped;
  },
};
