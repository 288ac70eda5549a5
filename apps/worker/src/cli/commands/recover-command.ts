import { getProject, isUuid } from '@org/db';
import { EXIT, parseCommandArgs, UsageError } from '@org/cli';
import type { Command } from '../command.js';
import { withCommandRuntime } from '../command-runtime.js';
import { runOperation } from '../run-operation.js';

export const recoverCommand: Command = {
  name: 'recover',
  summary: 'Bring a deleted project back as it was, before it is purged',
  usage: `Usage: provisioning-worker recover <projectId>

Asks for a recover operation (as the API's POST /v1/projects/{id}/recover does) and waits up
to five minutes for a worker to run it: the project is back as it was before its deletion
(active or suspended), with its database, login, keys and services. Possible until a purge
begins. Needs a running worker.`,
  async run(args, config) {
    const { positionals } = parseCommandArgs(args, {}, ['projectId']);
    if (!isUuid(positionals[0])) throw new UsageError(`'${positionals[0]!}' is not a project id (a UUID)`);
    const projectId = positionals[0].toLowerCase();
    const print = (line: string): void => void process.stdout.write(`${line}\n`);
    return withCommandRuntime(config, async (runtime) => {
      const project = await getProject(projectId, runtime.ctx.db);
      if (project?.state !== 'deleted') {
        print(`${projectId} is ${project?.state ?? 'missing'}: only a deleted project can be recovered`);
        return EXIT.failed;
      }
      if (!(await runOperation(runtime, print, { kind: 'recover', projectId, requestedBy: 'cli' }))) return EXIT.failed;
      const now = await getProject(projectId, runtime.ctx.db);
      print(`recovered ${projectId}: ${now?.state ?? 'missing'} again, with its database, login, keys and services`);
      return EXIT.ok;
    });
  },
};
