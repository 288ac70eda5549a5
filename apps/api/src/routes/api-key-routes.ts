import {
  apiKeyStoreIn,
  generateApiKeys,
  getProjectApiKeys,
  revokeApiKey,
  rotateApiKey,
  verifyApiKey,
  type ApiKeyInfo,
} from '@org/api-keys';
import { projectLockKey } from '@org/db';
import { ErrorCodes, ProjectLockedError, ProjectNotEligibleError } from '@org/errors';
import type { TransactionSql } from 'postgres';
import { z } from 'zod';
import { ApiProblem } from '../http/api-problem.js';
import {
  apiKeyListSchema,
  apiKeySchema,
  createApiKeysBody,
  generatedApiKeySchema,
  generatedApiKeysSchema,
  rotateApiKeyBody,
  verifyApiKeyBody,
  verifyApiKeyResult,
} from '../schemas/api-key-schemas.js';
import { idParams, keyParams } from '../schemas/common-schemas.js';
import { problems } from '../schemas/problem-responses.js';
import type { ApiApp } from '../server/api-app.js';
import type { ApiContext } from '../server/api-context.js';
import { answerMutation } from '../server/answer-mutation.js';
import { checkIfMatch, etag } from '../server/etag.js';
import { tokenOf } from '../server/token-of.js';
import { canSeeProject, projectOrganization } from '../server/project-access.js';
import { apiKeyView, generatedApiKeyView } from '../views/api-key-view.js';

const TAG = ['api-keys'];

/** A key's version, for `ETag` and `If-Match`. */
function keyTag(key: ApiKeyInfo): string {
  return etag(key.id, key.state, key.revokedAt?.toISOString() ?? null, key.expiresAt?.toISOString() ?? null);
}

/**
 * In `tx`, under the project's lock (so a suspension or deletion cannot run between the
 * check and the write): the project's state, which must be provisioned and, for `active`,
 * not suspended or deleted. A worker holds the lock for a whole run: the request is then
 * refused at once (`PROJECT_LOCKED`, 409 with Retry-After) rather than held for it.
 */
async function lockProject(tx: TransactionSql, projectId: string, need: 'active' | 'provisioned'): Promise<void> {
  const [lock] = await tx<{ locked: boolean }[]>`
    select pg_try_advisory_xact_lock(hashtextextended(${projectLockKey(projectId)}, 0)) as locked`;
  if (lock?.locked !== true) throw new ProjectLockedError(projectId);
  const [row] = await tx<{ status: string; provisioning_status: string }[]>`
    select status, provisioning_status from control_plane.projects where id = ${projectId}::uuid`;
  if (row === undefined) throw ApiProblem.notFound('project');
  if (row.provisioning_status !== 'provisioned') throw new ProjectNotEligibleError(projectId, row.provisioning_status);
  if (need === 'active' && row.status !== 'active') throw new ProjectNotEligibleError(projectId, row.status);
}

export function registerApiKeyRoutes(app: ApiApp, ctx: ApiContext): void {
  const sql = ctx.db.client.sql;

  async function requireProject(request: Parameters<typeof tokenOf>[0], projectId: string): Promise<void> {
    if (!(await canSeeProject(sql, tokenOf(request), projectId))) throw ApiProblem.notFound('project');
  }

  /** The project's key `keyId` (revoked ones included), or 404. */
  async function keyOf(projectId: string, keyId: string, tx?: TransactionSql): Promise<ApiKeyInfo> {
    const keys = await getProjectApiKeys(
      projectId,
      { includeRevoked: true },
      tx === undefined ? ctx.db : apiKeyStoreIn(tx),
    );
    const key = keys.find((candidate) => candidate.id === keyId);
    if (key === undefined) throw ApiProblem.notFound('API key');
    return key;
  }

  app.get('/v1/projects/:id/api-keys', {
    config: { auth: true },
    schema: {
      operationId: 'listApiKeys',
      summary: 'List a project’s API keys',
      description: 'Metadata only (display start, scopes, state, times): a key’s plaintext is never stored.',
      tags: TAG,
      params: idParams,
      querystring: z.strictObject({
        include_revoked: z
          .enum(['true', 'false'])
          .default('false')
          .transform((value) => value === 'true'),
      }),
      response: { 200: apiKeyListSchema, ...problems() },
    },
    handler: async (request) => {
      await requireProject(request, request.params.id);
      const keys = await getProjectApiKeys(
        request.params.id,
        { includeRevoked: request.query.include_revoked },
        ctx.db,
      );
      return { data: keys.map(apiKeyView) };
    },
  });

  app.post('/v1/projects/:id/api-keys', {
    config: { auth: true },
    schema: {
      operationId: 'createApiKeys',
      summary: 'Issue API keys',
      description:
        'New keys for an active, provisioned project, within its quota of 10 active keys. Their plaintext is in this answer only (a repeat with the same Idempotency-Key answers it again).',
      tags: TAG,
      params: idParams,
      body: createApiKeysBody,
      response: { 201: generatedApiKeysSchema, ...problems({ body: true, also: [409, 422] }) },
    },
    handler: async (request, reply) => {
      await requireProject(request, request.params.id);
      const token = tokenOf(request);
      return answerMutation(ctx, request, reply, async (tx) => {
        await lockProject(tx, request.params.id, 'active');
        const body = request.body;
        const keys = await generateApiKeys(
          {
            projectId: request.params.id,
            count: body.count,
            name: body.name,
            prefix: body.prefix,
            scopes: body.scopes,
            createdBy: token.id,
            ...(body.expires_at === undefined ? {} : { expiresAt: body.expires_at }),
          },
          {},
          apiKeyStoreIn(tx),
        );
        return { status: 201, headers: {}, body: { data: keys.map(generatedApiKeyView) } };
      });
    },
  });

  app.post('/v1/projects/:id/api-keys/:keyId/rotate', {
    config: { auth: true },
    schema: {
      operationId: 'rotateApiKey',
      summary: 'Rotate an API key',
      description:
        'A new key with the same name, prefix and scopes; the old one keeps working for `grace_seconds`, then verifies as `rotated`. The new plaintext is in this answer only.',
      tags: TAG,
      params: keyParams,
      // A POST with no body at all is allowed: every field has a default.
      body: rotateApiKeyBody.nullish(),
      response: { 201: generatedApiKeySchema, ...problems({ body: true, also: [409, 412, 422] }) },
    },
    handler: async (request, reply) => {
      await requireProject(request, request.params.id);
      return answerMutation(ctx, request, reply, async (tx) => {
        await lockProject(tx, request.params.id, 'active');
        const old = await keyOf(request.params.id, request.params.keyId, tx);
        checkIfMatch(request, keyTag(old));
        if (old.state !== 'active') {
          throw new ApiProblem(
            409,
            ErrorCodes.API_KEY_NOT_ACTIVE,
            'Key not active',
            `The key is ${old.state}: only an active key can be rotated`,
          );
        }
        const key = await rotateApiKey(old.id, { graceSeconds: request.body?.grace_seconds ?? 0 }, apiKeyStoreIn(tx));
        return { status: 201, headers: {}, body: generatedApiKeyView(key) };
        // Committed (or not): this process's next verification reads it; the others hear it from the database.
      }).finally(() => ctx.keyCache?.forgetKey(request.params.keyId));
    },
  });

  app.delete('/v1/projects/:id/api-keys/:keyId', {
    config: { auth: true },
    schema: {
      operationId: 'revokeApiKey',
      summary: 'Revoke an API key',
      description: 'At once; revoking a revoked key changes nothing. Answers the key as it is now.',
      tags: TAG,
      params: keyParams,
      response: { 200: apiKeySchema, ...problems({ body: true, also: [412, 422] }) },
    },
    handler: async (request, reply) => {
      await requireProject(request, request.params.id);
      return answerMutation(ctx, request, reply, async (tx) => {
        const old = await keyOf(request.params.id, request.params.keyId, tx);
        checkIfMatch(request, keyTag(old));
        await revokeApiKey(old.id, apiKeyStoreIn(tx));
        const key = await keyOf(request.params.id, old.id, tx);
        return { status: 200, headers: { etag: keyTag(key) }, body: apiKeyView(key) };
        // Committed (or not): this process's next verification reads it; the others hear it from the database.
      }).finally(() => ctx.keyCache?.forgetKey(request.params.keyId));
    },
  });

  app.post('/v1/api-keys/verify', {
    config: { auth: true, read: true },
    schema: {
      operationId: 'verifyApiKey',
      summary: 'Verify an API key',
      description:
        'For services that cannot import `@org/api-keys`: whether a presented key is valid now, and if not why. A key of a project the token may not see is `not_found`. Changes nothing but the key’s `last_used`, so it is safe to repeat and takes no Idempotency-Key. 503 when the key store did not answer in time: the key was not judged.',
      tags: TAG,
      body: verifyApiKeyBody,
      response: { 200: verifyApiKeyResult, ...problems({ body: true }) },
    },
    handler: async (request) => {
      const token = tokenOf(request);
      const result = await verifyApiKey(
        request.body.key,
        { requiredScopes: request.body.required_scopes ?? [], ...(ctx.keyCache && { cache: ctx.keyCache }) },
        ctx.db,
      );
      if (!result.valid && result.reason === 'unavailable') {
        throw new ApiProblem(
          503,
          ErrorCodes.SERVICE_UNAVAILABLE,
          'Key store unavailable',
          'The key was not judged; retry',
          {
            headers: { 'retry-after': '1' },
          },
        );
      }
      const projectId = result.valid ? result.key.projectId : undefined;
      if (token.organizationId !== null) {
        // Another organization's key is, to this token, no key at all.
        const owner = result.valid ? projectId : undefined;
        const foreign = result.valid
          ? (await projectOrganization(sql, owner!)) !== token.organizationId
          : result.keyId !== undefined && !(await keyOfOrganization(result.keyId, token.organizationId));
        if (foreign) return { valid: false, reason: 'not_found' as const, key_id: null, project_id: null, scopes: [] };
      }
      if (result.valid) {
        return {
          valid: true,
          reason: null,
          key_id: result.key.id,
          project_id: result.key.projectId,
          scopes: result.key.scopes,
        };
      }
      const reason = result.reason as Exclude<typeof result.reason, 'unavailable'>;
      return { valid: false, reason, key_id: result.keyId ?? null, project_id: null, scopes: [] };
    },
  });

  /** Whether the key `keyId` belongs to a project of `organizationId`. */
  async function keyOfOrganization(keyId: string, organizationId: string): Promise<boolean> {
    const [row] = await sql<{ organization_id: string }[]>`
      select p.organization_id from control_plane.api_keys k join control_plane.projects p on p.id = k.project_id
      where k.id = ${keyId}`;
    return row?.organization_id === organizationId;
  }
}
