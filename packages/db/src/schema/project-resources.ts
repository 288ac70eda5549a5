import { sql } from 'drizzle-orm';
import { check, index, jsonb, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { controlPlaneSchema } from './control-plane-schema.js';
import type { ResourceMetadataByType } from '../projects/resource-metadata.js';
import { projects } from './projects.js';

export const RESOURCE_TYPES = ['databases', 'api_keys', 'services', 'storage'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/**
 * Every resource a provisioning made (the contract's tables), recorded before or as it is
 * made, so that a retry resumes and a final failure can clean up.
 */
export const projectResources = controlPlaneSchema.table(
  'project_resources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    resourceType: text('resource_type', { enum: RESOURCE_TYPES }).notNull(),
    resourceId: text('resource_id').notNull(),
    /** Typed per resource type: see `ResourceMetadataByType`; read databases' with `readDatabaseMetadata`. */
    metadata: jsonb('metadata').$type<Partial<ResourceMetadataByType[ResourceType]>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('project_resources_project_type_resource_key').on(table.projectId, table.resourceType, table.resourceId),
    check(
      'project_resources_resource_type_check',
      sql`${table.resourceType} in ('databases', 'api_keys', 'services', 'storage')`,
    ),
    index('project_resources_type_resource_idx').on(table.resourceType, table.resourceId),
  ],
);

export type ProjectResource = typeof projectResources.$inferSelect;
