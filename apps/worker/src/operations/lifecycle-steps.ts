import { resumeApiKeys, setApiKeysDeleted, suspendApiKeys } from '@org/api-keys';
import {
  findTenantDatabaseRecord,
  resetTenantPassword,
  RESTORE_CHECKPOINTS,
  setTenantLogin,
  SNAPSHOT_CHECKPOINTS,
  tenantDatabaseName,
} from '@org/db';
import { DeletionProtectedError, ProjectNotEligibleError } from '@org/errors';
import { disableService, getProjectServices, registerService, type RegisterServiceParams } from '@org/services';
import type { LifecycleKind } from '@org/operations';
import { PROVISIONING } from '../provisioning/provisioning-steps.js';
import type { RetryPolicyName } from '../provisioning/retry-policies.js';
import { StepTable, type AnyStep, type Step, type StepOutput } from '../provisioning/step.js';
import type { WorkerContext } from '../provisioning/worker-context.js';
import { deleteSnapshot, dropTakenSnapshot, restoreSnapshot, takeSnapshot } from './snapshot-steps.js';

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
  deletionProtection: boolean;
}

/** One lifecycle operation: what it does, and when a project may have it. */
export interface LifecycleOperation {
  table: LifecycleTable;
  /** Why the project may not have this operation now, or undefined. Checked before any step runs. */
  refuse: (project: ProjectAtStart, projectId: string) => Error | undefined;
}

/** `checkpoint`: the step's, for an action that passes named points inside it (see {@link step}). */
type Action = (projectId: string, ctx: WorkerContext, checkpoint?: (name: string) => Promise<void>) => Promise<unknown>;

/**
 * A step that does `action` to the project (and `undo` puts it back), with nothing to pass
 * on; `checkpoints`: the named points `action` passes (a copy's, so that a fault test can
 * stop the process inside it).
 */
function step<Name extends string>(
  name: Name,
  retry: RetryPolicyName,
  action: Action,
  undo?: Action,
  checkpoints?: readonly string[],
): Step<Name, Record<string, StepOutput>, Record<string, never>, LifecyclePayload> {
  return {
    name,
    retry,
    ...(checkpoints === undefined ? {} : { checkpoints }),
    run: async ({ payload, ctx, checkpoint }) => {
      await action(payload.project_id, ctx, checkpoint);
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

/** A deleted project's keys verify as `deleted` (`hold`), or as they did before (`lift`). */
const deletedKeys =
  (action: 'hold' | 'lift'): Action =>
  (projectId, ctx) =>
    setApiKeysDeleted(projectId, action === 'hold', ctx.db);

/**
 * Gives the tenant role its login back if the project had it before its deletion: a project
 * deleted while suspended is recovered suspended. Read from the project, whose status a
 * deletion or a recovery changes only when it succeeds: before a deletion's end it is the
 * status itself, after it the status the deletion kept.
 */
async function loginAsBeforeDeletion(projectId: string, ctx: WorkerContext): Promise<boolean> {
  const [project] = await ctx.db.client.sql<{ before: string }[]>`
    select coalesce(status_before_delete, status) as before from control_plane.projects where id = ${projectId}`;
  if (project?.before !== 'active') return false;
  return setTenantLogin(tenantDatabaseName(projectId), 'resume', ctx.db);
}

/** Tells every service the project is registered with to disable it (a deletion's services step). */
async function disableServices(projectId: string, ctx: WorkerContext): Promise<number> {
  let disabled = 0;
  for (const row of await getProjectServices(projectId, ctx.services)) {
    if (row.status === 'active' && (await disableService(projectId, row.serviceType, {}, ctx.services))) disabled++;
  }
  return disabled;
}

/**
 * Registers the project again with every service a deletion disabled, with the configuration
 * it had (a recovery's services step; registering is idempotent). A project is never left
 * with a disabled service otherwise: a purge drops the rows' project, a failed provisioning
 * undoes them before it ends.
 */
async function enableServices(projectId: string, ctx: WorkerContext): Promise<number> {
  const [project] = await ctx.db.client.sql<{ region: string }[]>`
    select region from control_plane.projects where id = ${projectId}`;
  if (project === undefined) return 0;
  let enabled = 0;
  for (const row of await getProjectServices(projectId, ctx.services)) {
    if (row.status !== 'disabled') continue;
    // The configuration was validated as JSON when it was first registered.
    const config = row.config as RegisterServiceParams['config'];
    await registerService(row.serviceType, { projectId, region: project.region, config }, {}, ctx.services);
    enabled++;
  }
  return enabled;
}

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

/** Suspend, resume, reset the password of, snapshot and restore a provisioned project only, not a deleted one. */
function provisionedOnly(project: ProjectAtStart, projectId: string): Error | undefined {
  if (project.status === null) return new ProjectNotEligibleError(projectId, 'missing');
  if (project.status === 'deleted') return new ProjectNotEligibleError(projectId, 'deleted');
  if (project.provisioningStatus !== 'provisioned')
    return new ProjectNotEligibleError(projectId, project.provisioningStatus ?? 'unknown');
  return undefined;
}

/** Dropping a snapshot: any project whose snapshots a purge has not begun to drop. */
function notPurged(project: ProjectAtStart, projectId: string): Error | undefined {
  if (project.status === null) return new ProjectNotEligibleError(projectId, 'missing');
  if (project.provisioningStatus === 'deprovisioning' || project.provisioningStatus === 'deprovisioned')
    return new ProjectNotEligibleError(projectId, 'purged');
  return undefined;
}

/**
 * A deletion needs a project not deleted yet (the API answers a repeat with the deletion that
 * made it so) and without deletion protection; any provisioning state will do, one that failed
 * or never ran included (what it lacks, its steps skip).
 */
function deletable(project: ProjectAtStart, projectId: string): Error | undefined {
  if (project.status === null) return new ProjectNotEligibleError(projectId, 'missing');
  if (project.provisioningStatus === 'deprovisioning' || project.provisioningStatus === 'deprovisioned')
    return new ProjectNotEligibleError(projectId, 'purged');
  if (project.status === 'deleted') return new ProjectNotEligibleError(projectId, 'deleted');
  if (project.deletionProtection) return new DeletionProtectedError(projectId);
  return undefined;
}

/** A recovery or a purge needs a deleted project that no purge has begun on (a purge that failed may be run again). */
function deletedOnly(kind: 'recover' | 'purge') {
  return (project: ProjectAtStart, projectId: string): Error | undefined => {
    if (project.status === null) return new ProjectNotEligibleError(projectId, 'missing');
    const purging = project.provisioningStatus === 'deprovisioning';
    if (project.provisioningStatus === 'deprovisioned') return new ProjectNotEligibleError(projectId, 'purged');
    if (kind === 'recover' && purging) return new ProjectNotEligibleError(projectId, 'purging');
    if (project.status !== 'deleted' && !purging) return new ProjectNotEligibleError(projectId, project.status);
    if (kind === 'purge' && project.deletionProtection) return new DeletionProtectedError(projectId);
    return undefined;
  };
}

/** Every provisioning step's undo as a step of its own, last step first: what a purge does. */
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
 * round. Deleting switches the project off the same way and keeps everything: keys held as
 * `deleted`, services disabled, the login refused, the database untouched; recovering gives
 * each back as it was before the deletion. Purging is every provisioning step's undo, last
 * step first (what a final failure's compensation does), then lifts the holds on the keys
 * (revoked by then). Resetting the password is one step, safe to repeat (each run makes a
 * new password and keeps the last one made). Taking, restoring and deleting a snapshot are
 * one step each (`snapshot-steps.ts`); a snapshot that fails for good is dropped.
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
    table: StepTable.start<LifecyclePayload>()
      .then(step('api_keys', 'apiKeys', deletedKeys('hold'), deletedKeys('lift')))
      .then(step('services', 'services', disableServices, enableServices))
      .then(step('database', 'tenantDatabase', login('suspend'), loginAsBeforeDeletion)),
    refuse: deletable,
  },
  recover: {
    table: StepTable.start<LifecyclePayload>()
      .then(step('database', 'tenantDatabase', loginAsBeforeDeletion, login('suspend')))
      .then(step('services', 'services', enableServices, disableServices))
      .then(step('api_keys', 'apiKeys', deletedKeys('lift'), deletedKeys('hold'))),
    refuse: deletedOnly('recover'),
  },
  purge: {
    table: undoProvisioning(StepTable.start<LifecyclePayload>()).then(
      step('holds', 'apiKeys', async (projectId, ctx) => {
        await deletedKeys('lift')(projectId, ctx);
        await keys('resume')(projectId, ctx);
      }),
    ),
    refuse: deletedOnly('purge'),
  },
  reset_password: {
    table: StepTable.start<LifecyclePayload>().then(step('password', 'tenantDatabase', resetPassword)),
    refuse: provisionedOnly,
  },
  snapshot: {
    table: StepTable.start<LifecyclePayload>().then(
      step('snapshot', 'tenantDatabase', takeSnapshot, dropTakenSnapshot, SNAPSHOT_CHECKPOINTS),
    ),
    refuse: provisionedOnly,
  },
  restore: {
    table: StepTable.start<LifecyclePayload>().then(
      step('restore', 'tenantDatabase', restoreSnapshot, undefined, RESTORE_CHECKPOINTS),
    ),
    refuse: provisionedOnly,
  },
  delete_snapshot: {
    table: StepTable.start<LifecyclePayload>().then(step('snapshot', 'tenantDatabase', deleteSnapshot)),
    refuse: notPurged,
  },
};

/** The lifecycle operations (every kind but provisioning), read from {@link LIFECYCLE}, which must name each. */
export const LIFECYCLE_KINDS = Object.keys(LIFECYCLE) as [LifecycleKind, ...LifecycleKind[]];
