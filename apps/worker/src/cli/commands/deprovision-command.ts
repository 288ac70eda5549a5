import { getProject, isUuid, type Project } from '@org/db';
import { EXIT, parseCommandArgs, UsageError } from '@org/cli';
import type { Command } from '../command.js';
import { withCommandRuntime } from '../command-runtime.js';
import { runOperation } from '../run-operation.js';

export const deprovisionCommand: Command = {
  name: 'deprovision',
  summary: 'Delete a project (recoverable until its retention ends), or purge it with --purge',
  usage: `Usage: provisioning-worker deprovision <projectId> [--purge]

Asks for a delete operation (as the API's DELETE /v1/projects/{id} does, recorded as
requested by the CLI) and waits up to five minutes for a worker to run it. The project ends
\`deleted\`, recoverable (\`recover <projectId>\`) until DELETED_PROJECT_RETENTION_SECONDS
(7 days) have passed, when a worker purges it: meanwhile its keys verify as \`deleted\`, its
services are disabled, its role cannot log in and its database is kept as it was.

--purge  also purge it now, for good (deleting it first when needed): its API keys
         revoked, services disabled, tenant database and role dropped. Refused while the
         project has deletion protection.

A project deleted (or purged) already is left as it is. Needs a running worker.`,
  async run(args, config) {
    const { positionals, values } = parseCommandArgs(args, { purge: { type: 'boolean' } }, ['projectId']);
    const projectId = positionals[0]!;
    if (!isUuid(projectId)) throw new UsageError(`'${positionals[0]!}' is not a project id (a UUID)`);
    const id = projectId.toLowerCase();
    const print = (line: string): void => void process.stdout.write(`${line}\n`);
    return withCommandRuntime(config, async (runtime) => {
      let project = await getProject(id, runtime.ctx.db);
      if (project === undefined) {
        print(`project ${id} does not exist`);
        return EXIT.failed;
      }
      if (project.state === 'purged') {
        print(`${id} is purged already; there was nothing to remove`);
        return EXIT.ok;
      }
      if (project.state !== 'deleted' && project.state !== 'purging') {
        const deleted = await runOperation(runtime, print, {
          kind: 'delete',
          projectId: id,
          requestedBy: 'cli',
          retentionSeconds: config.deletionRetentionSeconds,
        });
        if (!deleted) return EXIT.failed;
        project = (await getProject(id, runtime.ctx.db))!;
        if (values.purge !== true) {
          print(`deleted ${id}: recoverable until ${project.purgeAt?.toISOString() ?? '?'} (\`recover ${id}\`)`);
          return EXIT.ok;
        }
      } else if (values.purge !== true) {
        print(`${id} is ${project.state} already${until(project)}; --purge removes it now`);
        return EXIT.ok;
      }
      if (!(await runOperation(runtime, print, { kind: 'purge', projectId: id, requestedBy: 'cli' })))
        return EXIT.failed;
      print(`purged ${id}: its API keys revoked, services disabled, database and role dropped`);
      return EXIT.ok;
    });
  },
};

function until(project: Project): string {
  return project.purgeAt === null ? '' : ` (purged at ${project.purgeAt.toISOString()})`;
}
