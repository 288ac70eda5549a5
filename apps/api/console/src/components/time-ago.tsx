import { formatAge, formatTime } from '../format';

/**
 * A moment as every page shows one: how long ago, the exact local time on hover and for
 * machines (`datetime`), so "Created" and "Provisioned" read alike. None: a dash.
 */
export function TimeAgo({ iso }: { iso: string | null | undefined }) {
  if (iso === null || iso === undefined) return <>—</>;
  return (
    <time dateTime={iso} title={formatTime(iso)}>
      {formatAge(iso)}
    </time>
  );
}
