import { isUuid, listProjectResources, readDatabaseMetadata } from '@org/db';
import { EXIT, parseCommandArgs, UsageError } from '@org/cli';
import { inTableOrder } from '../../provisioning/provisioning-steps.js';
import type { Command } from '../command.js';
import { withCommandRuntime } from '../command-runtime.js';

export const statusCommand: Command = {
  name: 'status',
  summary: "Show a project's provisioning: steps, attempts, errors, resources",
  usage: `Usage: provisioning-worker status <projectId> [--json]

Prints the project's provisioning status, each step (status, attempts, duration, error),
each attempt, and every resource recorded for it. Never prints a secret.

Options:
  --json    Machine-readable output.
  --help    Show this help.`,
  async run(args, config) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean', default: false } }, [
      'projectId',
    ]);
    const json = values.json;
    const projectId = positionals[0]!;
    if (!isUuid(projectId)) throw new UsageError(`'${positionals[0]!}' is not a project id (a UUID)`);
    return withCommandRuntime(config, async (runtime) => {
      const recorded = await runtime.ctx.journal.readStatus(projectId.toLowerCase());
      if (recorded === undefined) {
        process.stdout.write(`project ${projectId} does not exist\n`);
        return EXIT.failed;
      }
      const resources = await listProjectResources(recorded.project.id, undefined, runtime.ctx.db);
      const { project } = recorded;
      const report = {
        project: {
          id: project.id,
          name: project.name,
          region: project.region,
          status: project.status,
          provisioning_status: project.provisioningStatus,
          step: project.step,
          error: project.error,
          provisioned_at: project.provisionedAt,
        },
        steps: inTableOrder(recorded.steps).map((s) => ({
          step: s.step,
          status: s.status,
          attempts: s.attempts,
          duration_ms: s.durationMs,
          error: s.error,
        })),
        attempts: recorded.attempts.map((a) => ({
          attempt: a.attempt,
          status: a.status,
          job_id: a.jobId,
          started_at: a.startedAt,
          error: a.error,
        })),
        // A database record holds its sealed password: show where it lives only.
        resources: resources.map((r) => ({
          type: r.resourceType,
          id: r.resourceId,
          ...(r.resourceType === 'databases'
            ? { cluster: readDatabaseMetadata(r.metadata)?.cluster, status: readDatabaseMetadata(r.metadata)?.status }
            : {}),
        })),
      };
      if (json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return 0;
      }
      const p = report.project;
      const lines = [
        headline(p),
        ...(p.error && p.provisioning_status !== 'deprovisioned' ? [`  last error: ${p.error}`] : []),
        'steps:',
        ...report.steps.map(
          (s) =>
            `  ${s.step.padEnd(9)} ${s.status.padEnd(9)} attempts ${s.attempts}  ${s.duration_ms ?? '-'} ms${s.error ? `  ${s.error.code}: ${s.error.message}` : ''}`,
        ),
        'attempts:',
        ...report.attempts.map(
          (a) =>
            `  #${a.attempt} ${a.status}${a.error ? `  ${a.error.code}${a.error.step ? ` at ${a.error.step}` : ''}` : ''}`,
        ),
        'resources:',
        ...report.resources.map(
          (r) => `  ${r.type.padEnd(9)} ${r.id}${'cluster' in r ? ` on ${String(r.cluster)}` : ''}`,
        ),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    });
  },
};

/** The first line of `status`: what a person wants to know first. */
function headline(p: {
  id: string;
  name: string;
  region: string;
  status: string;
  provisioning_status: string;
  step: string | null;
}): string {
  const project = `project ${p.id} (${p.name}) in ${p.region}`;
  switch (p.provisioning_status) {
    case 'provisioned':
      return p.status === 'deleted'
        ? `${project}: deleted, recoverable (\`recover ${p.id}\`); its database, keys and services are kept, switched off`
        : `${project}: provisioned (${p.status})`;
    case 'deprovisioning':
      return `${project}: purging${p.step ? `, at step ${p.step}` : ''}`;
    case 'deprovisioned':
      return `${project}: purged; its database, API keys and services were removed`;
    case 'provisioning':
      return `${project}: provisioning${p.step ? `, at step ${p.step}` : ''}`;
    default:
      return `${project}: provisioning ${p.provisioning_status}${p.step ? ` at step ${p.step}` : ''}`;
  }
}
