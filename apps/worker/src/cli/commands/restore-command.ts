import { randomUUID } from 'node:crypto';
import { isUuid } from '@org/db';
import { EXIT, parseCommandArgs, UsageError } from '@org/cli';
import type { Command } from '../command.js';
import { withCommandRuntime } from '../command-runtime.js';
import { runOperation } from '../run-operation.js';

export const restoreCommand: Command = {
  name: 'restore',
  summary: "Replace a project's database by one of its snapshots (the replaced one kept)",
  usage: `Usage: provisioning-worker restore <projectId> <snapshotId>

Asks for a restore operation (as the API's POST /v1/projects/{id}/restore does) and waits up
to five minutes for a worker to run it: the project's database becomes a copy of the
snapshot, and the database it replaces is kept as a new snapshot, whose id is printed:
restore that one to undo this. The role, password, keys and services stay as they are.
Needs a running worker.`,
  async run(args, config) {
    const { positionals } = parseCommandArgs(args, {}, ['projectId', 'snapshotId']);
    const [projectId, snapshotId] = positionals;
    if (!isUuid(projectId)) throw new UsageError(`'${projectId!}' is not a project id (a UUID)`);
    if (!isUuid(snapshotId)) throw new UsageError(`'${snapshotId!}' is not a snapshot id (a UUID)`);
    const print = (line: string): void => void process.stdout.write(`${line}\n`);
    const preserveId = randomUUID();
    return withCommandRuntime(config, async (runtime) => {
      const request = {
        kind: 'restore',
        projectId: projectId.toLowerCase(),
        requestedBy: 'cli',
        snapshotId: snapshotId.toLowerCase(),
        preserveId,
      } as const;
      if (!(await runOperation(runtime, print, request))) return EXIT.failed;
      print(`restored ${projectId} from ${snapshotId}; the database it had is snapshot ${preserveId}`);
      return EXIT.ok;
    });
  },
};
