/**
 * npm run bench [-- --quick] [-- --only=provisioning|queue|placement|api-keys|events|api|webhooks|lifecycle|soak] [-- --minutes=N]: every
 * benchmark in one process against one PostgreSQL; prints tables and writes bench/results/<timestamp>.json.
 * `--minutes` is the soak's length (default 10, 2 with --quick).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { benchApi } from './api.js';
import { benchApiKeys } from './api-keys.js';
import { benchEvents } from './events.js';
import { benchLifecycle } from './lifecycle.js';
import { benchPlacement } from './placement.js';
import { benchProvisioning } from './provisioning.js';
import { benchQueueWorkers } from './queue-workers.js';
import { benchSoak } from './soak.js';
import { benchWebhooks } from './webhooks.js';
import { benchDatabase } from './support/bench-database.js';

const quick = process.argv.includes('--quick');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const minutesArg = process.argv.find((arg) => arg.startsWith('--minutes='))?.slice('--minutes='.length);
const minutes = minutesArg === undefined ? (quick ? 2 : 10) : Number(minutesArg);
if (!Number.isInteger(minutes) || minutes < 2) throw new Error('--minutes takes a whole number of minutes, 2 or more');
const database = await benchDatabase();
const results: Record<string, unknown> = {
  startedAt: new Date().toISOString(),
  quick,
  database: database.description,
  machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
};
console.log(`bench on ${database.description}${quick ? ' (quick)' : ''}\n`);
// Each part returns its printed table and what goes into the results file.
const parts: Record<string, () => Promise<{ table: string; result: unknown }>> = {
  provisioning: async () => {
    const run = await benchProvisioning(
      quick
        ? { url: database.url, n: 10, queueN: 20, workers: 4, scaleN: 100 }
        : { url: database.url, n: 50, queueN: 100, workers: 4, scaleN: 1000 },
    );
    return { table: run.table, result: { rows: run.rows, scale: run.scale } };
  },
  queue: async () => {
    const run = await benchQueueWorkers(
      quick
        ? { url: database.url, idleSeconds: 10, memoryN: 20, burstN: 20, concurrency: 2 }
        : { url: database.url, idleSeconds: 60, memoryN: 200, burstN: 100, concurrency: 2 },
    );
    return { table: run.table, result: { idle: run.idle, scale: run.scale } };
  },
  placement: async () => {
    const run = await benchPlacement({ url: database.url, n: quick ? 100 : 500 });
    return { table: run.table, result: run.rows };
  },
  'api-keys': async () => {
    const run = await benchApiKeys({ url: database.url, quick });
    return { table: run.table, result: run.rows };
  },
  events: async () => {
    const run = await benchEvents({ url: database.url, quick });
    return { table: run.table, result: run.rows };
  },
  api: async () => benchApi({ url: database.url, quick }),
  webhooks: async () => {
    const run = await benchWebhooks({ url: database.url, quick });
    return { table: run.table, result: run.rows };
  },
  lifecycle: async () => {
    const run = await benchLifecycle({ url: database.url, quick });
    return { table: run.table, result: run.rows };
  },
  soak: async () => benchSoak({ url: database.url, minutes, clientWindows: quick ? 4 : 8, burst: quick ? 5 : 10 }),
};
try {
  if (only !== undefined && !(only in parts)) throw new Error(`--only takes one of ${Object.keys(parts).join(', ')}`);
  for (const [name, part] of Object.entries(parts)) {
    if (only !== undefined && only !== name) continue;
    const { table, result } = await part();
    console.log(`${table}\n`);
    results[name] = result;
  }
} finally {
  await database.stop();
}
const dir = join(import.meta.dirname, 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `${new Date().toISOString().replaceAll(':', '-')}.json`);
writeFileSync(file, JSON.stringify(results, null, 2));
console.log(`results: ${file}`);
