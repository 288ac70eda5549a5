import { awaitStopSignal, EXIT, parseCommandArgs } from '@org/cli';
import { createLogger, startWorker, type ControlPlaneConnection } from '@org/worker';
import { startApi } from '../../runtime/start-api.js';
import type { ApiCommand } from '../api-command.js';
import { openApiRuntime } from '../api-runtime.js';
import { developmentToken } from '../development-token.js';
import { runApiDemo } from '../run-api-demo.js';

export const startCommand: ApiCommand = {
  name: 'start',
  summary: 'Run a worker and the HTTP API in one process (the development default)',
  usage: `Usage: control-plane-api start [--demo]

Starts a worker (with an embedded PostgreSQL under DATA_DIR when DATABASE_URL is unset,
its operations port on HTTP_HOST:HTTP_PORT) and the HTTP API on API_HOST:API_PORT, in
one process, until SIGTERM, SIGINT or SIGHUP. On the embedded server it prints an admin
token for every organization (kept in DATA_DIR/admin-token). In production run them
apart: \`provisioning-worker start\` and \`control-plane-api serve\`.

Options:
  --demo    Also create a demo project through the API, follow its operation, print its
            one-time result (masked but for one key), and the curl commands to try.
  --help    Show this help.`,
  async run(args, config) {
    const { values } = parseCommandArgs(args, { demo: { type: 'boolean', default: false } });
    const logger = createLogger({ level: config.worker.logLevel, format: config.worker.logFormat });
    const signal = awaitStopSignal((repeated) => logger.warn({ signal: repeated }, 'already stopping; please wait'));
    try {
      const worker = await startWorker(config.worker, { logger });
      let api;
      // The API's own pool, with its session limits (the worker's steps may wait longer).
      let apiRuntime: ControlPlaneConnection | undefined;
      try {
        apiRuntime = await openApiRuntime(config, logger);
        api = await startApi(config, apiRuntime, logger);
      } catch (error) {
        await apiRuntime?.db.close();
        await worker.stop(1000);
        throw error;
      }
      const print = (line: string): void => void process.stdout.write(`${line}\n`);
      const embedded = config.worker.databaseUrl === undefined;
      logger.info({ url: api.url }, 'api started');
      print(`\nHTTP API: ${api.url}  (OpenAPI: ${api.url}/openapi.json)`);
      print(`Console:  ${api.url}/console/  (sign in with an admin token)`);
      let token: string | undefined;
      if (embedded) {
        token = await developmentToken(config.worker.dataDir, api.tokens);
        print(`Admin token (every organization; also in ${config.worker.dataDir}/admin-token):\n  ${token}`);
      } else if (values.demo) {
        // Your own PostgreSQL: the demo gets a token of its own organization only, shown once.
        token = (await api.tokens.create({ name: 'demo (start --demo)', organizationId: 'demo-org' })).token;
        print(`Admin token of the demo's organization (demo-org), shown this once:\n  ${token}`);
      } else {
        print('Create an admin token: control-plane-api token create --name NAME --all');
      }

      if (values.demo && token !== undefined) {
        // On a terminal the demo shows its progress lines alone; logs resume after it.
        const level = logger.level;
        if (process.stdout.isTTY && level !== 'silent') logger.level = 'warn';
        void Promise.race([runApiDemo(api.url, token, config.worker.dataDir, print), signal.received])
          .catch((error: unknown) => logger.error({ error: (error as Error).message }, 'demo failed'))
          .finally(() => (logger.level = level));
      }

      const received = await signal.received;
      logger.info({ signal: received }, 'stopping: no new requests or jobs, waiting for running ones');
      await api.close();
      await apiRuntime.db.close();
      await worker.stop(30_000);
      logger.info('stopped');
      logger.flush();
      return EXIT.ok;
    } finally {
      signal.dispose();
    }
  },
};
