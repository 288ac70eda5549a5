import { formatIn, formatTime } from '../format';

/**
 * A moment to come (a retry's), read as a {@link TimeAgo} is: in how long, the exact local
 * time on hover and for machines. Already come: "now". None: a dash.
 */
export function TimeUntil({ iso }: { iso: string | null | undefined }) {
  if (iso === null || iso === undefined) return <>—</>;
  return (
    <time dateTime={iso} title={formatTime(iso)}>
      {formatIn(iso)}
    </time>
  );
}
