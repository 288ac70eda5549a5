import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

/**
 * A command's arguments, parsed strictly (`node:util` parseArgs): an unknown option, an
 * option without its value, and a positional argument too many or too few are each a
 * {@link UsageError} naming it. `positionals` names the arguments the command takes, in order.
 */
export function parseCommandArgs<const Options extends ParseArgsOptionsConfig>(
  args: string[],
  options: Options,
  positionals: readonly string[] = [],
  config: { allowNegative?: boolean } = {},
) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true, ...config });
  } catch (error) {
    // Its first sentence ("Unknown option '--demoo'"); the rest is advice about '--'.
    throw new UsageError((error as Error).message.split(/\. |\n/)[0]!.replace(/^\w/, (c) => c.toLowerCase()));
  }
  const [extra] = parsed.positionals.slice(positionals.length);
  if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`);
  const missing = positionals[parsed.positionals.length];
  if (missing !== undefined) throw new UsageError(`missing <${missing}>`);
  return parsed;
}
