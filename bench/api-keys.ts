/**
 * bench/api-keys: verifyApiKey against the floor, a bare indexed SELECT by hash through
 * the same postgres.js pool, in the same run; plus the rate of key generation. The package
 * as another team uses it: a store from a URL, its own migrations only, the team's ids.
 */
import { performance } from 'node:perf_hooks';
import { createApiKeyStore, generateApiKeys, hashApiKey, migrate, verifyApiKey } from '@org/api-keys';
import { benchScratchDatabase } from './support/bench-database.js';
import { median, summarize } from './support/stats.js';
import { runConcurrently } from './support/run-concurrently.js';
import { formatTable } from './support/table.js';

export interface ApiKeysBenchOptions {
  url: string;
  quick: boolean;
}

export interface ApiKeysBenchResult {
  table: string;
  rows: Record<string, number | string>[];
  verifyRatio: number;
}

export async function benchApiKeys(options: ApiKeysBenchOptions): Promise<ApiKeysBenchResult> {
  const poolSize = 8;
  const concurrency = 16;
  const perRound = options.quick ? 3_000 : 20_000;
  const rounds = options.quick ? 3 : 5;
  // A database of its own: the provisioning benches layer the control plane's foreign key
  // onto api_keys in theirs.
  const database = await benchScratchDatabase(options.url, 'bench_api_keys');
  const ctx = createApiKeyStore({ databaseUrl: database.url, poolSize, applicationName: 'bench-api-keys' });
  try {
    await migrate(ctx.sql);
    // 200 projects x 10 keys: a table big enough that the lookup is a real index probe.
    const keys: string[] = [];
    const generation: number[] = [];
    const projectCount = options.quick ? 50 : 200;
    const generationStarted = performance.now();
    for (let i = 0; i < projectCount; i++) {
      const begin = performance.now();
      const generated = await generateApiKeys({ projectId: `bench-${i}`, count: 10, prefix: 'bench' }, {}, ctx);
      generation.push(performance.now() - begin);
      keys.push(...generated.map((key) => key.key));
    }
    const generationSeconds = (performance.now() - generationStarted) / 1000;

    const bare = async (index: number): Promise<void> => {
      const hash = hashApiKey(keys[index % keys.length]!);
      await ctx.sql`
        select id, project_id, scopes, is_active, revoked_at, expires_at, last_used
        from control_plane.api_keys where key_hash = ${hash} limit 1`;
    };
    const library = async (index: number): Promise<void> => {
      const result = await verifyApiKey(keys[index % keys.length]!, { requiredScopes: ['read'] }, ctx);
      if (!result.valid) throw new Error(`benchmark key refused: ${result.reason}`);
    };
    // Warm both paths (connections, prepared statements, last_used writes) before measuring.
    await runConcurrently(keys.length, concurrency, library);
    await runConcurrently(2_000, concurrency, bare);

    const floorRuns: { latencies: number[]; elapsedMs: number }[] = [];
    const libraryRuns: { latencies: number[]; elapsedMs: number }[] = [];
    for (let round = 0; round < rounds; round++) {
      // Alternate the order so neither side always runs on a warmer server.
      if (round % 2 === 0) {
        floorRuns.push(await runConcurrently(perRound, concurrency, bare));
        libraryRuns.push(await runConcurrently(perRound, concurrency, library));
      } else {
        libraryRuns.push(await runConcurrently(perRound, concurrency, library));
        floorRuns.push(await runConcurrently(perRound, concurrency, bare));
      }
    }
    const throughput = (run: { elapsedMs: number }): number => perRound / (run.elapsedMs / 1000);
    const ratios = floorRuns.map((floor, round) => throughput(libraryRuns[round]!) / throughput(floor));
    const floor = summarize(floorRuns.flatMap((run) => run.latencies));
    const lib = summarize(libraryRuns.flatMap((run) => run.latencies));
    const floorOps = median(floorRuns.map(throughput));
    const libOps = median(libraryRuns.map(throughput));
    const gen = summarize(generation);
    const rows = [
      { case: 'floor: SELECT by hash', 'ops/s': floorOps, 'p50 ms': floor.p50, 'p99 ms': floor.p99, ratio: 1 },
      { case: 'verifyApiKey', 'ops/s': libOps, 'p50 ms': lib.p50, 'p99 ms': lib.p99, ratio: median(ratios) },
      {
        case: 'generateApiKeys (10 per call)',
        'ops/s': (projectCount * 10) / generationSeconds,
        'p50 ms': gen.p50,
        'p99 ms': gen.p99,
        ratio: Number.NaN,
      },
    ];
    const table = formatTable(
      ['api keys', 'keys or verifications/s', 'p50 ms', 'p99 ms', 'throughput vs floor'],
      rows.map((row) => [row.case, row['ops/s'], row['p50 ms'], row['p99 ms'], row.ratio]),
    );
    return { table, rows, verifyRatio: median(ratios) };
  } finally {
    await ctx.close();
    await database.drop();
  }
}
