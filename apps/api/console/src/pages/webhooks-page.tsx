import { useEffect, useState } from 'preact/hooks';
import { describeProblem, type ConsoleClient, type WebhookDelivery, type WebhookEndpoint } from '../api';
import { ColumnHeads } from '../components/column-heads';
import { ConfirmDialog, type PendingAction } from '../components/confirm-dialog';
import { DeliveriesTable } from '../components/deliveries-table';
import { Facts } from '../components/facts';
import { LiveStatus } from '../components/live-status';
import { StatusBadge } from '../components/status-badge';
import { TimeAgo } from '../components/time-ago';
import { TimeUntil } from '../components/time-until';
import { usePolling } from '../use-polling';

const WEBHOOKS_POLL_MS = 2000;
/** Deliveries read for the chosen endpoint, newest first (the API's default page). */
const DELIVERIES_SHOWN = 50;

interface WebhooksState {
  endpoints: WebhookEndpoint[];
  /** The chosen endpoint's deliveries; null when it is not found (or no endpoint is chosen). */
  deliveries: WebhookDelivery[] | null;
}

async function readWebhooks(client: ConsoleClient, chosen: string | undefined): Promise<WebhooksState> {
  const [endpoints, deliveries] = await Promise.all([
    client.GET('/v1/webhook-endpoints'),
    chosen === undefined
      ? undefined
      : client.GET('/v1/webhook-endpoints/{id}/deliveries', {
          params: { path: { id: chosen }, query: { limit: DELIVERIES_SHOWN } },
        }),
  ]);
  if (endpoints.data === undefined) throw new Error(describeProblem(endpoints.error));
  if (deliveries !== undefined && deliveries.data === undefined && deliveries.response.status !== 404)
    throw new Error(describeProblem(deliveries.error));
  return { endpoints: endpoints.data.data, deliveries: deliveries?.data?.data ?? null };
}

/** The event types an endpoint takes, in words: "all" for none named. */
function eventTypesOf(endpoint: WebhookEndpoint): string {
  return endpoint.event_types.length === 0 ? 'all' : endpoint.event_types.join(', ');
}

/**
 * The webhook endpoints this token may see (of its organization, or of every one), each with
 * its state and why it was disabled; `chosen` (the route's endpoint) with its recent
 * deliveries and their attempts. Enable, disable and replay, each confirmed, through the API.
 */
export function WebhooksPage({ client, chosen }: { client: ConsoleClient; chosen: string | undefined }) {
  const state = usePolling(() => readWebhooks(client, chosen), WEBHOOKS_POLL_MS, [client, chosen]);
  const [action, setAction] = useState<PendingAction | undefined>();
  const [notice, setNotice] = useState('');
  useEffect(() => {
    if (notice === '') return;
    const timer = setTimeout(() => setNotice(''), 6000);
    return () => clearTimeout(timer);
  }, [notice]);

  const endpoints = state.value?.endpoints ?? [];
  const endpoint = endpoints.find((candidate) => candidate.id === chosen);

  function setEnabled(target: WebhookEndpoint, enabled: boolean) {
    setAction({
      title: `${enabled ? 'Enable' : 'Disable'} the endpoint ${target.url}?`,
      body: enabled ? (
        <p>
          Events are delivered to it again from now on, and its disabled reason and failing streak are cleared.
          Deliveries that failed meanwhile are not sent again unless replayed.
        </p>
      ) : (
        <p>
          No event is delivered to it until it is enabled again: events of the meantime are not queued for it, and its
          pending deliveries fail at their next attempt.
        </p>
      ),
      confirmLabel: enabled ? 'Enable endpoint' : 'Disable endpoint',
      danger: !enabled,
      run: async () => {
        const { error, response } = await client.PATCH('/v1/webhook-endpoints/{id}', {
          params: { path: { id: target.id } },
          headers: { 'idempotency-key': crypto.randomUUID() },
          body: { enabled },
        });
        state.refresh();
        if (!response.ok) return describeProblem(error);
        setNotice(`Endpoint ${enabled ? 'enabled' : 'disabled'}.`);
        return undefined;
      },
    });
  }

  function replay(target: WebhookEndpoint, delivery: WebhookDelivery) {
    setAction({
      title: `Replay ${delivery.event_type} (${delivery.event_id})?`,
      body: (
        <p>
          It is sent to {target.url} once more: the same body under the same <code>webhook-id</code>, freshly signed,
          and retried on the usual schedule if it fails.
        </p>
      ),
      confirmLabel: 'Replay',
      run: async () => {
        const { error, response } = await client.POST('/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/replay', {
          params: { path: { id: target.id, deliveryId: delivery.id } },
          headers: { 'idempotency-key': crypto.randomUUID() },
        });
        state.refresh();
        if (!response.ok) return describeProblem(error);
        setNotice(`${delivery.event_id} queued again.`);
        return undefined;
      },
    });
  }

  return (
    <>
      <div class="page-head">
        <h1>Webhooks</h1>
        <LiveStatus updatedAt={state.updatedAt} error={state.error} />
      </div>
      <p role="status" class="notice" data-testid="notice">
        {notice}
      </p>
      <div class="table-scroll">
        <table data-testid="endpoints">
          <caption class="visually-hidden">Webhook endpoints, oldest first</caption>
          <ColumnHeads
            names={[
              'Endpoint',
              { text: 'Organization', class: 'wide-only' },
              'Event types',
              'State',
              'Created',
              { hidden: 'Actions' },
            ]}
          />
          <tbody>
            {endpoints.map((each) => (
              <tr
                key={each.id}
                data-endpoint={each.id}
                aria-current={each.id === chosen ? 'true' : undefined}
                class={each.id === chosen ? 'chosen' : undefined}
              >
                <th scope="row">
                  <a href={`#/webhooks/${each.id}`} class="endpoint-url">
                    {each.url}
                  </a>
                  {each.description !== null && <div class="hint">{each.description}</div>}
                </th>
                <td class="wide-only">{each.organization_id}</td>
                <td>{eventTypesOf(each)}</td>
                <td data-testid="endpoint-state">
                  <StatusBadge status={each.enabled ? 'enabled' : 'disabled'} />
                  {each.disabled_reason !== null && <div class="error-text">{each.disabled_reason}</div>}
                </td>
                <td>
                  <TimeAgo iso={each.created_at} />
                </td>
                <td>
                  <button
                    type="button"
                    class={each.enabled ? undefined : 'primary'}
                    onClick={() => setEnabled(each, !each.enabled)}
                  >
                    {each.enabled ? 'Disable' : 'Enable'}
                    <span class="visually-hidden"> {each.url}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {state.value !== undefined && endpoints.length === 0 && (
        <p>
          No webhook endpoint. Create one through the API: <code>POST /v1/webhook-endpoints</code> (its secret is shown
          in that answer, once).
        </p>
      )}
      {chosen === undefined && endpoints.length > 0 && <p class="hint">Choose an endpoint to see its deliveries.</p>}

      {chosen !== undefined && state.value !== undefined && endpoint === undefined && (
        <p role="alert" class="error">
          No webhook endpoint {chosen}, or not one this token may see.
        </p>
      )}
      {endpoint !== undefined && (
        <section class="card" aria-labelledby="endpoint-heading" data-testid="endpoint">
          <h2 id="endpoint-heading">
            <span class="endpoint-url">{endpoint.url}</span>{' '}
            <StatusBadge status={endpoint.enabled ? 'enabled' : 'disabled'} />
          </h2>
          <Facts
            class="facts"
            facts={[
              { label: 'Id', value: <code>{endpoint.id}</code> },
              { label: 'Organization', value: endpoint.organization_id },
              { label: 'Event types', value: eventTypesOf(endpoint) },
              endpoint.disabled_reason !== null && {
                label: 'Disabled because',
                value: endpoint.disabled_reason,
                attributes: { class: 'error-text' },
              },
              endpoint.failing_since !== null && {
                label: 'Failing since',
                value: <TimeAgo iso={endpoint.failing_since} />,
              },
              endpoint.previous_secret_expires_at !== null && {
                label: 'Old secret signs until',
                value: <TimeUntil iso={endpoint.previous_secret_expires_at} />,
              },
              { label: 'Created', value: <TimeAgo iso={endpoint.created_at} /> },
              { label: 'Changed', value: <TimeAgo iso={endpoint.updated_at} /> },
            ]}
          />
          <h3>Recent deliveries</h3>
          {state.value?.deliveries == null || state.value.deliveries.length === 0 ? (
            <p>None yet.</p>
          ) : (
            <div class="table-scroll">
              <DeliveriesTable
                deliveries={state.value.deliveries}
                replay={(delivery) =>
                  delivery.status === 'pending' || !endpoint.enabled ? undefined : () => replay(endpoint, delivery)
                }
              />
            </div>
          )}
          <p class="hint">
            The {DELIVERIES_SHOWN} newest. A delivery is replayed once it has succeeded or failed, and only to an
            enabled endpoint. Secrets are never shown here: they are in the answer of the API call that made them.
          </p>
        </section>
      )}
      <ConfirmDialog action={action} onClose={() => setAction(undefined)} />
    </>
  );
}
