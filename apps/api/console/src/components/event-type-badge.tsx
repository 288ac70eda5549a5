import type { FeedEvent } from '../api';

/**
 * An event's type as a badge: its colour that of the state or status it names (as a
 * {@link StatusBadge}'s), outlined for an operation's event and filled for a project's, and
 * the word itself saying both.
 */
export function EventTypeBadge({ type }: { type: FeedEvent['type'] }) {
  const [family, status] = type.split('.');
  return (
    <span class={`badge badge-${status} event-${family}`} data-type={type}>
      {type}
    </span>
  );
}
