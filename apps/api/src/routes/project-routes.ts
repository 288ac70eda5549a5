import { createProject } from '@org/db';
import { DeletionProtectedError, ErrorCodes, ProjectNotEligibleError } from '@org/errors';
import {
  deletionRetentionSeconds,
  OperationStore,
  type LifecycleKind,
  type ProvisioningPayloadInput,
} from '@org/operations';
import { ApiProblem } from '../http/api-problem.js';
import { toApiProblem } from '../http/to-api-problem.js';
import { idParams } from '../schemas/common-schemas.js';
import { operationPage, operationQuery } from '../schemas/operation-schemas.js';
import { problems } from '../schemas/problem-responses.js';
import {
  createProjectBody,
  deleteProjectQuery,
  projectOperationSchema,
  projectPage,
  projectQuery,
  projectSchema,
  provisioningResultSchema,
  updateProjectBody,
} from '../schemas/project-schemas.js';
import type { ApiApp } from '../server/api-app.js';
import type { ApiContext } from '../server/api-context.js';
import { answerMutation } from '../server/answer-mutation.js';
import { checkIfMatch } from '../server/etag.js';
import { tokenOf } from '../server/token-of.js';
import { canSeeProject } from '../server/project-access.js';
import { decodeCursor, encodeCursor } from '../server/cursor.js';
import { operationView } from '../views/operation-view.js';
import { listProjects, readProject, sharedProjectReads, type ProjectView } from '../views/project-view.js';
import { createdAnswer, lockProject, projectTag, requestOnProject, type OperationPlan } from './request-on-project.js';

const TAG = ['projects'];

/** What a lifecycle route does when the project is in its state already (its description says it). */
const REPEAT =
  'On a project already in that state nothing is recorded: 200 with the operation that brought it there, or 409 naming the state when none of this API did.';
/** How long a claim's answer can be asked for again with its Idempotency-Key (kept sealed). */
const RESULT_REPLAY_MINUTES = 10;

/**
 * The state a lifecycle operation leads to, for those that lead to one: a repeat on a
 * project already there asks for nothing. (An operation that makes something new each
 * time, such as a password reset, has none: each repeat is asked for.)
 */
const LEADS_TO: Partial<Record<LifecycleKind, ProjectView['status']>> = {
  suspend: 'suspended',
  resume: 'active',
  purge: 'purged',
};

/**
 * Suspend, resume and a password reset need a provisioned project that is not deleted; a
 * recovery a `deleted` one; a purge a `deleted` one, or one whose purge failed (`purging`),
 * without deletion protection. A project already there is `done`.
 */
function lifecyclePlan(kind: 'suspend' | 'resume' | 'reset_password' | 'recover' | 'purge'): OperationPlan {
  return (before, _tx, requestedBy) => {
    if (LEADS_TO[kind] !== undefined && before.status === LEADS_TO[kind]) return 'done';
    const eligible =
      kind === 'recover'
        ? before.status === 'deleted'
        : kind === 'purge'
          ? before.status === 'deleted' || before.status === 'purging'
          : before.provisioning_status === 'provisioned' && before.status !== 'deleted';
    if (!eligible) throw new ProjectNotEligibleError(before.id, before.status);
    if (kind === 'purge' && before.deletion_protection) throw new DeletionProtectedError(before.id);
    return { kind, projectId: before.id, requestedBy };
  };
}

/**
 * A deletion, recoverable for `retentionSeconds`, of a project in any state but deleted
 * (deleted, purging or purged already is `done`), unless it has deletion protection.
 */
function deletePlan(retentionSeconds: number): OperationPlan {
  return (before, _tx, requestedBy) => {
    if (before.status === 'deleted' || before.status === 'purging' || before.status === 'purged') return 'done';
    if (before.deletion_protection) throw new DeletionProtectedError(before.id);
    return { kind: 'delete', projectId: before.id, requestedBy, retentionSeconds };
  };
}

/**
 * A failed project's provisioning, asked for again as it was first asked; for one recorded
 * before requests were kept, the project's own fields and the defaults.
 */
const retryPlan: OperationPlan = async (before, tx, requestedBy) => {
  if (before.status !== 'failed') throw new ProjectNotEligibleError(before.id, before.status);
  const asked = (await OperationStore.lastProvisionRequest(tx, before.id)) as ProvisioningPayloadInput | undefined;
  return {
    kind: 'provision',
    payload: asked ?? {
      project_id: before.id,
      region: before.region as ProvisioningPayloadInput['region'],
      owner_id: before.owner_id,
      organization_id: before.organization_id,
    },
    requestedBy,
  };
};

export function registerProjectRoutes(app: ApiApp, ctx: ApiContext): void {
  const sql = ctx.db.client.sql;
  const lookUpProject = sharedProjectReads(sql, { maxQueuedMs: ctx.requestTimeoutMs });

  app.post('/v1/projects', {
    config: { auth: true },
    schema: {
      operationId: 'createProject',
      summary: 'Create a project and provision it',
      description:
        'Records the project and queues its provisioning, in one transaction. Answers 202 at once with the project and its operation: poll `Operation-Location` until it `succeeded` or `failed`, then claim the one-time result. A name is a label, not a key: an organization may have two projects of one name, each with its own id; send an `Idempotency-Key` so that a retried request makes no second project.',
      tags: TAG,
      body: createProjectBody,
      response: { 202: projectOperationSchema, ...problems({ body: true, also: [422] }) },
    },
    // The body's own rules and the one that depends on the token are refused together.
    attachValidation: true,
    handler: async (request, reply) => {
      const token = tokenOf(request);
      const sent = request.body as unknown;
      const noOrganization =
        token.organizationId === null && (typeof sent !== 'object' || sent === null || !('organization_id' in sent));
      if (request.validationError !== undefined || noOrganization) {
        const invalid = request.validationError === undefined ? undefined : toApiProblem(request.validationError);
        if (invalid !== undefined && invalid.code !== ErrorCodes.VALIDATION_FAILED) throw invalid;
        throw ApiProblem.invalid([
          ...(invalid?.extra.errors ?? []),
          ...(noOrganization
            ? [{ path: 'body.organization_id', message: 'required for a token of every organization' }]
            : []),
        ]);
      }
      const body = request.body;
      const organizationId = body.organization_id ?? token.organizationId!;
      // Another organization's name is one this token cannot know of.
      if (token.organizationId !== null && organizationId !== token.organizationId)
        throw ApiProblem.notFound('organization');
      return answerMutation(ctx, request, reply, async (tx) => {
        const { id } = await createProject(
          { name: body.name, region: body.region, ownerId: body.owner_id, organizationId },
          tx,
        );
        const operationId = await ctx.operations.request(tx, {
          kind: 'provision',
          payload: {
            project_id: id,
            region: body.region,
            services: body.services,
            api_keys: body.api_keys,
            owner_id: body.owner_id,
            organization_id: organizationId,
          },
          requestedBy: token.id,
        });
        return createdAnswer(tx, token, id, operationId);
      });
    },
  });

  app.get('/v1/projects', {
    config: { auth: true },
    schema: {
      operationId: 'listProjects',
      summary: 'List projects',
      description: 'Newest first, a page at a time (`next_cursor`). A token of one organization lists only its own.',
      tags: TAG,
      querystring: projectQuery,
      response: { 200: projectPage, ...problems() },
    },
    handler: async (request) => {
      const token = tokenOf(request);
      const query = request.query;
      if (
        token.organizationId !== null &&
        query.organization_id !== undefined &&
        query.organization_id !== token.organizationId
      ) {
        return { data: [], next_cursor: null };
      }
      // `state` is `status`'s other name: both given, both must hold.
      if (query.state !== undefined && query.status !== undefined && query.state !== query.status) {
        return { data: [], next_cursor: null };
      }
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, 'time-id');
      const page = await listProjects(sql, {
        organizationId: token.organizationId ?? query.organization_id ?? null,
        state: query.state ?? query.status,
        region: query.region,
        cluster: query.cluster,
        search: query.q,
        failedCode: query.failed_code,
        limit: query.limit,
        after: after === undefined ? undefined : { createdAt: after[0], id: after[1] },
      });
      return {
        data: page.projects,
        next_cursor: page.next === undefined ? null : encodeCursor([page.next.createdAt, page.next.id]),
      };
    },
  });

  app.get('/v1/projects/:id', {
    config: { auth: true },
    schema: {
      operationId: 'getProject',
      summary: 'Get a project',
      description:
        'Its state, region and cluster, and its resources (never a secret). `ETag` is its version, for `If-Match`.',
      tags: TAG,
      params: idParams,
      response: { 200: projectSchema, ...problems() },
    },
    handler: async (request, reply) => {
      const project = await lookUpProject(request.params.id, tokenOf(request).organizationId);
      if (project === undefined) throw ApiProblem.notFound('project');
      void reply.header('etag', projectTag(project));
      return project;
    },
  });

  app.get('/v1/projects/:id/operations', {
    config: { auth: true },
    schema: {
      operationId: 'listProjectOperations',
      summary: 'List a project’s operations',
      description: 'Newest first: provisioning, suspensions, resumptions, deletion, each with its runs and steps.',
      tags: TAG,
      params: idParams,
      querystring: operationQuery,
      response: { 200: operationPage, ...problems() },
    },
    handler: async (request) => {
      if (!(await canSeeProject(sql, tokenOf(request), request.params.id))) throw ApiProblem.notFound('project');
      const after = request.query.cursor === undefined ? undefined : decodeCursor(request.query.cursor, 'id')[0];
      const operations = await ctx.operations.store.list(request.params.id, {
        limit: request.query.limit + 1,
        after,
      });
      const page = operations.slice(0, request.query.limit);
      const names = await ctx.tokens.namesOf(page.map((operation) => operation.requestedBy));
      return {
        data: page.map((operation) => operationView(operation, names)),
        next_cursor: operations.length > page.length ? encodeCursor([page.at(-1)!.id, '']) : null,
      };
    },
  });

  app.post('/v1/projects/:id/one-time-result/claim', {
    config: { auth: true },
    schema: {
      operationId: 'claimOneTimeResult',
      summary: 'Claim a project’s one-time result',
      description:
        'The secrets of the project’s latest provisioning or password reset (database password and connection string; after a provisioning, the plaintext API keys too), exactly once: the first claim deletes them, a later one is 410. Send an `Idempotency-Key`: a client whose answer was lost asks again with the same key and gets the same answer, for ' +
        `${RESULT_REPLAY_MINUTES} minutes (kept sealed in the meantime, then gone). 409 while the project is still being provisioned (see Retry-After). Never cached.`,
      tags: TAG,
      params: idParams,
      response: { 200: provisioningResultSchema, ...problems({ body: true, also: [409, 410, 422] }) },
    },
    handler: async (request, reply) => {
      const organizationId = tokenOf(request).organizationId;
      const id = request.params.id;
      void reply.header('cache-control', 'no-store');
      return answerMutation(
        ctx,
        request,
        reply,
        async (tx) => {
          const project = await readProject(tx, id, organizationId);
          if (project === undefined) throw ApiProblem.notFound('project');
          if (project.status === 'pending' || project.status === 'provisioning') {
            throw new ApiProblem(
              409,
              ErrorCodes.RESULT_NOT_READY,
              'Not provisioned yet',
              'Poll the operation, then claim',
              { headers: { 'retry-after': '1' } },
            );
          }
          if (project.provisioning_status !== 'provisioned') {
            throw new ApiProblem(
              409,
              ErrorCodes.PROJECT_NOT_ELIGIBLE,
              'No result',
              `The project is ${project.status}: it has no result`,
            );
          }
          // In the answer's transaction: the result is gone only if the answer (kept, sealed,
          // for a repeat with the same key) is committed with it.
          const result = await ctx.operations.results.claim(project.id, tx);
          if (result === undefined) {
            throw new ApiProblem(
              410,
              ErrorCodes.RESULT_CLAIMED,
              'Already claimed',
              'The one-time result was claimed already, or expired unclaimed',
            );
          }
          return {
            status: 200,
            headers: { 'cache-control': 'no-store' },
            body: {
              project_id: project.id,
              database: result.database,
              services: result.services,
              api_keys: result.api_keys,
            },
          };
        },
        { keepMinutes: RESULT_REPLAY_MINUTES },
      );
    },
  });

  for (const kind of ['suspend', 'resume'] as const) {
    app.post(`/v1/projects/:id/${kind}`, {
      config: { auth: true },
      schema: {
        operationId: `${kind}Project`,
        summary: kind === 'suspend' ? 'Suspend a project' : 'Resume a suspended project',
        description:
          kind === 'suspend'
            ? `Queues an operation that refuses the tenant role’s login (ending its sessions) and makes every key of the project verify as \`suspended\`. ${REPEAT}`
            : `Queues an operation that gives the tenant role its login back and the keys their state. ${REPEAT}`,
        tags: TAG,
        params: idParams,
        response: {
          200: projectOperationSchema,
          202: projectOperationSchema,
          ...problems({ body: true, also: [409, 412, 422] }),
        },
      },
      handler: (request, reply) => requestOnProject(ctx, kind, request.params.id, request, reply, lifecyclePlan(kind)),
    });
  }

  app.post('/v1/projects/:id/reset-password', {
    config: { auth: true },
    schema: {
      operationId: 'resetProjectPassword',
      summary: 'Reset the tenant role’s password',
      description:
        'Queues an operation that gives the project’s database role a new password (sessions already open stay open). When it succeeds, the new credentials are the project’s one-time result: claim them once with `POST /v1/projects/{id}/one-time-result/claim`. For a provisioned project, active or suspended.',
      tags: TAG,
      params: idParams,
      response: { 202: projectOperationSchema, ...problems({ body: true, also: [409, 412, 422] }) },
    },
    handler: (request, reply) =>
      requestOnProject(ctx, 'reset_password', request.params.id, request, reply, lifecyclePlan('reset_password')),
  });

  app.post('/v1/projects/:id/retry', {
    config: { auth: true },
    schema: {
      operationId: 'retryProvisioning',
      summary: 'Retry a failed provisioning',
      description:
        'Queues a new provisioning of a project whose provisioning failed (`failed`), as it was first asked for: region, services, keys. Its new one-time result is claimed as the first would have been. 409 in any other state.',
      tags: TAG,
      params: idParams,
      response: { 202: projectOperationSchema, ...problems({ body: true, also: [409, 412, 422] }) },
    },
    handler: (request, reply) => requestOnProject(ctx, 'retry', request.params.id, request, reply, retryPlan),
  });

  app.delete('/v1/projects/:id', {
    config: { auth: true },
    schema: {
      operationId: 'deleteProject',
      summary: 'Delete a project, recoverably; or purge a deleted one',
      description: `Queues its deletion: the project ends \`deleted\`, and stays recoverable (\`POST /v1/projects/{id}/recover\`) until its \`purge_at\`, \`retention\` from now (7 days by default). Meanwhile its keys verify as \`deleted\`, its services are disabled, its database role cannot log in (its sessions are ended) and its database is kept untouched. At \`purge_at\` a worker purges it: keys revoked, services disabled, database and role dropped, for good (\`purged\`). With \`purge=true\`, a project that is \`deleted\` already is purged now. Both are refused (409 \`DELETION_PROTECTED\`) while the project has \`deletion_protection\`. ${REPEAT}`,
      tags: TAG,
      params: idParams,
      querystring: deleteProjectQuery,
      response: {
        200: projectOperationSchema,
        202: projectOperationSchema,
        ...problems({ body: true, also: [409, 412, 422] }),
      },
    },
    handler: (request, reply) => {
      const { purge, retention } = request.query;
      if (purge === true) {
        if (retention !== undefined) {
          throw ApiProblem.invalid([{ path: 'querystring.retention', message: 'not with purge=true' }]);
        }
        return requestOnProject(ctx, 'purge', request.params.id, request, reply, lifecyclePlan('purge'));
      }
      let seconds: number;
      try {
        seconds = deletionRetentionSeconds(ctx.deletionRetentionSeconds, retention);
      } catch (error) {
        throw ApiProblem.invalid([{ path: 'querystring.retention', message: (error as Error).message }]);
      }
      return requestOnProject(ctx, 'delete', request.params.id, request, reply, deletePlan(seconds));
    },
  });

  app.post('/v1/projects/:id/recover', {
    config: { auth: true },
    schema: {
      operationId: 'recoverProject',
      summary: 'Recover a deleted project',
      description:
        'Queues its recovery: a `deleted` project comes back exactly as it was before its deletion (`active`, or `suspended` if it was), with its database as it was, its role’s login, its keys and its services. Possible until its purge begins (`purge_at`); 409 for a project in any other state.',
      tags: TAG,
      params: idParams,
      response: { 202: projectOperationSchema, ...problems({ body: true, also: [409, 412, 422] }) },
    },
    handler: (request, reply) =>
      requestOnProject(ctx, 'recover', request.params.id, request, reply, lifecyclePlan('recover')),
  });

  app.patch('/v1/projects/:id', {
    config: { auth: true },
    schema: {
      operationId: 'updateProject',
      summary: 'Change a project’s settings',
      description:
        'Sets `deletion_protection`: while it is true, `DELETE` (and a purge, whoever asks, the end of a retention included) is refused with 409 `DELETION_PROTECTED`. Sets its snapshots’ retention: `snapshot_retention_days` and `snapshot_retention_count` (applied when it next takes a snapshot). Send `If-Match` with the `ETag` you read to change only the version you saw (412 otherwise). 409 for turning protection on for a project that is deleted already.',
      tags: TAG,
      params: idParams,
      body: updateProjectBody,
      response: { 200: projectSchema, ...problems({ body: true, also: [409, 412, 422] }) },
    },
    handler: async (request, reply) => {
      const token = tokenOf(request);
      const projectId = request.params.id;
      const {
        deletion_protection: protection,
        snapshot_retention_days: days,
        snapshot_retention_count: count,
      } = request.body;
      return answerMutation(ctx, request, reply, async (tx) => {
        const before = await lockProject(tx, token, projectId);
        checkIfMatch(request, projectTag(before));
        const gone = before.status === 'deleted' || before.status === 'purging' || before.status === 'purged';
        if (protection === true && gone) throw new ProjectNotEligibleError(projectId, before.status);
        const changed =
          (protection !== undefined && protection !== before.deletion_protection) ||
          (days !== undefined && days !== before.snapshot_retention_days) ||
          (count !== undefined && count !== before.snapshot_retention_count);
        if (changed) {
          // Each omitted field keeps its value (an explicit null count clears it).
          await tx`
            update control_plane.projects set
              deletion_protection = ${protection ?? before.deletion_protection},
              snapshot_retention_days = ${days ?? before.snapshot_retention_days},
              snapshot_retention_count = ${count === undefined ? before.snapshot_retention_count : count},
              updated_at = now()
            where id = ${projectId}::uuid`;
        }
        const project = (await readProject(tx, projectId, null))!;
        return { status: 200, headers: { etag: projectTag(project) }, body: project };
      });
    },
  });
}
