/** What a Node.js process's collector had done by a moment: from prom-client's default metrics. */
export interface NodeGc {
  /** Seconds spent in minor (scavenge) collections so far. */
  minorSeconds: number;
  /** Seconds spent in major (mark-sweep-compact) and incremental marking so far. */
  majorSeconds: number;
  /** Bytes used in the old generation's space now. */
  oldSpaceBytes: number;
}

/**
 * Reads {@link NodeGc} from a `/metrics` endpoint in Prometheus text format that carries
 * prom-client's `collectDefaultMetrics` (the API's does). Two readings around a round give
 * its collection time per second. This is how a promise given a property of its own was
 * found to triple the API's old generation and minor collections under load
 * (`docs/performance.md`): CPU per request alone showed only that it rose.
 *
 * The times are a lower bound: prom-client records the first collection of each batch
 * Node.js hands its observer (`list.getEntries()[0]`), and collections close together
 * arrive in one batch. Compare them between runs of one kind; `--trace-gc` has every one.
 */
export async function readNodeGc(metricsUrl: string): Promise<NodeGc> {
  const response = await fetch(metricsUrl);
  if (!response.ok) throw new Error(`${metricsUrl} answered ${response.status}`);
  const text = await response.text();
  // Other labels (a prefix's, a registry's) may follow `kind`.
  const seconds = (kind: string) =>
    Number(new RegExp(`^nodejs_gc_duration_seconds_sum\\{kind="${kind}"[^}]*\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  const oldSpace = /^nodejs_heap_space_size_used_bytes\{space="old"[^}]*\} (\S+)$/m.exec(text)?.[1];
  if (oldSpace === undefined) throw new Error(`${metricsUrl} has no nodejs_heap_space_size_used_bytes{space="old"}`);
  return {
    minorSeconds: seconds('minor'),
    majorSeconds: seconds('major') + seconds('incremental'),
    oldSpaceBytes: Number(oldSpace),
  };
}
