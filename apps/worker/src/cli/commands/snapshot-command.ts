import { randomUUID } from 'node:crypto';
import { isUuid, listTenantSnapshots, snapshotIdOfName, tenantDatabaseName } from '@org/db';
import { isSnapshotName, SNAPSHOT_NAME_MAX, snapshotNames } from '@org/operations';
import { EXIT, parseCommandArgs, UsageError } from '@org/cli';
import type { Command } from '../command.js';
import { withCommandRuntime } from '../command-runtime.js';
import { runOperation } from '../run-operation.js';

export const snapshotCommand: Command = {
  name: 'snapshot',
  summary: "Take a snapshot of a project's database, or list them with --list",
  usage: `Usage: provisioning-worker snapshot <projectId> [--name <name>] [--list]

Asks for a snapshot operation (as the API's POST /v1/projects/{id}/snapshots does) and waits
up to five minutes for a worker to run it: a copy of the project's database on its cluster,
which the tenant can never connect to. The tenant's sessions are interrupted while the
database is copied. Prints the snapshot's id (for \`restore\`). Needs a running worker.

--name  a name for people, kept with the snapshot (at most ${SNAPSHOT_NAME_MAX} characters)
--list  print the project's snapshots instead (id, created, size, name), oldest first`,
  async run(args, config) {
    const { positionals, values } = parseCommandArgs(args, { list: { type: 'boolean' }, name: { type: 'string' } }, [
      'projectId',
    ]);
    if (!isUuid(positionals[0])) throw new UsageError(`'${positionals[0]!}' is not a project id (a UUID)`);
    const name = values.name;
    if (name !== undefined && !isSnapshotName(name)) {
      throw new UsageError(
        `--name takes 1 to ${SNAPSHOT_NAME_MAX} characters, not all blank, without control characters`,
      );
    }
    const projectId = positionals[0].toLowerCase();
    const print = (line: string): void => void process.stdout.write(`${line}\n`);
    return withCommandRuntime(config, async (runtime) => {
      if (values.list === true) {
        const names = await snapshotNames(runtime.ctx.db.client.sql, projectId);
        for (const snapshot of await listTenantSnapshots(tenantDatabaseName(projectId), runtime.ctx.db)) {
          const id = snapshotIdOfName(snapshot.name);
          const given = names.get(id);
          const size = `${(snapshot.sizeBytes / 1e6).toFixed(1)} MB`;
          print(`${id}  ${snapshot.createdAt.toISOString()}  ${size}${given === undefined ? '' : `  ${given}`}`);
        }
        return EXIT.ok;
      }
      const snapshotId = randomUUID();
      const request = {
        kind: 'snapshot',
        projectId,
        requestedBy: 'cli',
        snapshotId,
        ...(name === undefined ? {} : { name }),
      } as const;
      if (!(await runOperation(runtime, print, request))) return EXIT.failed;
      print(`snapshot ${snapshotId} of ${projectId} taken`);
      return EXIT.ok;
    });
  },
};
