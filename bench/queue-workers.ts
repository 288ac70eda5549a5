/**
 * The queue as an operator runs it: worker processes of their own (the CLI's `start`), not
 * the bench process. Idle cost (CPU and transactions over an idle minute), resident memory
 * of one worker idle and after N provisionings, and scale-out with 1, 2 and 4 processes
 * against the floor at the same concurrency.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { ProvisioningQueue } from '@org/worker';
import { benchPayload, benchProjects, benchWorkerContext } from './support/bench-context.js';
import { floorBurst } from './support/floor-burst.js';
import { stopProcess } from './support/stop-process.js';
import { queueBurst, waitProvisioned } from './support/queue-burst.js';
import { readProcessStat } from './support/process-stat.js';
import { formatTable } from './support/table.js';
import { BENCH_SECRET_KEY } from './support/bench-secret-key.js';

export interface QueueWorkersBenchOptions {
  url: string;
  idleSeconds: number;
  /** Provisionings through one worker before its memory is read again. */
  memoryN: number;
  /** Jobs per scale-out burst. */
  burstN: number;
  /** Jobs per worker process. */
  concurrency: number;
}

// The built CLI, run with plain node as in production (tsx would add its compiler's memory).
const root = join(import.meta.dirname, '..');
const cli = join(root, 'apps/worker/dist/cli.js');

/** A `start` worker process on the bench database; resolves once it consumes jobs. */
async function startWorker(url: string, secretKey: string, concurrency: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [cli, 'start'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PROVISIONING_SECRET_KEY: secretKey,
      HTTP_PORT: '0',
      LOG_LEVEL: 'info',
      WORKER_CONCURRENCY: String(concurrency),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let started = false;
  child.stdout.on('data', (chunk: Buffer) => (started ||= chunk.toString().includes('"msg":"worker started"')));
  for (let waited = 0; !started; waited += 100) {
    if (child.exitCode !== null || waited > 60_000) throw new Error('a bench worker did not start');
    await sleep(100);
  }
  return child;
}

/** Transactions the server has finished in the bench database (each query outside a transaction is one). */
async function transactions(sql: postgres.Sql): Promise<number> {
  await sleep(1500); // backends report their counts at most once a second
  const [row] = await sql<{ n: string }[]>`
    select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()`;
  return Number(row!.n);
}

export async function benchQueueWorkers(options: QueueWorkersBenchOptions) {
  execFileSync('npx', ['nx', 'run-many', '-t', 'build', '--projects=@org/worker', '--outputStyle=static'], {
    cwd: root,
    stdio: 'ignore',
  });
  const ctx = await benchWorkerContext(options.url, 4);
  const secretKey = BENCH_SECRET_KEY;
  const sql = postgres(options.url, { max: 16, onnotice: () => {} });
  const queue = new ProvisioningQueue(options.url);
  await queue.start();
  try {
    // Idle: one worker, nothing to do.
    const idle = await startWorker(options.url, secretKey, options.concurrency);
    await sleep(5_000);
    const before = readProcessStat(idle.pid!)!;
    const xactBefore = await transactions(sql);
    await sleep(options.idleSeconds * 1000);
    const after = readProcessStat(idle.pid!)!;
    const xacts = (await transactions(sql)) - xactBefore - 1;
    const cpuSeconds = after.cpuSeconds - before.cpuSeconds;
    // Memory: the same worker after N provisionings.
    const projects = await benchProjects(ctx.db, options.memoryN);
    for (const project of projects) await queue.send(benchPayload(project), 'bench');
    await waitProvisioned(
      sql,
      projects.map((p) => p.id),
    );
    const busy = readProcessStat(idle.pid!)!;
    await stopProcess(idle);
    const idleRow = {
      idleSeconds: options.idleSeconds,
      cpuSeconds,
      corePercent: (cpuSeconds / options.idleSeconds) * 100,
      transactionsPerMinute: (xacts / options.idleSeconds) * 60,
      rssIdleMb: after.rssMb,
      rssAfterMb: busy.rssMb,
      provisionings: options.memoryN,
    };

    // Scale-out: P processes of `concurrency` slots each, against the floor at P x concurrency,
    // run before and after the queue's burst (see floorBurst).
    const scale: { processes: number; queue: number; floor: number; ratio: number }[] = [];
    for (const processes of [1, 2, 4]) {
      const concurrency = processes * options.concurrency;
      const floorRate = async () =>
        (await floorBurst(sql, options.url, ctx.db, options.burstN, concurrency)).throughput;
      const floorBefore = await floorRate();
      const workers = await Promise.all(
        Array.from({ length: processes }, () => startWorker(options.url, secretKey, options.concurrency)),
      );
      const { throughput: queueRate } = await queueBurst(sql, ctx.db, queue, options.burstN);
      await Promise.all(workers.map(stopProcess));
      const floor = (floorBefore + (await floorRate())) / 2;
      scale.push({ processes, queue: queueRate, floor, ratio: queueRate / floor });
    }
    const table = [
      formatTable(
        [
          'one worker process',
          'idle s',
          'CPU s',
          '% of a core',
          'transactions/min',
          'RSS idle MB',
          `RSS after ${options.memoryN} MB`,
        ],
        [
          [
            'idle, then provisioning',
            idleRow.idleSeconds,
            idleRow.cpuSeconds,
            idleRow.corePercent,
            idleRow.transactionsPerMinute,
            idleRow.rssIdleMb,
            idleRow.rssAfterMb,
          ],
        ],
      ),
      formatTable(
        [
          `scale-out, burst of ${options.burstN}`,
          'slots',
          'queue projects/s',
          'floor projects/s (mean of before and after)',
          'vs floor',
        ],
        scale.map((row) => [
          `${row.processes} process(es) x ${options.concurrency}`,
          row.processes * options.concurrency,
          row.queue,
          row.floor,
          row.ratio,
        ]),
      ),
    ].join('\n\n');
    return { table, idle: idleRow, scale };
  } finally {
    await queue.stop(5000);
    await sql.end();
    await ctx.journal.close();
    await ctx.db.close();
  }
}
