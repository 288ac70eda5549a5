import { setTimeout as sleep } from 'node:timers/promises';
import type { ProvisioningJournal } from '../journal/index.js';
import { PROVISIONING_STEPS } from '../provisioning/provisioning-steps.js';

/** How a followed provisioning ended. */
export type FollowOutcome = 'provisioned' | 'failed' | 'timeout';

/**
 * Prints each step of a project's provisioning as it completes (in the table's order), and
 * each failed attempt, until the project is provisioned or has failed for good. Reads only
 * the journal, so it works from any process against a running worker.
 */
export async function followProvisioning(
  projectId: string,
  journal: ProvisioningJournal,
  print: (line: string) => void,
  options: {
    timeoutMs?: number;
    pollMs?: number;
    /** Waits between reads (default: sleeps `ms`); one that wakes when the operation ends ends the follow at once. */
    pause?: (ms: number) => Promise<void>;
  } = {},
): Promise<FollowOutcome> {
  const deadline = Date.now() + (options.timeoutMs ?? 10 * 60_000);
  const shownSteps = new Set<string>();
  const shownAttempts = new Set<string>();
  while (Date.now() < deadline) {
    const report = await journal.readStatus(projectId);
    const provisioned = report?.project.provisioningStatus === 'provisioned';
    for (const name of PROVISIONING_STEPS) {
      const step = report?.steps.find((candidate) => candidate.step === name);
      if (step?.status !== 'completed' || shownSteps.has(name)) continue;
      shownSteps.add(name);
      print(`  ✓ ${name.padEnd(9)} ${String(step.durationMs ?? 0).padStart(6)} ms`);
    }
    for (const attempt of report?.attempts ?? []) {
      if (attempt.status !== 'failed' || shownAttempts.has(attempt.id)) continue;
      shownAttempts.add(attempt.id);
      const error = attempt.error;
      print(
        `  ✗ attempt ${attempt.attempt} failed at ${error?.step ?? '?'}: ${error?.code ?? 'UNKNOWN'} ${error?.message ?? ''}`,
      );
    }
    if (provisioned) return 'provisioned';
    const status = report?.project.provisioningStatus;
    if (status === 'failed' || status === 'deprovisioned') {
      print(`  project ${status}${report?.project.error ? `: ${report.project.error}` : ''}`);
      return 'failed';
    }
    await (options.pause ?? sleep)(options.pollMs ?? 150);
  }
  return 'timeout';
}
