import { isUuid } from '@org/db';
import { deprovisionProject } from '../../provisioning/deprovision-project.js';
import type { Command } from '../command.js';
import { withCommandRuntime } from '../command-runtime.js';
import { parseCommandArgs, UsageError } from '../parse-command-args.js';

export const deprovisionCommand: Command = {
  name: 'deprovision',
  summary: 'Tear a project down: revoke keys, disable services, drop its database',
  usage: `Usage: provisioning-worker deprovision <projectId>

Revokes the project's API keys, disables its services and drops its tenant database and
role, holding the project's lock so it never overlaps a provisioning. The project ends
\`deprovisioned\` and cannot be provisioned again. Idempotent.`,
  async run(args, config) {
    const { positionals } = parseCommandArgs(args, {}, ['projectId']);
    const projectId = positionals[0]!;
    if (!isUuid(projectId)) throw new UsageError(`'${positionals[0]!}' is not a project id (a UUID)`);
    return withCommandRuntime(config, async (runtime) => {
      const report = await deprovisionProject(projectId.toLowerCase(), runtime.ctx);
      const [keys, services, databases] = [report['api_keys'] ?? 0, report['services'] ?? 0, report['database'] ?? 0];
      process.stdout.write(
        keys + services + databases === 0
          ? `${projectId} is deprovisioned; there was nothing to remove\n`
          : `deprovisioned ${projectId}: ${keys} keys revoked, ${services} services disabled, ${databases === 0 ? 'no database left' : 'database dropped'}\n`,
      );
      return 0;
    });
  },
};
