import { ErrorCodes } from '@org/errors';
import { OperationStore, type LifecycleKind, type OperationRequest } from '@org/operations';
import type { TransactionSql } from 'postgres';
import { ApiProblem } from '../http/api-problem.js';
import type { ApiContext } from '../server/api-context.js';
import { answerMutation } from '../server/answer-mutation.js';
import { checkIfMatch, etag } from '../server/etag.js';
import { tokenOf } from '../server/token-of.js';
import { operationView } from '../views/operation-view.js';
import { readProject, type ProjectView } from '../views/project-view.js';

/** The project's version, for `ETag` and `If-Match`. */
export function projectTag(project: Pick<ProjectView, 'updated_at' | 'status' | 'provisioning_status'>): string {
  return etag(project.updated_at, project.status, project.provisioning_status);
}

/** Where to poll an operation, and how soon. */
function operationHeaders(projectId: string, operationId: string): Record<string, string> {
  return {
    location: `/v1/projects/${projectId}`,
    'operation-location': `/v1/operations/${operationId}`,
    'retry-after': '1',
  };
}

/**
 * The operation a route asks of a project in its current state (`before`), a refusal, or
 * `done`: the project is in the state the operation leads to already, and nothing is asked.
 */
export type OperationPlan = (
  before: ProjectView,
  tx: TransactionSql,
  requestedBy: string,
) => OperationRequest | 'done' | Promise<OperationRequest | 'done'>;

/**
 * The project, locked in `tx` (`mode`: against every change, or only against another change
 * of its state) and read as the API shows it, when `token` may see it; else a 404. What every
 * route that changes a project, or starts from one, does first.
 */
export async function lockProject(
  tx: TransactionSql,
  token: Pick<ReturnType<typeof tokenOf>, 'organizationId'>,
  projectId: string,
  mode: 'update' | 'share' = 'update',
): Promise<ProjectView> {
  const [row] = await tx<{ organization_id: string }[]>`
    select organization_id from control_plane.projects where id = ${projectId}::uuid
    ${mode === 'update' ? tx`for update` : tx`for share`}`;
  if (row === undefined || (token.organizationId !== null && row.organization_id !== token.organizationId)) {
    throw ApiProblem.notFound('project');
  }
  return (await readProject(tx, projectId, null))!;
}

/**
 * The answer to a request that made project `id` and its provisioning `operationId` (a new
 * project, a branch): 202 with both, where to poll, and the project's version.
 */
export async function createdAnswer(
  tx: TransactionSql,
  token: { id: string; name: string },
  id: string,
  operationId: string,
) {
  const project = (await readProject(tx, id, null))!;
  const operation = (await OperationStore.readWith(tx, operationId))!;
  return {
    status: 202,
    headers: { ...operationHeaders(id, operationId), etag: projectTag(project) },
    body: { project, operation: operationView(operation, new Map([[token.id, token.name]])) },
  };
}

/**
 * Records the operation `plan` asks for, on the project locked at the version the caller saw
 * (`If-Match`), in the answer's transaction: 202 with the project and the operation (and
 * `extra`, such as the id of the snapshot it makes), or 200 with the operation that made it
 * so already when the plan says `done`.
 */
export async function requestOnProject(
  ctx: ApiContext,
  route: LifecycleKind | 'retry',
  projectId: string,
  request: Parameters<typeof tokenOf>[0],
  reply: Parameters<typeof answerMutation>[2],
  plan: OperationPlan,
  extra: Record<string, unknown> = {},
) {
  const token = tokenOf(request);
  return answerMutation(ctx, request, reply, async (tx) => {
    // The project's row, locked: its version and state cannot change before the commit.
    const before = await lockProject(tx, token, projectId);
    checkIfMatch(request, projectTag(before));
    const planned = await plan(before, tx, token.id);
    if (planned === 'done') {
      // Already so: the operation that made it so, and nothing new recorded.
      const kind = route as LifecycleKind;
      const done = await OperationStore.lastSucceeded(tx, projectId, kind);
      if (done === undefined) {
        throw new ApiProblem(
          409,
          ErrorCodes.PROJECT_NOT_ELIGIBLE,
          'Nothing to do',
          `The project is ${before.status} already, and no ${kind} operation of this API made it so`,
        );
      }
      const { 'retry-after': _wait, ...headers } = operationHeaders(projectId, done.id);
      return {
        status: 200,
        headers: { ...headers, etag: projectTag(before) },
        body: { project: before, operation: operationView(done, await ctx.tokens.namesOf([done.requestedBy])) },
      };
    }
    const operationId = await ctx.operations.request(tx, planned);
    const operation = (await OperationStore.readWith(tx, operationId))!;
    return {
      status: 202,
      headers: { ...operationHeaders(projectId, operationId), etag: projectTag(before) },
      body: {
        project: before,
        operation: operationView(operation, new Map([[token.id, token.name]])),
        ...extra,
      },
    };
  });
}
