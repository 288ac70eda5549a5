import type { Overview } from '../api';

const WIDTH = 600;
const HEIGHT = 90;
/** Room on the left for the scale's numbers. */
const AXIS = 28;

/** Provisionings that ended in each minute, succeeded and failed stacked; the same numbers in words for screen readers. */
export function PerMinuteChart({ minutes }: { minutes: Overview['provisioning']['per_minute'] }) {
  const peak = Math.max(1, ...minutes.map((minute) => minute.succeeded + minute.failed));
  const slot = (WIDTH - AXIS) / Math.max(minutes.length, 1);
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
      {/* The scale: 0 at the axis, the busiest minute's count at the top, a line at each. */}
      <line x1={AXIS} x2={WIDTH} y1={HEIGHT - scale(peak)} y2={HEIGHT - scale(peak)} class="gridline" />
      <text x={AXIS - 4} y={HEIGHT - scale(peak) + 4} text-anchor="end" class="bar-text" data-testid="chart-peak">
        {peak}
      </text>
      <text x={AXIS - 4} y={HEIGHT} text-anchor="end" class="bar-text">
        0
      </text>
      <line x1={AXIS} x2={WIDTH} y1={HEIGHT} y2={HEIGHT} class="axis" />
      {minutes.map((minute, index) => {
        const ok = scale(minute.succeeded);
        const bad = scale(minute.failed);
        return (
          <g key={minute.minute}>
            <title>{`${new Date(minute.minute).toLocaleTimeString()}: ${minute.succeeded} succeeded, ${minute.failed} failed`}</title>
            <rect x={AXIS + index * slot + 1} y={HEIGHT - ok} width={slot - 2} height={ok} class="bar-completed" />
            <rect x={AXIS + index * slot + 1} y={HEIGHT - ok - bad} width={slot - 2} height={bad} class="bar-failed" />
          </g>
        );
      })}
      <text x={AXIS} y={HEIGHT + 12} class="bar-text">
        −{minutes.length} min
      </text>
      <text x={AXIS + (WIDTH - AXIS) / 2} y={HEIGHT + 12} text-anchor="middle" class="bar-text">
        −{Math.round(minutes.length / 2)} min
      </text>
      <text x={WIDTH} y={HEIGHT + 12} text-anchor="end" class="bar-text">
        now
      </text>
    </svg>
  );
}
