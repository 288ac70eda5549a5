import { readTenantPool } from '@org/db';
import { EXIT, parseCommandArgs } from '@org/cli';
import type { Command } from '../command.js';
import { withCommandRuntime } from '../command-runtime.js';

export const poolCommand: Command = {
  name: 'pool',
  summary: "Show each cluster's warm pool of tenant databases; --refill asks the workers to refill it",
  usage: `Usage: provisioning-worker pool [--refill] [--json]

Prints, per tenant cluster, the warm pool's databases: ready (from the current tenant
template), stale (from an older one: never handed out, dropped by the next refill),
building and claimed, against the configured size (TENANT_POOL_SIZE).

Options:
  --refill  Queue a refill of every cluster's pool (a running worker performs it).
  --json    Machine-readable output.
  --help    Show this help.`,
  async run(args, config) {
    const { values } = parseCommandArgs(args, {
      refill: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    });
    return withCommandRuntime(config, async (runtime) => {
      const pools = await readTenantPool(runtime.ctx.db);
      if (values.refill) {
        await runtime.queue.start();
        try {
          for (const { cluster } of pools) await runtime.queue.requestPoolRefill(cluster);
        } finally {
          await runtime.queue.stop(1000);
        }
      }
      if (values.json) {
        process.stdout.write(`${JSON.stringify({ size: config.tenantPoolSize, clusters: pools }, null, 2)}\n`);
        return EXIT.ok;
      }
      process.stdout.write(`warm pool size per cluster: ${config.tenantPoolSize} (TENANT_POOL_SIZE)\n`);
      for (const pool of pools) {
        process.stdout.write(
          `${pool.cluster}: ready ${pool.ready}, stale ${pool.stale}, building ${pool.building}, claimed ${pool.claimed} (template ${pool.template})\n`,
        );
      }
      if (values.refill) process.stdout.write('refill queued for every cluster\n');
      return EXIT.ok;
    });
  },
};
