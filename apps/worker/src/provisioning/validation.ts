import { countActiveKeys } from '@org/api-keys';
import { ProjectNotEligibleError, ProjectNotFoundError, QuotaExceededError, ValidationError } from '@org/errors';
import {
  getProject,
  isRegionAvailable as isRegionAvailableInDb,
  isUuid,
  listProjectResources,
  type DbContext,
  type Project,
} from '@org/db';
import { PROVISIONABLE_STATUSES } from '@org/operations';
import { PROVISIONING_QUOTAS, type QuotaType } from './provisioning-quotas.js';

/**
 * The contract's eligibility check: the project exists (else `ProjectNotFoundError`), is not
 * suspended or deleted, and is not provisioned (or being torn down) already (else
 * `ProjectNotEligibleError` with the status). A failed provisioning may be retried. A run
 * checks the same rule inside the journal's first statement.
 */
export async function verifyProjectExists(projectId: string, ctx: DbContext): Promise<Project> {
  if (!isUuid(projectId)) throw new ValidationError([{ path: 'project_id', message: 'must be a UUID' }]);
  const project = await getProject(projectId.toLowerCase(), ctx);
  if (project === undefined) throw new ProjectNotFoundError(projectId);
  if (project.status !== 'active') throw new ProjectNotEligibleError(projectId, project.status);
  if (!(PROVISIONABLE_STATUSES as readonly string[]).includes(project.provisioningStatus)) {
    throw new ProjectNotEligibleError(projectId, project.provisioningStatus);
  }
  return project;
}

/**
 * The contract's quota check (databases 1, api_keys 10, services 3): throws a
 * {@link QuotaExceededError} when `requested` more would not fit. Returns what is left.
 * `replacing`: how many of those in use this request remakes or reuses (an earlier try of
 * the same provisioning made them), which must not count twice.
 */
export async function checkQuotaLimit(
  projectId: string,
  quotaType: QuotaType,
  requested: number,
  ctx: DbContext,
  options: { replacing?: number } = {},
): Promise<{ limit: number; current: number; remaining: number }> {
  const limit = PROVISIONING_QUOTAS[quotaType];
  const inUse =
    quotaType === 'api_keys'
      ? await countActiveKeys(projectId, ctx)
      : (await listProjectResources(projectId, quotaType, ctx)).length;
  const current = inUse - Math.min(inUse, options.replacing ?? 0);
  if (current + requested > limit) {
    throw new QuotaExceededError(quotaType, limit, current, { requested, context: { projectId } });
  }
  return { limit, current, remaining: limit - current };
}

/** The contract's region check: one of the four regions, with a reachable cluster. */
export function isRegionAvailable(region: string, ctx: DbContext): Promise<boolean> {
  return isRegionAvailableInDb(region, ctx);
}
