import type { Metric, Registry } from 'prom-client';

/** A value as prom-client's registry writes it (`sharedLabels` after `labels`). */
interface ValuePair {
  labels: object;
  sharedLabels?: object;
  value: number;
  metricName?: string;
}

/** One method and route's requests: how many per status, and their durations by bucket. */
interface Series {
  labels: { method: string; route: string };
  statuses: Map<number, number>;
  /** Requests at most `bounds[i]` seconds and above the bound before it (not cumulative yet). */
  buckets: number[];
  sum: number;
  count: number;
}

/**
 * `api_requests_total` (by method, route and status) and `api_request_duration_seconds` (by
 * method and route), counted per request in a plain record per method and route and written
 * out in prom-client's format only when scraped. prom-client's own `inc` and `observe` build,
 * check and hash their labels on every call: about 2 µs of each API request, measured in a
 * CPU profile of `GET /v1/projects/{id}` (bench/profile-api-reads.ts).
 */
export class RequestMetrics {
  private readonly series = new Map<string, Map<string, Series>>();
  // In the order they were first counted since their metric's reset, as prom-client writes
  // them: each method and route with a status (the counter), each method and route (the
  // histogram).
  private statusOrder: [Series, number][] = [];
  private durationOrder: Series[] = [];

  constructor(
    private readonly bounds: readonly number[],
    registry: Pick<Registry, 'registerMetric'>,
  ) {
    registry.registerMetric(
      scraped('api_requests_total', 'HTTP requests answered, by method, route and status', 'counter', {
        values: () => this.counts(),
        reset: () => {
          for (const [series] of this.statusOrder) series.statuses.clear();
          this.statusOrder = [];
        },
      }),
    );
    registry.registerMetric(
      scraped('api_request_duration_seconds', 'Time to answer, by method and route', 'histogram', {
        values: () => this.durations(),
        reset: () => {
          for (const series of this.durationOrder) {
            series.buckets.fill(0);
            series.sum = 0;
            series.count = 0;
          }
          this.durationOrder = [];
        },
      }),
    );
  }

  /** A request answered: `route` is its template (`/v1/projects/:id`), or `unmatched`. */
  record(method: string, route: string, status: number, seconds: number): void {
    let byMethod = this.series.get(route);
    if (byMethod === undefined) this.series.set(route, (byMethod = new Map<string, Series>()));
    let series = byMethod.get(method);
    if (series === undefined) {
      series = { labels: { method, route }, statuses: new Map(), buckets: this.bounds.map(() => 0), sum: 0, count: 0 };
      byMethod.set(method, series);
    }
    const count = series.statuses.get(status);
    if (count === undefined) this.statusOrder.push([series, status]);
    series.statuses.set(status, (count ?? 0) + 1);
    if (series.count === 0) this.durationOrder.push(series);
    for (let i = 0; i < this.bounds.length; i++) {
      if (seconds <= this.bounds[i]!) {
        series.buckets[i]! += 1;
        break;
      }
    }
    series.sum += seconds;
    series.count += 1;
  }

  private counts(): ValuePair[] {
    return this.statusOrder.map(([{ labels, statuses }, status]) => ({
      labels: { ...labels, status },
      value: statuses.get(status)!,
    }));
  }

  /** As prom-client writes a histogram: cumulative buckets, `+Inf`, sum and count, per series. */
  private durations(): ValuePair[] {
    const name = 'api_request_duration_seconds';
    const values: ValuePair[] = [];
    for (const { labels: sharedLabels, buckets, sum, count } of this.durationOrder) {
      let cumulative = 0;
      this.bounds.forEach((le, i) => {
        cumulative += buckets[i]!;
        values.push({ metricName: `${name}_bucket`, labels: { le }, sharedLabels, value: cumulative });
      });
      values.push(
        { metricName: `${name}_bucket`, labels: { le: '+Inf' }, sharedLabels, value: count },
        { metricName: `${name}_sum`, labels: {}, sharedLabels, value: sum },
        { metricName: `${name}_count`, labels: {}, sharedLabels, value: count },
      );
    }
    return values;
  }
}

/**
 * A metric as a prom-client Registry reads it, and nothing more: `getForPromString()` for
 * the text format (its name may be renamed by the registry for OpenMetrics), `get()` with
 * every label on each value (JSON), `reset()`. Not a Counter or Histogram: what
 * `registry.getSingleMetric()` returns for these names has no `inc` or `observe` to call.
 */
function scraped(
  name: string,
  help: string,
  type: 'counter' | 'histogram',
  read: { values: () => ValuePair[]; reset: () => void },
): Metric<string> {
  const metric = {
    name,
    help,
    type,
    aggregator: 'sum',
    getForPromString: () =>
      Promise.resolve({ name: metric.name, help, type, aggregator: 'sum', values: read.values() }),
    get: () =>
      Promise.resolve({
        name: metric.name,
        help,
        type,
        aggregator: 'sum',
        values: read.values().map(({ labels, sharedLabels, ...value }) => ({
          ...value,
          labels: { ...labels, ...sharedLabels },
        })),
      }),
    reset: read.reset,
  };
  // registerMetric takes prom-client's own metric classes; the registry reads only the above.
  return metric as unknown as Metric<string>;
}
