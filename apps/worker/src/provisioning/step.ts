import type { RetryConfig } from '@org/retry';
import type { ProvisioningPayload } from '@org/operations';
import type { RetryPolicyName } from './retry-policies.js';
import type { WorkerContext } from './worker-context.js';

/** What a step returns: recorded as JSON in the journal, so never a plaintext secret. */
export type StepOutput = Record<string, unknown>;

/** What every operation's payload names: its project (lower case). */
export interface OperationPayload {
  project_id: string;
}

/** What a step's `run` is given. */
export interface StepInput<Earlier, Payload extends OperationPayload = ProvisioningPayload> {
  /** The validated payload, project id in lower case. */
  payload: Payload;
  /** The outputs of the steps before it (recorded by an earlier run, or made by this one). */
  earlier: Earlier;
  ctx: WorkerContext;
  /** 1 for the first try within this run; more when the step's policy retries it. */
  attempt: number;
  /** How many times this step has been started for the project, this time included. */
  runs: number;
  /**
   * Whether an earlier try may have made something this one finds: a retry within this
   * run, an earlier run of the step on record, or a later queue attempt (the journal's
   * record of an earlier run may not have survived a server restart: it commits
   * asynchronously). A step that must not count or keep an earlier try's work checks this.
   */
  mayHaveRunBefore: boolean;
  /** The run's queue attempt (1 for a direct call) and when it began. */
  run: { attempt: number; startedAt: number; steps: readonly string[] };
  /** The step's retry policy, delays scaled, for steps that retry their own operations (`retryEach`). */
  retry: RetryConfig;
  signal: AbortSignal;
  /** A named point inside the step (`database:created`) where tests can inject faults. */
  checkpoint: (name: string) => Promise<void>;
}

/**
 * One entry of an operation's step table. `run` makes, finds or changes what the step is
 * about, idempotently: after a crash it may run again over what an earlier try did. `undo`
 * puts back what it did (for a final failure, and a provisioning step's for a delete) and
 * says how many things it removed or restored; a step with nothing to put back has none.
 */
export interface Step<
  Name extends string,
  Earlier,
  Output extends StepOutput,
  Payload extends OperationPayload = ProvisioningPayload,
> {
  name: Name;
  /** The one policy that retries this step's work, by what it talks to (delays scaled by the worker's setting). */
  retry: RetryPolicyName;
  /**
   * The step retries each of its operations itself (`input.retry`), e.g. one per service
   * in parallel; the runner then calls `run` once, so no operation is retried twice over.
   */
  retryEach?: boolean;
  /** The named points `run` passes (`created` becomes `database:created`). */
  checkpoints?: readonly string[];
  run: (input: StepInput<Earlier, Payload>) => Promise<Output>;
  undo?: (projectId: string, ctx: WorkerContext) => Promise<number>;
}

// The table's own view of its entries: the types of earlier outputs are checked when a
// step is added (StepTable.then) and not needed afterwards.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStep = Step<string, any, StepOutput, any>;

/** How a step added with `after` is placed beside the steps it does not wait for. */
export interface BesideOptions<After extends string> {
  /** The steps it waits for (instead of every step before it). */
  after: readonly After[];
  /**
   * A named point (`database:reserved`) of a step before it that it does not wait for: it
   * starts no earlier than that step passes the point in the run (or has completed). For
   * work that should not compete with the first, short part of a longer step beside it.
   */
  notBefore?: string;
}

/**
 * An ordered table of steps whose types follow the order: a step can only be added after
 * the steps whose outputs it reads, so `earlier.database` in the schema step is checked.
 * The order is also the default dependency: a step runs when every step before it has
 * completed. A step added with `{ after: [...] }` waits only for those, runs beside the
 * others, and can read only what those made.
 */
export class StepTable<
  Outputs extends Record<string, StepOutput>,
  Payload extends OperationPayload = ProvisioningPayload,
> {
  private constructor(
    readonly steps: readonly AnyStep[],
    private readonly after: ReadonlyMap<string, readonly string[]>,
    private readonly points: ReadonlyMap<string, string>,
  ) {}

  /** An empty table for the operations whose payload is `Payload` (a provisioning's by default). */
  static start<Payload extends OperationPayload = ProvisioningPayload>(): StepTable<
    Record<never, StepOutput>,
    Payload
  > {
    return new StepTable([], new Map(), new Map());
  }

  /** Adds a step that waits for every step before it. */
  then<Name extends string, Output extends StepOutput>(
    step: Step<Name, Outputs, Output, Payload>,
  ): StepTable<Outputs & Record<Name, Output>, Payload>;
  /** Adds a step that waits only for the steps named in `after` (see {@link BesideOptions}). */
  then<Name extends string, Output extends StepOutput, After extends keyof Outputs & string>(
    step: Step<Name, Pick<Outputs, After>, Output, Payload>,
    options: BesideOptions<After>,
  ): StepTable<Outputs & Record<Name, Output>, Payload>;
  then(step: AnyStep, options?: BesideOptions<string>): StepTable<Record<string, StepOutput>, Payload> {
    if (this.names.includes(step.name)) throw new Error(`step ${step.name} twice`);
    const unknown = options?.after.find((name) => !this.names.includes(name));
    if (unknown !== undefined) throw new Error(`step ${step.name} waits for ${unknown}, which is not before it`);
    const after = new Map(this.after);
    const points = new Map(this.points);
    if (options !== undefined) after.set(step.name, options.after);
    if (options?.notBefore !== undefined) {
      const [holder, point] = options.notBefore.split(':');
      const beside = this.steps.find((candidate) => candidate.name === holder);
      if (beside === undefined || options.after.includes(holder!) || !beside.checkpoints?.includes(point!)) {
        throw new Error(
          `step ${step.name} starts not before ${options.notBefore}, which is not a point of a step before it that it does not wait for`,
        );
      }
      points.set(step.name, options.notBefore);
    }
    return new StepTable([...this.steps, step], after, points);
  }

  /** The step names, in order. */
  get names(): string[] {
    return this.steps.map((step) => step.name);
  }

  /** The steps a step waits for: the ones it was added `after`, or every step before it. */
  waitsFor(step: AnyStep): readonly string[] {
    return this.after.get(step.name) ?? this.names.slice(0, this.names.indexOf(step.name));
  }

  /** The point of another step a step starts no earlier than (see {@link BesideOptions.notBefore}). */
  notBefore(step: AnyStep): string | undefined {
    return this.points.get(step.name);
  }
}
