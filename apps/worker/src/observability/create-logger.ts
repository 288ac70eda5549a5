import { pino, type DestinationStream, type Logger } from 'pino';
import { redactSecretFields, SECRET_FIELD_SERIALIZERS } from './redact-secret-fields.js';

// Secrets by shape, in any string (by field name is redactSecretFields'): our API keys and
// passwords inside connection URLs.
const API_KEY = /\b([a-z][a-z0-9]{1,15}_\d{13}_)[0-9a-f]{72}\b/g;
const URL_PASSWORD = /(postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+@/g;

/** Replaces anything that looks like an API key or a URL password. */
export function scrubSecrets(line: string): string {
  return line.replace(API_KEY, '$1[REDACTED]').replace(URL_PASSWORD, '$1[REDACTED]@');
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const HIDDEN = new Set(['level', 'time', 'pid', 'name', 'msg', 'hostname']);

/** One pino JSON line as a line for people: time, level, message, then the fields as key=value. */
function prettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = new Date(typeof entry['time'] === 'number' ? entry['time'] : Date.now()).toTimeString().slice(0, 8);
  const fields = Object.entries(entry)
    .filter(([name]) => !HIDDEN.has(name))
    .map(([name, value]) => `${name}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const level = (LEVELS[entry['level'] as number] ?? String(entry['level'])).padEnd(5);
  return `${time} ${level} ${typeof entry['msg'] === 'string' ? entry['msg'] : ''}${fields.length > 0 ? `  ${fields.join(' ')}` : ''}\n`;
}

/** A duration field: `ms`, `durationMs`, `waitedMs`, ... */
const DURATION = /(^ms|Ms)$/;

/**
 * The log object with every fractional duration rounded to a tenth of a millisecond: a
 * `performance.now()` difference (2445.7369019999996) says no more than 2445.7 to a reader.
 */
function roundDurations(object: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const [name, value] of Object.entries(object)) {
    if (typeof value === 'number' && DURATION.test(name) && !Number.isInteger(value) && Number.isFinite(value)) {
      (copy ??= { ...object })[name] = Math.round(value * 10) / 10;
    }
  }
  return copy ?? object;
}

/** How log lines look: JSON for machines, or one readable line each for a terminal. */
export type LogFormat = 'json' | 'pretty';

/**
 * Structured logs (pino). Secret fields are redacted by name (redactSecretFields), and
 * every line is also scrubbed of anything shaped like an API key or a connection-URL
 * password, so a secret that reaches a log by accident (inside an error message, say)
 * still does not land there. Durations are rounded to a tenth of a millisecond.
 * `pretty` renders the same fields as one readable line (for a terminal).
 */
export function createLogger(
  options: { level?: string; destination?: DestinationStream; name?: string; format?: LogFormat } = {},
): Logger {
  const pretty = options.format === 'pretty';
  return pino(
    {
      name: options.name ?? 'provisioning-worker',
      level: options.level ?? 'info',
      formatters: { log: (object) => roundDurations(redactSecretFields(object)) },
      serializers: SECRET_FIELD_SERIALIZERS,
      hooks: { streamWrite: (line) => (pretty ? prettyLine(scrubSecrets(line)) : scrubSecrets(line)) },
      base: { pid: process.pid },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
