/** "850 ms", "1.4 s", "2 min 5 s". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** "12 s", "5 min", "3 h", "4 d": a span in its largest whole unit. */
function formatSpan(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
  return `${Math.floor(seconds / 86_400)} d`;
}

/** "12 s ago", "5 min ago", "3 h ago", "4 d ago". */
export function formatAge(iso: string | null | undefined, now = Date.now()): string {
  if (iso === null || iso === undefined) return '—';
  return `${formatSpan(Math.max(0, Math.round((now - Date.parse(iso)) / 1000)))} ago`;
}

/** "in 12 s", "in 5 min", "in 3 h"; a moment already come: "now" (due, not yet done). */
export function formatIn(iso: string | null | undefined, now = Date.now()): string {
  if (iso === null || iso === undefined) return '—';
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  return seconds <= 0 ? 'now' : `in ${formatSpan(seconds)}`;
}

/** A timestamp as the operator's clock shows it. */
export function formatTime(iso: string | null | undefined): string {
  return iso === null || iso === undefined ? '—' : new Date(iso).toLocaleString();
}

/** "0.0 MB", "7.9 MB", "1250.3 MB": a size in megabytes (10⁶ bytes). */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
