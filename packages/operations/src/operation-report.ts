import type { SerializedError } from '@org/errors';
import type { OperationKind, OperationStatus } from './schema/operations.js';

/** One step of one run, with its times. */
export interface OperationStepRun {
  step: string;
  status: 'running' | 'completed' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  error: SerializedError | null;
}

/** One run (attempt) of an operation: the steps it ran, side by side where they overlap. */
export interface OperationRun {
  attempt: number;
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  error: (SerializedError & { step?: string }) | null;
  steps: OperationStepRun[];
}

/** An operation as its caller sees it: status, last error, every run. Never holds a secret. */
export interface OperationReport {
  id: string;
  projectId: string;
  kind: OperationKind;
  status: OperationStatus;
  /** Runs started so far. */
  attempts: number;
  /** The last failure (the operation's reason when it `failed`), with its step. */
  error: (SerializedError & { step?: string }) | null;
  requestedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
  /** Oldest first. */
  runs: OperationRun[];
}
