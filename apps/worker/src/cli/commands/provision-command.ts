import { randomUUID } from 'node:crypto';
import { createProject, getProject, isKnownRegion, isUuid } from '@org/db';
import { EXIT, parseCommandArgs, UsageError } from '@org/cli';
import type { Command } from '../command.js';
import { withCommandRuntime } from '../command-runtime.js';
import { followAndClaim, NO_WORKER_NOTICE_MS } from '../follow-and-claim.js';

export const provisionCommand: Command = {
  name: 'provision',
  summary: 'Enqueue a provisioning, follow it live, then print its result once',
  usage: `Usage: provisioning-worker provision [--project-id ID | --create] [options]

Asks for a provision operation on a project (creating it first with --create or when no
id is given; the operation records the CLI as who asked), shows each step as a running
worker completes it, then claims and prints the one-time result: the database password
and the API keys, shown this once only.

Options:
  --project-id ID        An existing project.
  --create               Create a new project (the default without --project-id).
  --name NAME            Name of a created project (default "cli project").
  --region REGION        us-east-1 | us-west-2 | eu-west-1 | ap-southeast-1 (default eu-west-1).
  --owner ID             Owner id (default cli-user).
  --organization ID      Organization id (default cli-org).
  --keys N               API keys to issue, 1-10 (default 2).
  --prefix PREFIX        API key prefix (default pk).
  --no-auth, --no-realtime, --no-storage   Skip a service.
  --timeout SECONDS      Give up following after this long (default 600).
  --help                 Show this help.

Needs a running worker (\`start\`) to do the work: when none has taken the job within
${NO_WORKER_NOTICE_MS / 1000} s, says so and keeps waiting. An already provisioned project is not enqueued
again; \`claim <projectId>\` prints a one-time result that is still waiting.`,
  async run(args, config) {
    const { values } = parseCommandArgs(
      args,
      {
        'project-id': { type: 'string' },
        create: { type: 'boolean', default: false },
        name: { type: 'string', default: 'cli project' },
        region: { type: 'string', default: 'eu-west-1' },
        owner: { type: 'string', default: 'cli-user' },
        organization: { type: 'string', default: 'cli-org' },
        keys: { type: 'string', default: '2' },
        prefix: { type: 'string', default: 'pk' },
        auth: { type: 'boolean', default: true },
        realtime: { type: 'boolean', default: true },
        storage: { type: 'boolean', default: true },
        timeout: { type: 'string', default: '600' },
      },
      [],
      { allowNegative: true },
    );
    const keys = Number(values.keys);
    if (!Number.isInteger(keys) || keys < 1 || keys > 10)
      throw new UsageError(`--keys must be 1-10, not '${values.keys}'`);
    const region = values.region;
    if (!isKnownRegion(region)) throw new UsageError(`--region: '${region}' is not a region (see --help)`);
    const timeout = Number(values.timeout);
    if (!(timeout > 0)) throw new UsageError(`--timeout must be a number of seconds, not '${values.timeout}'`);
    const given = values['project-id'];
    if (given !== undefined && !isUuid(given)) {
      throw new UsageError(`--project-id: '${values['project-id']!}' is not a project id (a UUID)`);
    }
    const print = (line: string): void => void process.stdout.write(`${line}\n`);
    return withCommandRuntime(
      config,
      async (runtime) => {
        let projectId = values['project-id'];
        if (projectId === undefined || values.create) {
          const project = await createProject(
            {
              id: projectId ?? randomUUID(),
              name: values.name,
              region: values.region,
              ownerId: values.owner,
              organizationId: values.organization,
            },
            runtime.ctx.db,
          );
          projectId = project.id;
          print(`created project ${projectId}`);
        } else {
          const existing = await getProject(projectId, runtime.ctx.db);
          if (existing === undefined) {
            print(`project ${projectId} does not exist (use --create)`);
            return EXIT.failed;
          }
          const gone = existing.state === 'deleted' || existing.state === 'purging' || existing.state === 'purged';
          const state = gone ? existing.state : existing.provisioningStatus;
          if (state === 'provisioned' || gone) {
            print(
              `project ${projectId} is already ${state}; nothing was enqueued.` +
                (state === 'provisioned'
                  ? ` Its one-time result, if still waiting: provisioning-worker claim ${projectId}`
                  : ''),
            );
            return EXIT.failed;
          }
        }
        const jobId = await runtime.queue.send(
          {
            project_id: projectId,
            region,
            services: { auth: values.auth, realtime: values.realtime, storage: values.storage },
            api_keys: { count: keys, prefix: values.prefix },
            owner_id: values.owner,
            organization_id: values.organization,
          },
          'cli',
        );
        return followAndClaim(runtime, print, projectId, jobId, timeout * 1000);
      },
      { queue: true },
    );
  },
};
