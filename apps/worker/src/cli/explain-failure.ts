import { EXIT } from '@org/cli';
import { EmbeddedPostgresError } from '@org/db';
import type { WorkerConfig } from '../config/worker-config.js';

/** One sentence for the terminal, and the exit code it goes with. */
export interface Explained {
  message: string;
  exitCode: number;
}

/** A URL with its password replaced, safe for a terminal or a log. */
function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/**
 * Turns a failure that the user can fix into one sentence naming the setting to change,
 * or returns undefined for anything else (printed as its message, exit code 1).
 */
export function explainFailure(error: unknown, config: WorkerConfig): Explained | undefined {
  if (error instanceof EmbeddedPostgresError) {
    switch (error.failure) {
      case 'PORT_IN_USE':
        return {
          message: `EMBEDDED_PG_PORT: port ${error.port} is in use by another program; set EMBEDDED_PG_PORT to a free port.`,
          exitCode: EXIT.config,
        };
      case 'DATA_DIR_UNUSABLE':
        return { message: `DATA_DIR: ${error.message}`, exitCode: EXIT.config };
      case 'NOT_RUNNING':
        return {
          message: `DATA_DIR: ${error.message}: start a worker there (\`npm start\`), set DATA_DIR to the data directory of the one running, or set DATABASE_URL.`,
          exitCode: EXIT.unavailable,
        };
      default:
        return { message: error.message, exitCode: EXIT.unavailable };
    }
  }
  const e = error as { code?: string; syscall?: string; port?: number; address?: string; message?: string };
  if (e.syscall === 'listen' && (e.code === 'EADDRINUSE' || e.code === 'EACCES')) {
    const what = e.code === 'EADDRINUSE' ? 'is in use by another program' : 'needs privileges to listen on';
    return {
      message: `HTTP_PORT: ${config.httpHost}:${config.httpPort} ${what}; set HTTP_PORT to a free port (0 picks one).`,
      exitCode: EXIT.config,
    };
  }
  const where =
    config.databaseUrl === undefined
      ? `the embedded PostgreSQL (EMBEDDED_PG_PORT ${config.embeddedPort})`
      : `DATABASE_URL (${maskUrl(config.databaseUrl)})`;
  switch (e.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'CONNECT_TIMEOUT':
      return {
        message: `Cannot reach ${where}${e.address ? ` at ${e.address}${e.port ? `:${e.port}` : ''}` : ''} (${e.code}): is PostgreSQL running there, and are its host and port right?`,
        exitCode: EXIT.unavailable,
      };
    case '28P01':
    case '28000':
      return {
        message: `${where} refused the login (${e.message}): check the user and password in it.`,
        exitCode: EXIT.config,
      };
    case '3D000':
      return {
        message: `${where}: ${e.message}; create that database, or name an existing one in the URL.`,
        exitCode: EXIT.config,
      };
    default:
      return undefined;
  }
}
