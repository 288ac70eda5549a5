import { resumeApiKeys, suspendApiKeys } from '@org/api-keys';
import { findTenantDatabaseRecord, resetTenantPassword, setTenantLogin, tenantDatabaseName } from '@org/db';
import { ProjectNotEligibleError } from '@org/errors';
import type { LifecycleKind } from '@org/operations';
import { PROVISIONING } from '../provisioning/provisioning-steps.js';
import type { RetryPolicyName } from '../provisioning/retry-policies.js';
import { StepTable, type AnyStep, type Step, type StepOutput } from '../provisioning/step.js';
import type { WorkerContext } from '../provisioning/worker-context.js';

/** A lifecycle job's data: which operation, of which project. No secret. */
export interface LifecyclePayload {
  operation_id: string;
  project_id: string;
  kind: LifecycleKind;
}

/** A lifecycle operation's steps: they read no earlier outputs and keep none. */
export type LifecycleTable = StepTable<Record<string, StepOutput>, LifecyclePayload>;

/** The project as a run finds it, under its lock (null: no such project). */
export interface ProjectAtStart {
  status: string | null;
  provisioningStatus: string | null;
}

/** One lifecycle operation: what it does, and when a project may have it. */
export interface LifecycleOperation {
  table: LifecycleTable;
  /** Why the project may not have this operation now, or undefined. Checked before any step runs. */
  refuse: (project: ProjectAtStart, projectId: string) => Error | undefined;
}

type Action = (projectId: string, ctx: WorkerContext) => Promise<unknown>;

/** A step that does `action` to the project (and `undo` puts it back), with nothing to pass on. */
function step<Name extends string>(
  name: Name,
  retry: RetryPolicyName,
  action: Action,
  undo?: Action,
): Step<Name, Record<string, StepOutput>, Record<string, never>, LifecyclePayload> {
  return {
    name,
    retry,
    run: async ({ payload, ctx }) => {
      await action(payload.project_id, ctx);
      return {};
    },
    ...(undo === undefined ? {} : { undo: async (projectId, ctx) => ((await undo(projectId, ctx)) === false ? 0 : 1) }),
  };
}

const keys =
  (action: 'suspend' | 'resume'): Action =>
  (projectId, ctx) =>
    action === 'suspend' ? suspendApiKeys(projectId, ctx.db) : resumeApiKeys(projectId, ctx.db);
const login =
  (action: 'suspend' | 'resume'): Action =>
  (projectId, ctx) =>
    setTenantLogin(tenantDatabaseName(projectId), action, ctx.db);

/**
 * A new password for the tenant role, kept as the project's one-time result (replacing one
 * not claimed yet, whose password no longer works): claimed once, like a provisioning's.
 */
async function resetPassword(projectId: string, ctx: WorkerContext): Promise<void> {
  const credentials = await resetTenantPassword(tenantDatabaseName(projectId), ctx.db);
  const record = await findTenantDatabaseRecord(credentials.databaseName, ctx.db);
  await ctx.journal.results.replace(projectId, {
    database: {
      name: credentials.databaseName,
      host: credentials.host,
      port: credentials.port,
      user: credentials.user,
      password: credentials.password,
      connection_string: credentials.connectionString,
      region: record?.metadata.region ?? '',
      cluster: credentials.cluster,
    },
    services: {},
    api_keys: [],
    metadata: {
      project_id: projectId,
      region: record?.metadata.region ?? '',
      provisioned_at: new Date().toISOString(),
      attempt: 1,
      duration_ms: 0,
      steps: ['password'],
    },
  });
}

/** Suspend, resume and reset the password of a provisioned project only. */
function provisionedOnly(project: ProjectAtStart, projectId: string): Error | undefined {
  if (project.status === null) return new ProjectNotEligibleError(projectId, 'missing');
  if (project.status === 'deleted') return new ProjectNotEligibleError(projectId, 'deleted');
  if (project.provisioningStatus !== 'provisioned')
    return new ProjectNotEligibleError(projectId, project.provisioningStatus ?? 'unknown');
  return undefined;
}

/** Every provisioning step's undo as a step of its own, last step first: what a deletion does. */
function undoProvisioning(table: LifecycleTable): LifecycleTable {
  const steps: AnyStep[] = [...PROVISIONING.steps].reverse();
  return steps.reduce(
    (built, provisioning) =>
      provisioning.undo === undefined
        ? built
        : built.then(step(provisioning.name, provisioning.retry, provisioning.undo)),
    table,
  );
}

/**
 * What each lifecycle operation does, in order, run by the same runner (`runSteps`) as a
 * provisioning. Suspending takes the keys first (a request with a key is refused from the
 * first step on), then the tenant role's login; resuming gives them back the other way
 * round. Deleting is every provisioning step's undo, last step first (what a final
 * failure's compensation does), then lifts a suspension the project may have had (its keys
 * are revoked by then); it is never refused. Resetting the password is one step, safe to
 * repeat (each run makes a new password and keeps the last one made).
 */
export const LIFECYCLE: Record<LifecycleKind, LifecycleOperation> = {
  suspend: {
    table: StepTable.start<LifecyclePayload>()
      .then(step('api_keys', 'apiKeys', keys('suspend'), keys('resume')))
      .then(step('database', 'tenantDatabase', login('suspend'), login('resume'))),
    refuse: provisionedOnly,
  },
  resume: {
    table: StepTable.start<LifecyclePayload>()
      .then(step('database', 'tenantDatabase', login('resume'), login('suspend')))
      .then(step('api_keys', 'apiKeys', keys('resume'), keys('suspend'))),
    refuse: provisionedOnly,
  },
  delete: {
    table: undoProvisioning(StepTable.start<LifecyclePayload>()).then(step('suspension', 'apiKeys', keys('resume'))),
    refuse: () => undefined,
  },
  reset_password: {
    table: StepTable.start<LifecyclePayload>().then(step('password', 'tenantDatabase', resetPassword)),
    refuse: provisionedOnly,
  },
};

/** The lifecycle operations (every kind but provisioning), read from {@link LIFECYCLE}, which must name each. */
export const LIFECYCLE_KINDS = Object.keys(LIFECYCLE) as [LifecycleKind, ...LifecycleKind[]];
