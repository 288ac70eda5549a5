import autocannon from 'autocannon';

/** What a bench sends to one route: its method, its path and body by request number. */
export interface HttpLoadCase {
  method: 'GET' | 'POST';
  path: (i: number) => string;
  body?: (i: number) => string;
  token?: string;
}

export interface HttpLoad {
  /** Successful (2xx) answers per second over the round: a refusal (a 429, say) is not throughput. */
  requests: number;
  /** Requests answered in the round. */
  total: number;
  p50: number;
  p99: number;
  errors: number;
}

/** One autocannon round from this process: `connections` keep-alive connections for `seconds`. */
export async function httpLoad(url: string, load: HttpLoadCase, seconds: number, connections = 16): Promise<HttpLoad> {
  let i = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: {
      'content-type': 'application/json',
      ...(load.token === undefined ? {} : { authorization: `Bearer ${load.token}` }),
    },
    requests: [
      {
        method: load.method,
        setupRequest: (request) => {
          const n = i++;
          return {
            ...request,
            path: load.path(n),
            ...(load.body === undefined ? {} : { body: load.body(n) }),
          };
        },
      },
    ],
  });
  return {
    requests: result['2xx'] / result.duration,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}
