import { beforeAll, describe, expect, it } from 'vitest';
import { provisionProject } from '../src/provisioning/provision-project.js';
import { PROVISIONING } from '../src/provisioning/provisioning-steps.js';
import { StepTable, type AnyStep } from '../src/provisioning/step.js';
import { apiKeysStep } from '../src/provisioning/steps/api-keys-step.js';
import { databaseStep } from '../src/provisioning/steps/database-step.js';
import { schemaStep } from '../src/provisioning/steps/schema-step.js';
import { validateStep } from '../src/provisioning/steps/validate-step.js';
import { projectState } from './support/project-state.js';
import { newProject, payloadFor } from './support/test-worker.js';
import { useTestWorker } from './support/use-test-worker.js';

const step = (name: string): AnyStep => PROVISIONING.steps.find((candidate) => candidate.name === name)!;

describe('the step table', () => {
  it('checks the order of what a step reads, with or without `after`', () => {
    const validated = StepTable.start().then(validateStep);
    // @ts-expect-error the schema step reads the database step's output, which is not made yet
    expect(() => validated.then(schemaStep)).not.toThrow();
    const created = validated.then(databaseStep);
    // @ts-expect-error added after validate alone, the schema step could not read the database
    created.then(schemaStep, { after: ['validate'] });
    expect(() => created.then(apiKeysStep, { after: ['nothing' as 'validate'] })).toThrow(/waits for nothing/);
    expect(() => created.then(databaseStep)).toThrow(/database twice/);
    // A start point must be a named point of a step beside it, one it does not wait for.
    expect(() => created.then(apiKeysStep, { after: ['validate'], notBefore: 'database:nowhere' })).toThrow(
      /not before database:nowhere/,
    );
    expect(() =>
      created.then(apiKeysStep, { after: ['validate', 'database'], notBefore: 'database:reserved' }),
    ).toThrow(/not before database:reserved/);
    expect(() => created.then(apiKeysStep, { after: ['validate'], notBefore: 'database:reserved' })).not.toThrow();
  });

  it('runs services and api_keys beside database and schema; finalize waits for all', () => {
    expect(PROVISIONING.waitsFor(step('validate'))).toEqual([]);
    expect(PROVISIONING.waitsFor(step('database'))).toEqual(['validate']);
    expect(PROVISIONING.waitsFor(step('schema'))).toEqual(['validate', 'database']);
    expect(PROVISIONING.waitsFor(step('services'))).toEqual(['validate']);
    expect(PROVISIONING.waitsFor(step('api_keys'))).toEqual(['validate']);
    expect(PROVISIONING.waitsFor(step('finalize'))).toEqual(['validate', 'database', 'schema', 'services', 'api_keys']);
    expect(PROVISIONING.notBefore(step('services'))).toBe('database:reserved');
    expect(PROVISIONING.notBefore(step('api_keys'))).toBe('database:reserved');
    expect(PROVISIONING.notBefore(step('schema'))).toBeUndefined();
  });
});

describe('the runner', () => {
  const worker = useTestWorker({ queue: false });
  const passed = new Map<string, string[]>();
  beforeAll(() => {
    const inject = worker.ctx.onCheckpoint!;
    worker.ctx.onCheckpoint = async (checkpoint, projectId) => {
      passed.set(projectId, [...(passed.get(projectId) ?? []), checkpoint]);
      await inject(checkpoint, projectId);
    };
  });

  it('starts every step whose predecessors completed, and each only then', async () => {
    const project = await newProject(worker);
    const outcome = await provisionProject(payloadFor(project), worker.ctx);
    expect(outcome.result.success).toBe(true);
    const order = passed.get(project.id)!;
    const at = (checkpoint: string) => {
      expect(order).toContain(checkpoint);
      return order.indexOf(checkpoint);
    };
    // Started once the database is reserved, before it is made.
    for (const beside of ['services:before', 'api_keys:before']) {
      expect(at(beside)).toBeGreaterThan(at('database:reserved'));
      expect(at(beside)).toBeLessThan(at('database:after'));
    }
    expect(at('database:before')).toBeGreaterThan(at('validate:after'));
    expect(at('schema:before')).toBeGreaterThan(at('database:after'));
    for (const last of ['schema:after', 'services:after', 'api_keys:after'])
      expect(at('finalize:before')).toBeGreaterThan(at(last));
    const state = await projectState(worker.ctx, project.id);
    expect(state.steps).toEqual(PROVISIONING.names.map((name) => ({ step: name, status: 'completed', attempts: 1 })));
  });

  it('after a failure starts nothing new, lets the running steps finish and records them', async () => {
    const project = await newProject(worker);
    worker.faults.set(project.id, new Map([['database:created', 'fail']]));
    const failed = await provisionProject(payloadFor(project), worker.ctx, { finalAttempt: false });
    expect(failed.result).toMatchObject({ success: false, error: { step: 'database', code: 'ECONNRESET' } });
    expect(passed.get(project.id)).not.toContain('schema:before');
    expect((await projectState(worker.ctx, project.id)).steps).toEqual([
      { step: 'validate', status: 'completed', attempts: 1 },
      { step: 'database', status: 'failed', attempts: 1 },
      { step: 'services', status: 'completed', attempts: 1 },
      { step: 'api_keys', status: 'completed', attempts: 1 },
    ]);

    // The next attempt runs what is missing, and only that.
    worker.faults.delete(project.id);
    passed.delete(project.id);
    const retried = await provisionProject(payloadFor(project), worker.ctx, { attempt: 2 });
    expect(retried.result.success).toBe(true);
    expect(passed.get(project.id)!.filter((checkpoint) => checkpoint.endsWith(':before'))).toEqual([
      'database:before',
      'schema:before',
      'finalize:before',
    ]);
    expect((await projectState(worker.ctx, project.id)).steps.map((row) => [row.step, row.attempts])).toEqual([
      ['validate', 1],
      ['database', 2],
      ['schema', 1],
      ['services', 1],
      ['api_keys', 1],
      ['finalize', 1],
    ]);
  });

  it('starts nothing beside a step that fails before the point they start at', async () => {
    const project = await newProject(worker);
    worker.faults.set(project.id, new Map([['database:reserved', 'fail']]));
    const failed = await provisionProject(payloadFor(project), worker.ctx, { finalAttempt: false });
    expect(failed.result).toMatchObject({
      success: false,
      error: { step: 'database', code: 'DATABASE_CREATION_FAILED' },
    });
    expect(passed.get(project.id)).not.toContain('services:before');
    expect(passed.get(project.id)).not.toContain('api_keys:before');
    expect((await projectState(worker.ctx, project.id)).steps).toEqual([
      { step: 'validate', status: 'completed', attempts: 1 },
      { step: 'database', status: 'failed', attempts: 1 },
    ]);
  });

  it('records every step that failed, not only the first', async () => {
    const project = await newProject(worker);
    worker.faults.set(
      project.id,
      new Map([
        ['services:after', 'fail'],
        ['api_keys:after', 'fail'],
      ]),
    );
    const failed = await provisionProject(payloadFor(project), worker.ctx, { finalAttempt: false });
    expect(failed.result).toMatchObject({ success: false, error: { code: 'ECONNRESET' } });
    const rows = (await projectState(worker.ctx, project.id)).steps;
    expect(rows.filter((row) => row.status === 'failed').map((row) => row.step)).toEqual(['services', 'api_keys']);
    // The database step was already running: it finished and is kept for the next attempt.
    expect(rows.find((row) => row.step === 'database')?.status).toBe('completed');
  });
});
