import { pgSchema } from 'drizzle-orm/pg-core';

/** The PostgreSQL schema that holds every control-plane table. */
export const controlPlaneSchema = pgSchema('control_plane');
