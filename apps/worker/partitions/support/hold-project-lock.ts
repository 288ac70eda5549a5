// A worker's hold on a project, as a process of its own (started inside a network
// namespace): the journal's pool takes the project's lock the way a run does, prints
// `locked`, then sits idle holding it, as a run between two journal writes does.
import { randomBytes } from 'node:crypto';
import { createSecretBox } from '@org/db';
import { ProvisioningJournal } from '../../src/journal/index.js';

const journal = new ProvisioningJournal({
  databaseUrl: process.env['DATABASE_URL']!,
  secrets: createSecretBox(randomBytes(32)),
  connections: 2,
  lockTimeoutMs: 30_000,
  applicationName: 'partition-victim',
});
void journal.withProjectLock(process.env['PROJECT_ID']!, async () => {
  process.stdout.write('locked\n');
  await new Promise(() => {});
});
