import {
  branchName,
  createProject,
  findProjectSnapshot,
  isUuid,
  PROJECT_NAME_MAX,
  type Project,
  type Region,
} from '@org/db';
import { EXIT, parseCommandArgs, UsageError } from '@org/cli';
import type { Command } from '../command.js';
import { withCommandRuntime } from '../command-runtime.js';
import { followAndClaim } from '../follow-and-claim.js';

/** The source as the branch needs it, read under its lock (its region a known one: `createProject` checked it). */
type Source = Pick<Project, 'name' | 'ownerId' | 'organizationId' | 'state' | 'provisioningStatus'> & {
  region: Region;
};

/** `branch <projectId> [--snapshot <snapshotId>] [--name <name>]`: see `usage`. */
export const branchCommand: Command = {
  name: 'branch',
  summary: "Make a new project whose database starts as a copy of another's, now or at a snapshot",
  usage: `Usage: provisioning-worker branch <projectId> [--snapshot <snapshotId>] [--name <name>]

Creates a new project in the source's organization and region, for its owner, and asks for
its provisioning (as the API's POST /v1/projects/{id}/branches does, recorded as requested by
the CLI): its database starts as a copy of the source's database as it is now (the source's
sessions are interrupted for the copy) or, with --snapshot, of one of the source's snapshots
(\`snapshot <projectId> --list\`). The branch has its own role, password, keys and services;
the source is not changed. Prints the new project's id, each step as a running worker
completes it, then the one-time result (password and keys), as \`provision\` does.

The source must be provisioned, and active or suspended. Needs a running worker.

--snapshot ID  copy this snapshot of the source instead of its database as it is now
--name NAME    the new project's name (default "<the source's name> branch")`,
  async run(args, config) {
    const { positionals, values } = parseCommandArgs(args, { snapshot: { type: 'string' }, name: { type: 'string' } }, [
      'projectId',
    ]);
    if (!isUuid(positionals[0])) throw new UsageError(`'${positionals[0]!}' is not a project id (a UUID)`);
    const given = values.snapshot;
    if (given !== undefined && !isUuid(given)) {
      throw new UsageError(`--snapshot: '${values.snapshot!}' is not a snapshot id (a UUID)`);
    }
    if (
      values.name !== undefined &&
      (values.name.trim() === '' || values.name.length > PROJECT_NAME_MAX || /\p{Cc}/u.test(values.name))
    ) {
      throw new UsageError(`--name must be 1-${PROJECT_NAME_MAX} characters, without control characters`);
    }
    const sourceId = positionals[0].toLowerCase();
    const snapshotId = given?.toLowerCase();
    const print = (line: string): void => void process.stdout.write(`${line}\n`);
    return withCommandRuntime(
      config,
      async (runtime) => {
        // One transaction, as the API's: the source is locked against a delete or a purge
        // until the branch and its provisioning are recorded, and a refusal records nothing.
        const asked = await runtime.ctx.db.client.sql.begin(async (tx) => {
          const [source] = await tx<Source[]>`
            select name, region, owner_id as "ownerId", organization_id as "organizationId", state,
                   provisioning_status as "provisioningStatus"
            from control_plane.projects where id = ${sourceId}::uuid for share`;
          if (source === undefined) return `project ${sourceId} does not exist`;
          if (
            source.provisioningStatus !== 'provisioned' ||
            (source.state !== 'active' && source.state !== 'suspended')
          ) {
            return `${sourceId} is ${source.state}: only a provisioned project, active or suspended, can be branched`;
          }
          if (
            snapshotId !== undefined &&
            (await findProjectSnapshot(sourceId, snapshotId, runtime.ctx.db)) === undefined
          ) {
            return `snapshot ${snapshotId} is not one of ${sourceId}'s (see \`snapshot ${sourceId} --list\`)`;
          }
          const branch = await createProject(
            {
              name: values.name ?? branchName(source.name),
              region: source.region,
              ownerId: source.ownerId,
              organizationId: source.organizationId,
            },
            tx,
          );
          const jobId = await runtime.queue.requestOperation(tx, {
            kind: 'provision',
            payload: {
              project_id: branch.id,
              region: source.region,
              owner_id: source.ownerId,
              organization_id: source.organizationId,
              from: { project_id: sourceId, ...(snapshotId === undefined ? {} : { snapshot_id: snapshotId }) },
            },
            requestedBy: 'cli',
          });
          return { projectId: branch.id, jobId };
        });
        if (typeof asked === 'string') {
          print(asked);
          return EXIT.failed;
        }
        const of = snapshotId === undefined ? `${sourceId} as it is now` : `${sourceId}'s snapshot ${snapshotId}`;
        print(`created project ${asked.projectId}, a branch of ${of}`);
        return followAndClaim(runtime, print, asked.projectId, asked.jobId);
      },
      { queue: true },
    );
  },
};
