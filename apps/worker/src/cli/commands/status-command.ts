import { getProject, listProjectResources, provisioningAttempts, provisioningSteps, isUuid } from '@org/db';
import { asc, eq } from 'drizzle-orm';
import { createLogger } from '../../observability/create-logger.js';
import { openRuntime } from '../../runtime/open-runtime.js';
import type { Command } from '../command.js';

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
    const json = args.includes('--json');
    const projectId = args.find((arg) => !arg.startsWith('--'));
    if (projectId === undefined || !isUuid(projectId)) {
      process.stderr.write(`${this.usage}\n`);
      return 2;
    }
    const runtime = await openRuntime(config, { logger: createLogger({ level: 'warn' }), startEmbedded: false });
    try {
      const { db } = runtime.ctx.db.client;
      const project = await getProject(projectId, runtime.ctx.db);
      if (project === undefined) {
        process.stdout.write(`project ${projectId} does not exist\n`);
        return 1;
      }
      const steps = await db
        .select()
        .from(provisioningSteps)
        .where(eq(provisioningSteps.projectId, projectId))
        .orderBy(asc(provisioningSteps.startedAt));
      const attempts = await db
        .select()
        .from(provisioningAttempts)
        .where(eq(provisioningAttempts.projectId, projectId))
        .orderBy(asc(provisioningAttempts.startedAt));
      const resources = await listProjectResources(projectId, undefined, runtime.ctx.db);
      const report = {
        project: {
          id: project.id,
          name: project.name,
          region: project.region,
          status: project.status,
          provisioning_status: project.provisioningStatus,
          step: project.provisioningStep,
          error: project.provisioningError,
          provisioned_at: project.provisionedAt,
        },
        steps: steps.map((s) => ({
          step: s.step,
          status: s.status,
          attempts: s.attempts,
          duration_ms: s.durationMs,
          error: s.error,
        })),
        attempts: attempts.map((a) => ({
          attempt: a.attempt,
          status: a.status,
          job_id: a.jobId,
          started_at: a.startedAt,
          error: a.error,
        })),
        // Metadata of a database record holds its sealed password: show where it lives only.
        resources: resources.map((r) => ({
          type: r.resourceType,
          id: r.resourceId,
          ...(r.resourceType === 'databases' ? { cluster: r.metadata['cluster'], status: r.metadata['status'] } : {}),
        })),
      };
      if (json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return 0;
      }
      const p = report.project;
      const lines = [
        `project ${p.id} (${p.name}) in ${p.region}: ${p.status}, provisioning ${p.provisioning_status}${p.step ? ` at ${p.step}` : ''}`,
        ...(p.error ? [`  last error: ${p.error}`] : []),
        'steps:',
        ...report.steps.map(
          (s) =>
            `  ${s.step.padEnd(9)} ${s.status.padEnd(9)} attempts ${s.attempts}  ${s.duration_ms ?? '-'} ms${s.error ? `  ${String(s.error['code'])}: ${String(s.error['message'])}` : ''}`,
        ),
        'attempts:',
        ...report.attempts.map(
          (a) =>
            `  #${a.attempt} ${a.status}${a.error ? `  ${String(a.error['code'])} at ${String(a.error['step'])}` : ''}`,
        ),
        'resources:',
        ...report.resources.map(
          (r) => `  ${r.type.padEnd(9)} ${r.id}${'cluster' in r ? ` on ${String(r.cluster)}` : ''}`,
        ),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
