import { serializeError, WorkerLostError, type SerializedError } from '@org/errors';

/** What a run's records say when its worker died before settling it (retryable: the next run resumes). */
export const LOST: SerializedError = serializeError(new WorkerLostError());

/**
 * What an operation says when its job failed for good without a run settling it (the last
 * attempt's worker was lost): not retryable, since no attempt of that job is left.
 */
export const ABANDONED: SerializedError = {
  ...serializeError(new WorkerLostError('ABANDONED: the last attempt did not finish (its worker was lost)')),
  retryable: false,
};
