import { EXIT, UsageError } from '@org/cli';
import { ConfigError, explainFailure } from '@org/worker';
import { loadApiConfig, type ApiConfig } from '../config/api-config.js';
import type { ApiCommand } from './api-command.js';
import { migrateCommand } from './commands/migrate-command.js';
import { serveCommand } from './commands/serve-command.js';
import { startCommand } from './commands/start-command.js';
import { tokenCommand } from './commands/token-command.js';

const commands: ApiCommand[] = [serveCommand, startCommand, migrateCommand, tokenCommand];

const usage = `Usage: control-plane-api <command> [options]

Commands:
${commands.map((command) => `  ${command.name.padEnd(8)} ${command.summary}`).join('\n')}

Run \`control-plane-api <command> --help\` for a command's options. Configuration comes
from the environment: the worker's variables (DATABASE_URL, PROVISIONING_SECRET_KEY, ...;
with no DATABASE_URL the embedded PostgreSQL under DATA_DIR) and the API's own (API_HOST,
API_PORT, ...; see the README).

Exit codes: 0 done; 1 the operation failed; 2 bad usage or configuration (the message
names the setting); 3 something needed is unavailable (a database).`;

/** A listen failure of the API's own port, named by its variable; anything else as the worker's CLI explains it. */
function explain(error: unknown, config: ApiConfig) {
  const e = error as { code?: string; syscall?: string };
  if (
    e.syscall === 'listen' &&
    (e.code === 'EADDRINUSE' || e.code === 'EACCES') &&
    (error as { apiPort?: boolean }).apiPort
  ) {
    const what = e.code === 'EADDRINUSE' ? 'is in use by another program' : 'needs privileges to listen on';
    return {
      message: `API_PORT: ${config.host}:${config.port} ${what}; set API_PORT to a free port (0 picks one).`,
      exitCode: EXIT.config,
    };
  }
  return explainFailure(error, config.worker);
}

async function runApiCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage}\n`);
    return name === undefined ? EXIT.config : EXIT.ok;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    process.stderr.write(`Unknown command: ${name}\n\n${usage}\n`);
    return EXIT.config;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return EXIT.ok;
  }
  let config: ApiConfig;
  try {
    config = loadApiConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT.config;
    }
    throw error;
  }
  try {
    return await command.run(args, config);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`control-plane-api ${command.name}: ${error.message} (see --help)\n`);
      return EXIT.config;
    }
    const explained = explain(error, config);
    if (explained === undefined) throw error;
    process.stderr.write(`${explained.message}\n`);
    return explained.exitCode;
  }
}

/** Runs the CLI as a process: exits with the command's code, or 1 with one line (never a stack) on an unexpected error. */
export function runApiCliProcess(argv: string[]): void {
  runApiCli(argv).then(
    (code) => {
      process.exitCode = code;
      // Pools and timers are closed by the commands; this guards against a stray handle.
      setTimeout(() => process.exit(code), 2000).unref();
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(EXIT.failed);
    },
  );
}
