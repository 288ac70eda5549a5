export { awaitStopSignal, type StopSignal } from './await-stop-signal.js';
export { EXIT } from './exit-codes.js';
export { parseCommandArgs } from './parse-command-args.js';
export { UsageError } from './usage-error.js';
