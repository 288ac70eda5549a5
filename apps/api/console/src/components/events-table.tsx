import type { FeedEvent } from '../api';
import { ColumnHeads } from './column-heads';
import { ErrorCode } from './error-code';
import { EventTypeBadge } from './event-type-badge';
import { TimeAgo } from './time-ago';

/**
 * Events newest first, a row each: when, its type, and for an operation's event the
 * operation's kind (a link to it where `operationHref` gives one) and, when it failed, its
 * error code (not on the events of a retry still running, which carry the last failure too). Only what the feed says: an event without an operation leaves those cells empty.
 */
export function EventsTable({
  events,
  operationHref,
}: {
  /** Oldest first, as the feed gives them. */
  events: FeedEvent[];
  /** Where an operation is shown, or undefined where it is not. */
  operationHref: (operationId: string) => string | undefined;
}) {
  return (
    <table data-testid="events">
      <ColumnHeads names={['When', 'Event', 'Operation', 'Error']} />
      <tbody>
        {events.toReversed().map((event) => {
          const operation = event.data.operation;
          const href = operation === undefined ? undefined : operationHref(operation.id);
          return (
            <tr key={event.id} data-event={event.id}>
              <td>
                <TimeAgo iso={event.occurred_at} />
              </td>
              <td>
                <EventTypeBadge type={event.type} />
              </td>
              <td>
                {operation === undefined ? (
                  ''
                ) : href === undefined ? (
                  operation.kind
                ) : (
                  <a href={href}>{operation.kind}</a>
                )}
              </td>
              <td>
                {event.type === 'operation.failed' && operation?.error != null && (
                  <ErrorCode code={operation.error.code} />
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
