import type { Schemas } from './api';

// The API's own list: the page bundles that one small file, not the server's schemas.
export { PROJECT_STATES } from '../../src/schemas/project-states';

/** The platform's regions (the API's `CreateProjectInput.region`). */
export const REGIONS = [
  'us-east-1',
  'us-west-2',
  'eu-west-1',
  'ap-southeast-1',
] as const satisfies readonly Schemas['CreateProjectInput']['region'][];
