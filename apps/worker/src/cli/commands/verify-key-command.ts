import { verifyApiKey } from '@org/api-keys';
import { EXIT, parseCommandArgs } from '@org/cli';
import type { Command } from '../command.js';
import { withCommandRuntime } from '../command-runtime.js';

export const verifyKeyCommand: Command = {
  name: 'verify-key',
  summary: 'Check an API key as a service would (@org/api-keys verifyApiKey)',
  usage: `Usage: provisioning-worker verify-key <key>

Verifies a project's API key against the control plane, as another team's service does
with @org/api-keys: prints whether it is valid, and the key's id, project and scopes, or
why it is refused (malformed, not_found, revoked, rotated, expired). Exit code 0 when
valid, 1 when refused, 3 when the control plane did not answer (the key was not judged).`,
  async run(args, config) {
    const key = parseCommandArgs(args, {}, ['key']).positionals[0]!;
    return withCommandRuntime(config, async (runtime) => {
      const verdict = await verifyApiKey(key, {}, runtime.ctx.db);
      if (!verdict.valid && verdict.reason === 'unavailable') {
        process.stderr.write('could not verify: the control-plane database did not answer\n');
        return EXIT.unavailable;
      }
      if (!verdict.valid) {
        process.stdout.write(`refused: ${verdict.reason}\n`);
        return EXIT.failed;
      }
      const { id, projectId, scopes } = verdict.key;
      process.stdout.write(`valid: key ${id} of project ${projectId}, scopes ${scopes.join(', ')}\n`);
      return EXIT.ok;
    });
  },
};
