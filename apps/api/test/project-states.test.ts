import { PROJECT_STATES as DATABASE_STATES } from '@org/db';
import { describe, expect, it } from 'vitest';
import { PROJECT_STATES } from '../src/schemas/project-states.js';

describe('project states', () => {
  it("are the database's, in the same order (the console bundles this import-free copy)", () => {
    expect(PROJECT_STATES).toEqual(DATABASE_STATES);
  });
});
