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
  // In the order they first came, as prom-client writes them: each method and route, and
  // each with a status.
  private readonly order: Series[] = [];
  private readonly statusOrder: [Series, number][] = [];

  constructor(
    private readonly bounds: readonly number[],
    registry: Pick<Registry, 'registerMetric'>,
  ) {
    registry.registerMetric(
      this.metric('api_requests_total', 'HTTP requests answered, by method, route and status', 'counter', () =>
        this.counts(),
      ),
    );
    registry.registerMetric(
      this.metric('api_request_duration_seconds', 'Time to answer, by method and route', 'histogram', () =>
        this.durations(),
      ),
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
      this.order.push(series);
    }
    const count = series.statuses.get(status);
    if (count === undefined) this.statusOrder.push([series, status]);
    series.statuses.set(status, (count ?? 0) + 1);
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
    for (const { labels: sharedLabels, buckets, sum, count } of this.order) {
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

  private metric(name: string, help: string, type: 'counter' | 'histogram', values: () => ValuePair[]): Metric<string> {
    // What a Registry reads of a metric, as prom-client's own write it: `getForPromString()`
    // for the text format (its name may be renamed by the registry for OpenMetrics), `get()`
    // with every label on each value (JSON), `reset()`.
    const metric = {
      name,
      help,
      type,
      aggregator: 'sum',
      getForPromString: () => Promise.resolve({ name: metric.name, help, type, aggregator: 'sum', values: values() }),
      get: () =>
        Promise.resolve({
          name: metric.name,
          help,
          type,
          aggregator: 'sum',
          values: values().map(({ labels, sharedLabels, ...value }) => ({
            ...value,
            labels: { ...labels, ...sharedLabels },
          })),
        }),
      reset: () => {
        this.series.clear();
        this.order.length = 0;
        this.statusOrder.length = 0;
      },
    };
    return metric as unknown as Metric<string>;
  }
}
