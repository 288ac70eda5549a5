// No imports: the console's page bundles this file too (console/src/project-states.ts).

/** What a project is now, in one word (derived from its status and provisioning status), in the order of its life. */
export const PROJECT_STATES = [
  'pending',
  'provisioning',
  'active',
  'suspended',
  'failed',
  'deleting',
  'deleted',
] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];
