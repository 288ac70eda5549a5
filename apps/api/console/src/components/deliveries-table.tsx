import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { WebhookDelivery } from '../api';
import { formatDuration } from '../format';
import { ColumnHeads } from './column-heads';
import { EventTypeBadge } from './event-type-badge';
import { StatusBadge } from './status-badge';
import { TimeAgo } from './time-ago';
import { TimeUntil } from './time-until';

type Attempt = WebhookDelivery['attempts'][number];

/** What an attempt got back: its error (`HTTP 500`, a timeout, a refused address), else its status. */
function answerOf(attempt: Attempt): string {
  return attempt.error ?? (attempt.response_status === null ? '—' : `HTTP ${attempt.response_status}`);
}

/**
 * An endpoint's deliveries as the API lists them (newest first), a row each: when, the
 * event, its state, how many attempts and what the last one got back, when the next one is
 * due. Each row's attempts open under it on a click; `replay` (when given for a delivery)
 * is its Replay button's action.
 */
export function DeliveriesTable({
  deliveries,
  replay,
}: {
  deliveries: WebhookDelivery[];
  /** The Replay action of a delivery, or undefined where there is none to take (pending, endpoint disabled). */
  replay: (delivery: WebhookDelivery) => (() => void) | undefined;
}) {
  // Which deliveries' attempts are open: kept across reads, by id.
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const columns = 8;
  return (
    <table data-testid="deliveries">
      <caption class="visually-hidden">Deliveries, newest first</caption>
      <ColumnHeads
        names={[
          'Created',
          'Event',
          { text: 'Event id', class: 'wide-only' },
          'State',
          'Attempts',
          'Last answer',
          'Next attempt',
          { hidden: 'Actions' },
        ]}
      />
      <tbody>
        {deliveries.map((delivery) => {
          const last = delivery.attempts.at(-1);
          const expanded = open.has(delivery.id);
          const onReplay = replay(delivery);
          const panel = `attempts-${delivery.id}`;
          return (
            <Fragment key={delivery.id}>
              <tr data-delivery={delivery.id}>
                <td>
                  <TimeAgo iso={delivery.created_at} />
                </td>
                <td>
                  <EventTypeBadge type={delivery.event_type} />
                </td>
                <td class="wide-only">
                  <code>{delivery.event_id}</code>
                </td>
                <td>
                  <StatusBadge status={delivery.status} />
                </td>
                <td>
                  {delivery.attempts.length === 0 ? (
                    '0'
                  ) : (
                    <button
                      type="button"
                      class="link"
                      aria-expanded={expanded}
                      aria-controls={expanded ? panel : undefined}
                      onClick={() => toggle(delivery.id)}
                    >
                      <span aria-hidden="true">{expanded ? '▾ ' : '▸ '}</span>
                      {delivery.attempts.length}
                      <span class="visually-hidden"> attempts of {delivery.event_id}</span>
                    </button>
                  )}
                </td>
                <td
                  data-testid="last-answer"
                  class={last !== undefined && last.error !== null ? 'error-text' : undefined}
                >
                  {last === undefined ? '—' : answerOf(last)}
                </td>
                <td>
                  <TimeUntil iso={delivery.next_attempt_at} />
                </td>
                <td>
                  {onReplay !== undefined && (
                    <button type="button" onClick={onReplay}>
                      Replay<span class="visually-hidden"> {delivery.event_id}</span>
                    </button>
                  )}
                </td>
              </tr>
              {expanded && (
                <tr id={panel} class="attempts-row">
                  <td colSpan={columns}>
                    <table data-testid="attempts">
                      <caption class="visually-hidden">Attempts of {delivery.event_id}, oldest first</caption>
                      <ColumnHeads names={['#', 'When', 'Took', 'Answer']} />
                      <tbody>
                        {delivery.attempts.map((attempt, index) => (
                          <tr key={attempt.attempted_at} data-attempt={index + 1}>
                            <td>{index + 1}</td>
                            <td>
                              <TimeAgo iso={attempt.attempted_at} />
                            </td>
                            <td>{formatDuration(attempt.duration_ms)}</td>
                            <td class={attempt.error === null ? undefined : 'error-text'}>{answerOf(attempt)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
