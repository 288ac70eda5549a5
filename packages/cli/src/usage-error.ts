/**
 * A command line a command cannot run with, in one sentence saying what is wrong (an
 * unknown option, a missing or malformed argument). The CLIs print it with the command's
 * name and exit 2.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
