import { ColumnHeads } from '../components/column-heads';
import { Facts } from '../components/facts';
import { useState } from 'preact/hooks';
import { describeProblem, type ConsoleClient, type Overview } from '../api';
import { ConfirmDialog, type PendingAction } from '../components/confirm-dialog';
import { ErrorCode } from '../components/error-code';
import { LiveStatus } from '../components/live-status';
import { PerMinuteChart } from '../components/per-minute-chart';
import { StatusBadge } from '../components/status-badge';
import { formatDuration } from '../format';
import { PROJECT_STATES } from '../project-states';
import { usePolling } from '../use-polling';

/** How often the overview reads the API. */
const OVERVIEW_POLL_MS = 2000;

async function readOverview(client: ConsoleClient): Promise<Overview> {
  const { data, error } = await client.GET('/v1/overview');
  if (data === undefined) throw new Error(describeProblem(error));
  return data;
}

/** The platform at a glance, live: projects, provisioning, failures, the queue, the clusters and their pools. */
export function OverviewPage({ client }: { client: ConsoleClient }) {
  const overview = usePolling(() => readOverview(client), OVERVIEW_POLL_MS, [client]);
  const [action, setAction] = useState<PendingAction | undefined>();
  const data = overview.value;

  function refill(cluster: string) {
    setAction({
      title: `Refill the warm pool of ${cluster}?`,
      body: <p>The workers create ready tenant databases on {cluster} until its pool is full again.</p>,
      confirmLabel: 'Refill pool',
      run: async () => {
        const { error } = await client.POST('/v1/clusters/{name}/pool/refill', {
          params: { path: { name: cluster } },
          headers: { 'idempotency-key': crypto.randomUUID() },
        });
        overview.refresh();
        return error === undefined ? undefined : describeProblem(error);
      },
    });
  }

  return (
    <>
      <div class="page-head">
        <h1>Overview</h1>
        <LiveStatus updatedAt={overview.updatedAt} error={overview.error} />
      </div>
      {data !== undefined && (
        <div class="grid">
          <section class="card" aria-labelledby="projects-heading">
            <h2 id="projects-heading">Projects</h2>
            <p class="big" data-testid="projects-total">
              {data.projects.total}
            </p>
            <Facts
              class="counts"
              facts={PROJECT_STATES.map((state) => ({
                key: state,
                label: (
                  <a href={`#/projects?status=${state}`}>
                    <StatusBadge status={state} />
                  </a>
                ),
                value: data.projects.by_status[state] ?? 0,
                attributes: { 'data-status': state },
              }))}
            />
            <table>
              <caption>By region</caption>
              <ColumnHeads names={['Region', 'Projects', 'Active', 'Failed']} />
              <tbody>
                {data.projects.by_region.map((region) => (
                  <tr key={region.region}>
                    <th scope="row">
                      <a href={`#/projects?region=${region.region}`}>{region.region}</a>
                    </th>
                    <td>{region.total}</td>
                    <td>{region.by_status['active'] ?? 0}</td>
                    <td>{region.by_status['failed'] ?? 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <section class="card" aria-labelledby="provisioning-heading">
            <h2 id="provisioning-heading">Provisioning</h2>
            <Facts
              class="stats"
              facts={[
                { label: 'Started, last hour', value: data.provisioning.last_hour.started },
                {
                  label: 'Succeeded',
                  value: data.provisioning.last_hour.succeeded,
                  attributes: { 'data-testid': 'succeeded-hour' },
                },
                {
                  label: 'Failed',
                  value: data.provisioning.last_hour.failed,
                  attributes: { 'data-testid': 'failed-hour' },
                },
                { label: 'p50', value: formatDuration(data.provisioning.duration_ms.p50) },
                { label: 'p95', value: formatDuration(data.provisioning.duration_ms.p95) },
              ]}
            />
            <h3>Ended per minute, last {data.provisioning.per_minute.length} min</h3>
            <PerMinuteChart minutes={data.provisioning.per_minute} />
            <p class="hint">
              Durations from request to provisioned, of the last hour’s {data.provisioning.duration_ms.samples}.
            </p>
          </section>

          <section class="card" aria-labelledby="failures-heading">
            <h2 id="failures-heading">Failed attempts by code, 24 h</h2>
            {data.provisioning.failures_by_code.length === 0 ? (
              <p>None.</p>
            ) : (
              <table data-testid="failures">
                <ColumnHeads names={['Code', 'Root cause', 'Step', 'Attempts']} />
                <tbody>
                  {data.provisioning.failures_by_code.map((failure) => (
                    <tr key={`${failure.code}-${failure.root_code}-${failure.step}`}>
                      <td>
                        <a
                          href={`#/projects?failed_code=${encodeURIComponent(failure.code)}`}
                          title={`Projects that failed with ${failure.code} in the last 24 h`}
                        >
                          <ErrorCode code={failure.code} />
                        </a>
                      </td>
                      <td>{failure.root_code === null ? '—' : <ErrorCode code={failure.root_code} />}</td>
                      <td>{failure.step ?? '—'}</td>
                      <td>{failure.attempts}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          {data.queue !== null && (
            <section class="card" aria-labelledby="queue-heading">
              <h2 id="queue-heading">Queue</h2>
              <Facts
                class="stats"
                facts={(
                  [
                    ['ready', 'Ready'],
                    ['active', 'Active'],
                    ['retry', 'Waiting to retry'],
                    ['deferred', 'Deferred'],
                    ['dead_letter', 'Dead letters'],
                  ] as const
                ).map(([key, label]) => ({ key, label, value: data.queue![key], attributes: { 'data-queue': key } }))}
              />
            </section>
          )}

          {data.clusters !== null && (
            <section class="card wide" aria-labelledby="clusters-heading">
              <h2 id="clusters-heading">Clusters</h2>
              <table>
                <ColumnHeads
                  names={[
                    'Cluster',
                    'Regions',
                    'Tenant databases',
                    'Pool ready',
                    'Building',
                    'Claimed',
                    { hidden: 'Actions' },
                  ]}
                />
                <tbody>
                  {data.clusters.map((cluster) => (
                    <tr key={cluster.name} data-cluster={cluster.name}>
                      <th scope="row">{cluster.name}</th>
                      <td>{cluster.regions.join(', ')}</td>
                      <td data-testid="tenant-databases">{cluster.tenant_databases}</td>
                      <td data-testid="pool-ready">{cluster.pool.ready}</td>
                      <td>{cluster.pool.building}</td>
                      <td>{cluster.pool.claimed}</td>
                      <td>
                        <button type="button" onClick={() => refill(cluster.name)}>
                          Refill pool<span class="visually-hidden"> of {cluster.name}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </div>
      )}
      <ConfirmDialog action={action} onClose={() => setAction(undefined)} />
    </>
  );
}
