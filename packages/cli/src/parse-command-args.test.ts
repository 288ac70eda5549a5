import { describe, expect, it } from 'vitest';
import { parseCommandArgs } from './parse-command-args.js';
import { UsageError } from './usage-error.js';

const refusal = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('parseCommandArgs', () => {
  const options = { keys: { type: 'string', default: '2' }, json: { type: 'boolean', default: false } } as const;

  it('parses options and the positionals the command takes', () => {
    const { values, positionals } = parseCommandArgs(['p1', '--keys', '5', '--json'], options, ['projectId']);
    expect(values).toEqual({ keys: '5', json: true });
    expect(positionals).toEqual(['p1']);
  });

  it.each([
    [['--demoo'], [], "unknown option '--demoo'"],
    [['--keys'], [], "option '--keys <value>' argument missing"],
    [['a', 'b'], ['projectId'], "unexpected argument 'b'"],
    [[], ['projectId'], 'missing <projectId>'],
  ] as const)('%j is a UsageError saying what is wrong in one line', (args, positionals, message) => {
    const error = refusal(() => parseCommandArgs([...args], options, positionals));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(message);
    expect((error as UsageError).message).not.toContain('\n');
  });

  it('takes --no-<option> only when the command allows negatives', () => {
    const flags = { auth: { type: 'boolean', default: true } } as const;
    expect(parseCommandArgs(['--no-auth'], flags, [], { allowNegative: true }).values.auth).toBe(false);
    expect(refusal(() => parseCommandArgs(['--no-auth'], flags))).toBeInstanceOf(UsageError);
  });
});
