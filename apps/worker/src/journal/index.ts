// The journal of every operation's runs, as a worker holds it: the project's lock, and the
// run holders that send `@org/operations`' transitions on the lock's connection.
export { JournalRun } from './journal-run.js';
export { LifecycleRun } from './lifecycle-run.js';
export { StepJournal, type StepJournalStart } from './step-journal.js';
export { ProvisioningJournal, type ProvisioningJournalOptions } from './provisioning-journal.js';
