import { randomUUID } from 'node:crypto';
import {
  branchName,
  createProject,
  findProjectSnapshot,
  listTenantSnapshots,
  snapshotIdOfName,
  tenantDatabaseName,
} from '@org/db';
import { ProjectNotEligibleError, QuotaExceededError } from '@org/errors';
import { SNAPSHOT_QUOTA, snapshotNames } from '@org/operations';
import { ApiProblem } from '../http/api-problem.js';
import { idParams } from '../schemas/common-schemas.js';
import { problems } from '../schemas/problem-responses.js';
import { projectOperationSchema } from '../schemas/project-schemas.js';
import {
  createBranchBody,
  createSnapshotBody,
  restoreBody,
  restoreOperationSchema,
  snapshotList,
  snapshotOperationSchema,
  snapshotParams,
} from '../schemas/snapshot-schemas.js';
import type { ApiApp } from '../server/api-app.js';
import type { ApiContext } from '../server/api-context.js';
import { answerMutation } from '../server/answer-mutation.js';
import { canSeeProject } from '../server/project-access.js';
import { tokenOf } from '../server/token-of.js';
import type { ProjectView } from '../views/project-view.js';
import { createdAnswer, lockProject, requestOnProject } from './request-on-project.js';

const TAG = ['snapshots'];

/** What taking a snapshot costs the tenant, as measured (docs/performance.md, `--only=lifecycle`). */
const INTERRUPTION =
  'Taking one interrupts the tenant’s sessions for the copy’s duration: they are ended, and new ones refused, while the database is copied (about 60 ms for a 10 MB database, 0.6 s for 200 MB, on the bench machine); the answer’s operation says when it is over.';

/** Active or suspended, provisioned: a project whose database can be copied or replaced. */
function assertCopyable(project: ProjectView): void {
  if (
    project.provisioning_status !== 'provisioned' ||
    (project.status !== 'active' && project.status !== 'suspended')
  ) {
    throw new ProjectNotEligibleError(project.id, project.status);
  }
}

/**
 * Snapshots of a project's database, restoring one, and branches: new projects whose
 * database starts as a copy. Each change is an operation the workers run; the snapshots
 * themselves are read from the project's cluster, where they are (never reachable by the tenant).
 */
export function registerSnapshotRoutes(app: ApiApp, ctx: ApiContext): void {
  const sql = ctx.db.client.sql;
  /** One of the project's snapshots, or undefined (one of another project's is not found either). */
  const snapshotOf = (projectId: string, id: string) => findProjectSnapshot(projectId, id, ctx.db);

  app.post('/v1/projects/:id/snapshots', {
    config: { auth: true },
    schema: {
      operationId: 'createSnapshot',
      summary: 'Take a snapshot of a project’s database',
      description: `Queues an operation that copies the project’s database on its cluster: a snapshot the tenant can never connect to, listed once the operation succeeded, until it is deleted, its project purged, or it is older than the project’s \`snapshot_retention_days\` (30 by default) when the project takes another. At most ${SNAPSHOT_QUOTA} per project, a restore’s preserved one included: past that a new one is refused (409 \`QUOTA_EXCEEDED\`), unless the project has a \`snapshot_retention_count\`, and then its oldest are dropped once the new one is made so that at most that many remain (\`PATCH /v1/projects/{id}\` sets both). ${INTERRUPTION} For an active or suspended project.`,
      tags: TAG,
      params: idParams,
      body: createSnapshotBody.nullish(),
      response: { 202: snapshotOperationSchema, ...problems({ body: true, also: [409, 412, 422] }) },
    },
    handler: (request, reply) => {
      const id = randomUUID();
      const name = request.body?.name;
      return requestOnProject(
        ctx,
        'snapshot',
        request.params.id,
        request,
        reply,
        async (before, _tx, requestedBy) => {
          assertCopyable(before);
          // With a retention count, the oldest make room instead (the worker drops them).
          if (before.snapshot_retention_count === null) {
            const count = (await listTenantSnapshots(tenantDatabaseName(before.id), ctx.db)).length;
            if (count >= SNAPSHOT_QUOTA) throw new QuotaExceededError('snapshots', SNAPSHOT_QUOTA, count);
          }
          return {
            kind: 'snapshot',
            projectId: before.id,
            requestedBy,
            snapshotId: id,
            ...(name === undefined ? {} : { name }),
          };
        },
        { snapshot_id: id },
      );
    },
  });

  app.get('/v1/projects/:id/snapshots', {
    config: { auth: true },
    schema: {
      operationId: 'listSnapshots',
      summary: 'List a project’s snapshots',
      description: 'Oldest first, as they are on the project’s cluster (complete ones only).',
      tags: TAG,
      params: idParams,
      response: { 200: snapshotList, ...problems() },
    },
    handler: async (request) => {
      const projectId = request.params.id;
      if (!(await canSeeProject(sql, tokenOf(request), projectId))) throw ApiProblem.notFound('project');
      const [snapshots, names] = await Promise.all([
        listTenantSnapshots(tenantDatabaseName(projectId), ctx.db),
        snapshotNames(sql, projectId),
      ]);
      return {
        data: snapshots.map((snapshot) => {
          const id = snapshotIdOfName(snapshot.name);
          return {
            id,
            project_id: projectId,
            name: names.get(id) ?? null,
            created_at: snapshot.createdAt.toISOString(),
            size_bytes: snapshot.sizeBytes,
            preserved_by_restore_of: snapshot.replacedBy === undefined ? null : snapshotIdOfName(snapshot.replacedBy),
          };
        }),
      };
    },
  });

  app.delete('/v1/projects/:id/snapshots/:snapshotId', {
    config: { auth: true },
    schema: {
      operationId: 'deleteSnapshot',
      summary: 'Delete a snapshot',
      description:
        'Queues an operation that drops one of the project’s snapshots, for good. 404 for a snapshot the project does not have.',
      tags: TAG,
      params: snapshotParams,
      response: { 202: snapshotOperationSchema, ...problems({ body: true, also: [409, 412, 422] }) },
    },
    handler: (request, reply) => {
      const { id, snapshotId: wanted } = request.params;
      return requestOnProject(
        ctx,
        'delete_snapshot',
        id,
        request,
        reply,
        async (before, _tx, requestedBy) => {
          if ((await snapshotOf(before.id, wanted)) === undefined) throw ApiProblem.notFound('snapshot');
          return { kind: 'delete_snapshot', projectId: before.id, requestedBy, snapshotId: wanted };
        },
        { snapshot_id: wanted.toLowerCase() },
      );
    },
  });

  app.post('/v1/projects/:id/restore', {
    config: { auth: true },
    schema: {
      operationId: 'restoreProject',
      summary: 'Restore a project’s database from a snapshot',
      description:
        'Queues an operation that replaces the project’s database by a copy of one of its snapshots (the snapshot stays). The database it replaces is kept as a new snapshot, `preserved_snapshot_id`: restoring that one undoes the restore. The tenant’s sessions are interrupted only for the swap (about 20 ms, whatever the size: the copy is made beside the database while it keeps working). Its role, password, keys and services are unchanged. For an active or suspended project.',
      tags: TAG,
      params: idParams,
      body: restoreBody,
      response: { 202: restoreOperationSchema, ...problems({ body: true, also: [409, 412, 422] }) },
    },
    handler: (request, reply) => {
      const wanted = request.body.snapshot_id.toLowerCase();
      const preserveId = randomUUID();
      return requestOnProject(
        ctx,
        'restore',
        request.params.id,
        request,
        reply,
        async (before, _tx, requestedBy) => {
          assertCopyable(before);
          if ((await snapshotOf(before.id, wanted)) === undefined) throw ApiProblem.notFound('snapshot');
          return { kind: 'restore', projectId: before.id, requestedBy, snapshotId: wanted, preserveId };
        },
        { snapshot_id: wanted, preserved_snapshot_id: preserveId },
      );
    },
  });

  app.post('/v1/projects/:id/branches', {
    config: { auth: true },
    schema: {
      operationId: 'createBranch',
      summary: 'Branch a project',
      description: `Creates a new project (in the source’s organization, region and cluster, for its owner) and queues its provisioning, whose database starts as a copy of the source’s database as it is now, or of one of its snapshots (\`snapshot_id\`). The branch has its own database role, password, keys and services: its credentials cannot reach the source, nor the source’s the branch, and writes to one never reach the other. The source is not changed; copied live, its sessions are interrupted for the copy. Answers as \`POST /v1/projects\` does: poll the operation, then claim the branch’s one-time result. For an active or suspended source.`,
      tags: TAG,
      params: idParams,
      body: createBranchBody,
      response: { 202: projectOperationSchema, ...problems({ body: true, also: [409, 422] }) },
    },
    handler: async (request, reply) => {
      const token = tokenOf(request);
      const body = request.body;
      const sourceId = request.params.id;
      return answerMutation(ctx, request, reply, async (tx) => {
        // The source, locked against a concurrent delete or purge until this commits.
        const source = await lockProject(tx, token, sourceId, 'share');
        assertCopyable(source);
        if (body.snapshot_id !== undefined && (await snapshotOf(source.id, body.snapshot_id)) === undefined) {
          throw ApiProblem.notFound('snapshot');
        }
        const region = source.region;
        const { id } = await createProject(
          {
            name: body.name ?? branchName(source.name),
            region,
            ownerId: source.owner_id,
            organizationId: source.organization_id,
          },
          tx,
        );
        const operationId = await ctx.operations.request(tx, {
          kind: 'provision',
          payload: {
            project_id: id,
            region: region as never,
            services: body.services,
            api_keys: body.api_keys,
            owner_id: source.owner_id,
            organization_id: source.organization_id,
            from: {
              project_id: source.id,
              ...(body.snapshot_id === undefined ? {} : { snapshot_id: body.snapshot_id }),
            },
          },
          requestedBy: token.id,
        });
        return createdAnswer(tx, token, id, operationId);
      });
    },
  });
}
