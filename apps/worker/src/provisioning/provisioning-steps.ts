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
 * it, and the types check that order. A step waits for every step before it, except
 * where it is added `after` fewer: once `validate` has passed, `services` and `api_keys`
 * run beside `database` and `schema`, and `finalize` waits for all of them:
 *
 *   validate ─┬─ database ─ schema ─┬─ finalize
 *             ├─ services ──────────┤
 *             └─ api_keys ──────────┘
 *
 * The two beside it start once `database` has reserved its database (`database:reserved`,
 * its record written): their commits would otherwise queue with that one at the disk, and
 * the database is what a provisioning waits on; they then run while it is copied or renamed.
 *
 * To add a step: write it in `steps/`, add it here, and give it a test.
 */
export const PROVISIONING = StepTable.start()
  .then(validateStep)
  .then(databaseStep)
  .then(schemaStep)
  .then(servicesStep, { after: ['validate'], notBefore: 'database:reserved' })
  .then(apiKeysStep, { after: ['validate'], notBefore: 'database:reserved' })
  .then(finalizeStep);

/** The step names, in order. */
export const PROVISIONING_STEPS: readonly string[] = PROVISIONING.names;

/**
 * Step records in the table's order. The journal lists them by start, and steps that run
 * side by side start in one write.
 */
export function inTableOrder<Row extends { step: string }>(rows: readonly Row[]): Row[] {
  return [...rows].sort((a, b) => PROVISIONING_STEPS.indexOf(a.step) - PROVISIONING_STEPS.indexOf(b.step));
}

/** The name of a provisioning step. */
export type ProvisioningStepName =
  typeof PROVISIONING extends StepTable<infer Outputs> ? keyof Outputs & string : never;
