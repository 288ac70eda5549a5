import { provisioningPayloadSchema, SNAPSHOT_NAME_MAX } from '@org/operations';
import { z } from 'zod';
import { text, timestamp } from './common-schemas.js';
import { projectOperationSchema } from './project-schemas.js';

const payload = provisioningPayloadSchema.shape;

/** A project and one of its snapshots, in the path. */
export const snapshotParams = z.strictObject({
  id: z.uuid({ error: 'must be a UUID' }),
  snapshotId: z.uuid({ error: 'must be a UUID' }),
});

const snapshotSchema = z
  .object({
    id: z.uuid(),
    project_id: z.uuid(),
    name: z.string().nullable().meta({ description: 'The name it was taken with, if any' }),
    created_at: timestamp,
    size_bytes: z.int().meta({ description: 'The copy’s size on its cluster (`pg_database_size`)' }),
    preserved_by_restore_of: z.uuid().nullable().meta({
      description:
        'Kept by a restore: the database the project had before it restored this snapshot id. Restore this one to undo that restore',
    }),
  })
  .meta({ id: 'Snapshot' });

export const snapshotList = z.object({ data: z.array(snapshotSchema) }).meta({ id: 'SnapshotList' });

/** `POST /v1/projects/{id}/snapshots`: an optional name (the body itself may be left out). */
export const createSnapshotBody = z
  .strictObject({
    name: text(SNAPSHOT_NAME_MAX).min(1).optional().meta({
      description: 'A name for people, kept with the snapshot and listed with it',
      example: 'before migration 42',
    }),
  })
  .meta({ id: 'CreateSnapshot' });

/** An operation that makes a snapshot, with the id the snapshot will have. */
export const snapshotOperationSchema = projectOperationSchema
  .extend({ snapshot_id: z.uuid().meta({ description: 'The snapshot this operation makes or drops' }) })
  .meta({ id: 'SnapshotOperation' });

export const restoreBody = z
  .strictObject({ snapshot_id: z.uuid({ error: 'must be a UUID' }) })
  .meta({ id: 'RestoreProject' });

/** A restore, with the snapshot that will keep the database it replaces. */
export const restoreOperationSchema = projectOperationSchema
  .extend({
    snapshot_id: z.uuid(),
    preserved_snapshot_id: z.uuid().meta({
      description: 'The snapshot the replaced database is kept as: restore it to undo this restore',
    }),
  })
  .meta({ id: 'RestoreOperation' });

export const createBranchBody = z
  .strictObject({
    name: text(200).min(1).optional().meta({ description: 'Its name; the source’s, with “ branch”, when omitted' }),
    snapshot_id: z.uuid({ error: 'must be a UUID' }).optional().meta({
      description: 'Start from this snapshot of the source; from its database as it is now when omitted',
    }),
    services: payload.services,
    api_keys: payload.api_keys,
  })
  .meta({ id: 'CreateBranch' });
