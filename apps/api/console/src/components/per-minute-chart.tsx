import type { Overview } from '../api';

const WIDTH = 600;
const HEIGHT = 90;

/** Provisionings that ended in each minute, succeeded and failed stacked; the same numbers in words for screen readers. */
export function PerMinuteChart({ minutes }: { minutes: Overview['provisioning']['per_minute'] }) {
  const peak = Math.max(1, ...minutes.map((minute) => minute.succeeded + minute.failed));
  const slot = WIDTH / Math.max(minutes.length, 1);
  const scale = (n: number) => (n / peak) * (HEIGHT - 16);
  const total = minutes.reduce((sum, minute) => sum + minute.succeeded + minute.failed, 0);
  const failed = minutes.reduce((sum, minute) => sum + minute.failed, 0);
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT + 14}`}
      width="100%"
      role="img"
      aria-label={`Provisionings per minute over the last ${minutes.length} minutes: ${total} ended, ${failed} failed, at most ${peak} in a minute`}
      class="per-minute"
    >
      <line x1="0" x2={WIDTH} y1={HEIGHT} y2={HEIGHT} class="axis" />
      {minutes.map((minute, index) => {
        const ok = scale(minute.succeeded);
        const bad = scale(minute.failed);
        return (
          <g key={minute.minute}>
            <title>{`${new Date(minute.minute).toLocaleTimeString()}: ${minute.succeeded} succeeded, ${minute.failed} failed`}</title>
            <rect x={index * slot + 1} y={HEIGHT - ok} width={slot - 2} height={ok} class="bar-completed" />
            <rect x={index * slot + 1} y={HEIGHT - ok - bad} width={slot - 2} height={bad} class="bar-failed" />
          </g>
        );
      })}
      <text x="0" y={HEIGHT + 12} class="bar-text">
        −{minutes.length} min
      </text>
      <text x={WIDTH} y={HEIGHT + 12} text-anchor="end" class="bar-text">
        now
      </text>
    </svg>
  );
}
