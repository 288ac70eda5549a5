import { useEffect, useState } from 'preact/hooks';
import { formatAge } from '../format';

/** "Live, updated 3 s ago", or the last failure to read: the operator knows how fresh the page is. */
export function LiveStatus({ updatedAt, error }: { updatedAt: number | undefined; error: string | undefined }) {
  const [, setNow] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (error !== undefined) return <p class="live live-error">Not updating: {error}</p>;
  if (updatedAt === undefined) return <p class="live">Loading…</p>;
  return (
    <p class="live">
      <span class="dot" aria-hidden="true" /> Live · updated {formatAge(new Date(updatedAt).toISOString())}
    </p>
  );
}
