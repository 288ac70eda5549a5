// No imports: the console's page bundles this file too (console/src/project-states.ts).

/**
 * What a project is now, in one word, in the order of its life: the control plane's
 * `projects.state` (`@org/db`'s `PROJECT_STATES`, which a test holds this copy to).
 */
export const PROJECT_STATES = [
  'pending',
  'provisioning',
  'active',
  'suspended',
  'failed',
  'deleted',
  'purging',
  'purged',
] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];
