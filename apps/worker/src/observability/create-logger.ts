import { pino, type DestinationStream, type Logger } from 'pino';

// Secrets by field name, wherever they appear in a log object...
const REDACT_PATHS = [
  'password',
  '*.password',
  '*.*.password',
  'key',
  '*.key',
  'connection_string',
  '*.connection_string',
  'connectionString',
  '*.connectionString',
  'sealed',
  '*.sealed',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'api_keys',
  '*.api_keys',
];

// ...and by shape, in any string: our API keys and passwords inside connection URLs.
const API_KEY = /\b([a-z][a-z0-9]{1,15}_\d{13}_)[0-9a-f]{72}\b/g;
const URL_PASSWORD = /(postgres(?:ql)?:\/\/[^:/@\s]+:)[^@\s]+@/g;

/** Replaces anything that looks like an API key or a URL password. */
export function scrubSecrets(line: string): string {
  return line.replace(API_KEY, '$1[REDACTED]').replace(URL_PASSWORD, '$1[REDACTED]@');
}

/**
 * Structured JSON logs (pino). Secret fields are redacted by name, and every line is also
 * scrubbed of anything shaped like an API key or a connection-URL password, so a secret
 * that reaches a log by accident (inside an error message, say) still does not land there.
 */
export function createLogger(options: { level?: string; destination?: DestinationStream; name?: string } = {}): Logger {
  return pino(
    {
      name: options.name ?? 'provisioning-worker',
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      hooks: { streamWrite: scrubSecrets },
      base: { pid: process.pid },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
