import { EXIT, UsageError } from '@org/cli';
import { ConfigError, loadWorkerConfig } from '../config/worker-config.js';
import type { CliHooks, Command } from './command.js';
import { explainFailure } from './explain-failure.js';
import { branchCommand } from './commands/branch-command.js';
import { claimCommand } from './commands/claim-command.js';
import { deprovisionCommand } from './commands/deprovision-command.js';
import { migrateCommand } from './commands/migrate-command.js';
import { poolCommand } from './commands/pool-command.js';
import { provisionCommand } from './commands/provision-command.js';
import { recoverCommand } from './commands/recover-command.js';
import { resetPasswordCommand } from './commands/reset-password-command.js';
import { restoreCommand } from './commands/restore-command.js';
import { snapshotCommand } from './commands/snapshot-command.js';
import { startCommand } from './commands/start-command.js';
import { statusCommand } from './commands/status-command.js';
import { verifyKeyCommand } from './commands/verify-key-command.js';

const commands: Command[] = [
  startCommand,
  migrateCommand,
  provisionCommand,
  claimCommand,
  statusCommand,
  verifyKeyCommand,
  deprovisionCommand,
  recoverCommand,
  resetPasswordCommand,
  snapshotCommand,
  restoreCommand,
  branchCommand,
  poolCommand,
];

const usage = `Usage: provisioning-worker <command> [options]

Commands:
${commands.map((command) => `  ${command.name.padEnd(15)} ${command.summary}`).join('\n')}

Run \`provisioning-worker <command> --help\` for a command's options. Configuration comes
from the environment (see the README); with no DATABASE_URL an embedded PostgreSQL under
DATA_DIR (.data) is used.

Exit codes: 0 done; 1 the operation failed; 2 bad usage or configuration (the message
names the setting); 3 something needed is unavailable (a database, a busy data directory).`;

/** Runs one CLI command; resolves with the process exit code. */
async function runCli(argv: string[], hooks: CliHooks = {}): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    process.stderr.write(`Unknown command: ${name}\n\n${usage}\n`);
    return EXIT.config;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  let config;
  try {
    config = loadWorkerConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT.config;
    }
    throw error;
  }
  try {
    return await command.run(args, config, hooks);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`provisioning-worker ${command.name}: ${error.message} (see --help)\n`);
      return EXIT.config;
    }
    const explained = explainFailure(error, config);
    if (explained === undefined) throw error;
    process.stderr.write(`${explained.message}\n`);
    return explained.exitCode;
  }
}

/** Runs the CLI as a process: exits with the command's code, or 1 with one line (never a stack) on an unexpected error. */
export function runCliProcess(argv: string[], hooks: CliHooks = {}): void {
  runCli(argv, hooks).then(
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
