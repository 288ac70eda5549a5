import { setTimeout as sleep } from 'node:timers/promises';
import { projects, provisioningAttempts, provisioningSteps, type DbContext } from '@org/db';
import { asc, eq } from 'drizzle-orm';

/** How a followed provisioning ended. */
export type FollowOutcome = 'provisioned' | 'failed' | 'timeout';

/**
 * Prints each step of a project's provisioning as it completes, and each failed attempt,
 * until the project is provisioned or has failed for good. Reads only the control-plane
 * tables, so it works from any process against a running worker.
 */
export async function followProvisioning(
  projectId: string,
  db: DbContext,
  print: (line: string) => void,
  options: { timeoutMs?: number; pollMs?: number } = {},
): Promise<FollowOutcome> {
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  const shownSteps = new Set<string>();
  const shownAttempts = new Set<string>();
  while (Date.now() < deadline) {
    const steps = await db.client.db
      .select()
      .from(provisioningSteps)
      .where(eq(provisioningSteps.projectId, projectId))
      .orderBy(asc(provisioningSteps.completedAt));
    for (const step of steps) {
      if (step.status === 'completed' && !shownSteps.has(step.step)) {
        shownSteps.add(step.step);
        print(`  ✓ ${step.step.padEnd(9)} ${String(step.durationMs ?? 0).padStart(6)} ms`);
      }
    }
    const attempts = await db.client.db
      .select()
      .from(provisioningAttempts)
      .where(eq(provisioningAttempts.projectId, projectId));
    for (const attempt of attempts) {
      if (attempt.status === 'failed' && !shownAttempts.has(attempt.id)) {
        shownAttempts.add(attempt.id);
        const error = (attempt.error ?? {}) as { step?: string; code?: string; message?: string };
        print(
          `  ✗ attempt ${attempt.attempt} failed at ${error.step ?? '?'}: ${error.code ?? 'UNKNOWN'} ${error.message ?? ''}`,
        );
      }
    }
    const [project] = await db.client.db.select().from(projects).where(eq(projects.id, projectId));
    if (project?.provisioningStatus === 'provisioned') return 'provisioned';
    if (project?.provisioningStatus === 'failed' || project?.provisioningStatus === 'deprovisioned') {
      print(`  project ${project.provisioningStatus}: ${project.provisioningError ?? ''}`);
      return 'failed';
    }
    await sleep(options.pollMs ?? 150);
  }
  return 'timeout';
}
