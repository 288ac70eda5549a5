import { ColumnHeads } from './column-heads';
import type { Operation, Schemas } from '../api';
import { formatDuration } from '../format';

type Run = Schemas['OperationRun'];
type RecordedError = Schemas['RecordedError'];

const LABEL = 150;
const WIDTH = 900;
const ROW = 22;
const BAR = 14;

interface Row {
  key: string;
  label: string;
  kind: 'attempt' | 'step' | 'wait' | 'queued' | 'error';
  status?: string;
  start?: number;
  end?: number;
  running?: boolean;
  text?: string;
}

/** Tick spacing of about six ticks over `span` ms: 1, 2 or 5 times a power of ten. */
function tickStep(span: number): number {
  const rough = span / 6;
  const power = 10 ** Math.floor(Math.log10(Math.max(rough, 1)));
  return [1, 2, 5, 10].map((factor) => factor * power).find((step) => step >= rough) ?? power * 10;
}

/** An error in one line: code, message, and the code at its root. */
function describeError(error: RecordedError): string {
  const root =
    error.root_cause === undefined ? '' : ` (root cause ${error.root_cause.code}: ${error.root_cause.message})`;
  return `${error.code}: ${error.message}${root}`;
}

/** The rows of a timeline: the wait in the queue, then each run with its steps, and the retry waits between runs. */
function rowsOf(operation: Operation, now: number): Row[] {
  const at = (iso: string | null) => (iso === null ? now : Date.parse(iso));
  const rows: Row[] = [];
  const runs: Run[] = [...operation.runs].sort((a, b) => a.attempt - b.attempt);
  const created = Date.parse(operation.created_at);
  const firstStart = runs[0] === undefined ? at(operation.finished_at) : Date.parse(runs[0].started_at);
  if (firstStart - created > 0 || runs.length === 0) {
    rows.push({
      key: 'queued',
      label: 'queued',
      kind: 'queued',
      start: created,
      end: firstStart,
      running: runs.length === 0 && operation.finished_at === null,
    });
  }
  runs.forEach((run, index) => {
    const previous = runs[index - 1];
    if (previous?.finished_at != null) {
      rows.push({
        key: `wait-${run.attempt}`,
        label: 'retry wait',
        kind: 'wait',
        start: Date.parse(previous.finished_at),
        end: Date.parse(run.started_at),
      });
    }
    rows.push({
      key: `run-${run.attempt}`,
      label: `Attempt ${run.attempt}`,
      kind: 'attempt',
      status: run.status,
      start: Date.parse(run.started_at),
      end: at(run.finished_at),
      running: run.finished_at === null,
    });
    for (const step of run.steps) {
      rows.push({
        key: `step-${run.attempt}-${step.step}`,
        label: step.step,
        kind: 'step',
        status: step.status,
        start: Date.parse(step.started_at),
        end: at(step.finished_at),
        running: step.finished_at === null,
      });
      if (step.status === 'failed' && step.error !== null) {
        rows.push({
          key: `error-${run.attempt}-${step.step}`,
          label: '',
          kind: 'error',
          text: describeError(step.error),
        });
      }
    }
    if (
      run.status === 'failed' &&
      run.error !== null &&
      !run.steps.some((step) => step.status === 'failed' && step.error !== null)
    ) {
      rows.push({ key: `error-${run.attempt}`, label: '', kind: 'error', text: describeError(run.error) });
    }
  });
  // A retry that has not started yet: the wait since the last failed run.
  const last = runs.at(-1);
  if (operation.status === 'running' && last?.finished_at != null) {
    rows.push({
      key: 'wait-next',
      label: 'retry wait',
      kind: 'wait',
      start: Date.parse(last.finished_at),
      end: now,
      running: true,
    });
  }
  return rows;
}

/**
 * An operation's runs on one time axis: each step a bar from its start to its end, so
 * steps that ran side by side overlap; each attempt under the one before, with the retry
 * wait between them drawn; a failed step red, with its code and message under it. The same
 * facts follow as text, for those who do not see the picture.
 */
export function Timeline({ operation, now = Date.now() }: { operation: Operation; now?: number }) {
  const rows = rowsOf(operation, now);
  const times = rows.flatMap((row) => (row.start === undefined ? [] : [row.start, row.end ?? row.start]));
  const t0 = Math.min(...times);
  const span = Math.max(Math.max(...times) - t0, 1);
  // The right margin keeps room for the last bar's label.
  const x = (t: number) => LABEL + ((t - t0) / span) * (WIDTH - LABEL - 110);
  const step = tickStep(span);
  const ticks = Array.from({ length: Math.floor(span / step) + 1 }, (_, index) => index * step);
  const top = 24;
  const height = top + rows.length * ROW + 6;
  const failures = operation.runs.flatMap((run) =>
    run.steps
      .filter((s) => s.status === 'failed' && s.error !== null)
      .map((s) => ({ attempt: run.attempt, step: s.step, error: s.error! })),
  );
  const summary = `${operation.kind} ${operation.status}, ${operation.runs.length} attempt${operation.runs.length === 1 ? '' : 's'} over ${formatDuration(span)}${failures.length > 0 ? `; failed: ${failures.map((f) => `${f.step} (${f.error.root_cause?.code ?? f.error.code}) in attempt ${f.attempt}`).join(', ')}` : ''}`;

  return (
    <figure class="timeline" data-operation={operation.id}>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`Timeline: ${summary}`} width="100%">
        <defs>
          <pattern
            id={`hatch-${operation.id}`}
            width="6"
            height="6"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="6" height="6" fill="#eef1f4" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#8c959f" stroke-width="2" />
          </pattern>
        </defs>
        {ticks.map((tick) => (
          <g key={tick} class="tick">
            <line x1={x(t0 + tick)} x2={x(t0 + tick)} y1={top - 6} y2={height} />
            <text x={x(t0 + tick)} y={top - 10} text-anchor="middle">
              {tick === 0 ? '0' : formatDuration(tick)}
            </text>
          </g>
        ))}
        {rows.map((row, index) => {
          const y = top + index * ROW;
          if (row.kind === 'error') {
            return (
              <text key={row.key} x={LABEL} y={y + BAR - 2} class="bar-error-text">
                <title>{row.text}</title>
                {row.text!.length > 120 ? `${row.text!.slice(0, 117)}…` : row.text}
              </text>
            );
          }
          const start = x(row.start!);
          const width = Math.max(x(row.end!) - start, 2);
          const status = row.kind === 'wait' || row.kind === 'queued' ? row.kind : (row.status ?? 'running');
          const duration = formatDuration(row.end! - row.start!);
          return (
            <g
              key={row.key}
              class={`row row-${row.kind}`}
              data-step={row.kind === 'step' ? row.label : undefined}
              data-status={status}
            >
              <text x={row.kind === 'step' ? 16 : 4} y={y + BAR - 2} class="row-label">
                {row.label}
              </text>
              <rect
                x={start}
                y={y + (row.kind === 'attempt' ? 4 : 0)}
                width={width}
                height={row.kind === 'attempt' ? BAR - 8 : BAR}
                rx="2"
                class={`bar bar-${status}${row.running === true ? ' bar-live' : ''}`}
                fill={status === 'wait' || status === 'queued' ? `url(#hatch-${operation.id})` : undefined}
              >
                <title>{`${row.label} ${status}: ${duration}`}</title>
              </rect>
              <text x={start + width + 4} y={y + BAR - 2} class="bar-text">
                {row.kind === 'attempt' ? `${row.status} · ${duration}` : duration}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        {failures.length > 0 && (
          <ul class="failures">
            {failures.map((failure) => (
              <li key={`${failure.attempt}-${failure.step}`}>
                Attempt {failure.attempt}: <strong>{failure.step}</strong> failed with <code>{failure.error.code}</code>
                {failure.error.root_cause !== undefined && (
                  <>
                    {' '}
                    (root cause <code>{failure.error.root_cause.code}</code>)
                  </>
                )}
                : {failure.error.message}
              </li>
            ))}
          </ul>
        )}
        <details>
          <summary>Steps as a table</summary>
          <table>
            <ColumnHeads names={['Attempt', 'Step', 'Status', 'Started at (+ms)', 'Took']} />
            <tbody>
              {operation.runs.flatMap((run) =>
                run.steps.map((s) => (
                  <tr key={`${run.attempt}-${s.step}`}>
                    <td>{run.attempt}</td>
                    <td>{s.step}</td>
                    <td>{s.status}</td>
                    <td>{Date.parse(s.started_at) - t0}</td>
                    <td>
                      {formatDuration(
                        s.duration_ms ?? (s.finished_at === null ? now - Date.parse(s.started_at) : null),
                      )}
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}
