import { PLATFORM_SCHEMA } from '../tenant/tenant-names.js';
import { pgSchema } from 'drizzle-orm/pg-core';

/**
 * The schema of the platform's own tables inside every tenant database. The platform role
 * owns it and them; the tenant may read them, and cannot create, alter, drop or replace
 * anything in it, nor put a trigger on its tables (the tenant's objects go in `public`).
 */
export const platformSchema = pgSchema(PLATFORM_SCHEMA);
