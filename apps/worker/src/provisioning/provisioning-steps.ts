import { apiKeysStep } from './steps/api-keys-step.js';
import { databaseStep } from './steps/database-step.js';
import { finalizeStep } from './steps/finalize-step.js';
import { schemaStep } from './steps/schema-step.js';
import { servicesStep } from './steps/services-step.js';
import { validateStep } from './steps/validate-step.js';
import { StepTable } from './step.js';

/**
 * The provisioning, in order. The runner walks this table; the journal's step names, the
 * CLI's progress lines, the metric labels, the chaos suite's kill points and the order of
 * compensation (reversed) all come from it. A step reads the outputs of the steps before
 * it, and the types check that order. To add a step: write it in `steps/`, add it here,
 * and give it a test.
 */
export const PROVISIONING = StepTable.start()
  .then(validateStep)
  .then(databaseStep)
  .then(schemaStep)
  .then(servicesStep)
  .then(apiKeysStep)
  .then(finalizeStep);

/** The step names, in order. */
export const PROVISIONING_STEPS: readonly string[] = PROVISIONING.names;

/** The name of a provisioning step. */
export type ProvisioningStepName =
  typeof PROVISIONING extends StepTable<infer Outputs> ? keyof Outputs & string : never;
