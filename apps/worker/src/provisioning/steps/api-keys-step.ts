import { generateApiKeys, getProjectApiKeys, revokeApiKey } from '@org/api-keys';
import type { ProvisioningData } from '@org/operations';
import type { Step } from '../step.js';

/** Who generated a key: keys with this creator belong to a provisioning run. */
export const PROVISIONING_KEY_CREATOR = 'provisioning';

/** The keys' ids and display forms, and their plaintext sealed for the last step only. */
export interface ApiKeysOutput {
  [field: string]: unknown;
  keys: { id: string; start: string }[];
  /** Dropped from the journal when the run succeeds: the one-time result is then the only copy. */
  sealed: string;
}

/**
 * api_keys: the requested keys. When the step ran before (an earlier try or run that may
 * have generated keys and lost their plaintext), those keys are revoked first, so the
 * project ends with exactly the requested keys. Keys belong to the project, not to its
 * database, so the step runs beside the database and services steps.
 */
export const apiKeysStep: Step<'api_keys', unknown, ApiKeysOutput> = {
  name: 'api_keys',
  retry: 'apiKeys',
  checkpoints: ['generated'],
  async run({ payload, ctx, mayHaveRunBefore, checkpoint }) {
    const projectId = payload.project_id;
    if (mayHaveRunBefore) {
      for (const stale of await getProjectApiKeys(projectId, {}, ctx.db)) {
        if (stale.createdBy === PROVISIONING_KEY_CREATOR) await revokeApiKey(stale.id, ctx.db);
      }
    }
    const keys = await generateApiKeys(
      {
        projectId,
        count: payload.api_keys.count,
        prefix: payload.api_keys.prefix,
        createdBy: PROVISIONING_KEY_CREATOR,
      },
      {},
      ctx.db,
    );
    await checkpoint('generated');
    const plaintext: ProvisioningData['api_keys'] = keys.map(({ id, key, name, prefix, start, scopes }) => ({
      id,
      key,
      name,
      prefix,
      start,
      scopes,
    }));
    return {
      keys: keys.map(({ id, start }) => ({ id, start })),
      sealed: ctx.db.secrets.seal(JSON.stringify(plaintext), projectId),
    };
  },
  async undo(projectId, ctx) {
    const keys = await getProjectApiKeys(projectId, {}, ctx.db);
    for (const key of keys) await revokeApiKey(key.id, ctx.db);
    return keys.length;
  },
};
