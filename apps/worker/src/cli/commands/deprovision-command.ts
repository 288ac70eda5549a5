import { isUuid } from '@org/db';
import { createLogger } from '../../observability/create-logger.js';
import { deprovisionProject } from '../../provisioning/compensate-provisioning.js';
import { openRuntime } from '../../runtime/open-runtime.js';
import type { Command } from '../command.js';

export const deprovisionCommand: Command = {
  name: 'deprovision',
  summary: 'Tear a project down: revoke keys, disable services, drop its database',
  usage: `Usage: provisioning-worker deprovision <projectId>

Revokes the project's API keys, disables its services and drops its tenant database and
role, holding the project's lock so it never overlaps a provisioning. The project ends
\`deprovisioned\` and cannot be provisioned again. Idempotent.`,
  async run(args, config) {
    const projectId = args.find((arg) => !arg.startsWith('--'));
    if (projectId === undefined || !isUuid(projectId)) {
      process.stderr.write(`${this.usage}\n`);
      return 2;
    }
    const runtime = await openRuntime(config, {
      logger: createLogger({ level: config.logLevel }),
      startEmbedded: false,
    });
    try {
      const report = await deprovisionProject(projectId.toLowerCase(), runtime.ctx);
      process.stdout.write(
        `deprovisioned ${projectId}: ${report.revokedKeys} keys revoked, ${report.disabledServices} services disabled, database dropped\n`,
      );
      return 0;
    } finally {
      await runtime.close();
    }
  },
};
