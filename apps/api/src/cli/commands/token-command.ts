import { parseArgs } from 'node:util';
import { EXIT } from '@org/worker';
import { AdminTokenStore } from '../../auth/admin-token-store.js';
import { migrateApi } from '../../migrate-api.js';
import type { ApiCommand } from '../api-command.js';
import { withApiRuntime } from '../api-runtime.js';

const ORGANIZATION = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

export const tokenCommand: ApiCommand = {
  name: 'token',
  summary: 'Create, list or revoke admin tokens',
  usage: `Usage: control-plane-api token create --name NAME (--organization ORG | --all) [--json]
       control-plane-api token list [--json]
       control-plane-api token revoke TOKEN_ID

create   A token for one organization (it sees and touches only that organization's
         projects) or for all. Its plaintext is printed once and stored nowhere: only
         its hash is kept.
list     Every token: id, name, organization, display start, created, revoked.
revoke   At once, for every API process (they are told by NOTIFY).`,
  async run(args, config) {
    const [action, ...rest] = args;
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        organization: { type: 'string' },
        all: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    });
    if (action === 'create') {
      const organization = values.organization;
      const valid =
        values.name !== undefined &&
        values.name.trim() !== '' &&
        values.name.length <= 200 &&
        (values.all ? organization === undefined : organization !== undefined && ORGANIZATION.test(organization));
      if (!valid) {
        process.stderr.write(`${this.usage}\n`);
        return EXIT.config;
      }
      return withApiRuntime(config, async (runtime) => {
        await migrateApi(runtime.ctx.db.client.sql);
        const token = await new AdminTokenStore(runtime.ctx.db.client.sql).create({
          name: values.name!,
          organizationId: values.all ? null : organization!,
        });
        if (values.json) process.stdout.write(`${JSON.stringify(token)}\n`);
        else {
          process.stdout.write(
            `token ${token.id} (${token.organizationId === null ? 'all organizations' : `organization ${token.organizationId}`}), shown this once:\n${token.token}\n`,
          );
        }
        return EXIT.ok;
      });
    }
    if (action === 'list') {
      return withApiRuntime(config, async (runtime) => {
        await migrateApi(runtime.ctx.db.client.sql);
        const tokens = await new AdminTokenStore(runtime.ctx.db.client.sql).list();
        if (values.json) process.stdout.write(`${JSON.stringify(tokens)}\n`);
        for (const token of values.json ? [] : tokens) {
          process.stdout.write(
            `${token.id}  ${token.start}  ${token.organizationId ?? '(all)'}  ${token.name}  created ${token.createdAt}${token.revokedAt === null ? '' : `  revoked ${token.revokedAt}`}\n`,
          );
        }
        return EXIT.ok;
      });
    }
    if (action === 'revoke' && positionals.length === 1) {
      return withApiRuntime(config, async (runtime) => {
        await migrateApi(runtime.ctx.db.client.sql);
        const revoked = await new AdminTokenStore(runtime.ctx.db.client.sql).revoke(positionals[0]!);
        process.stdout.write(revoked ? `revoked ${positionals[0]}\n` : `no token ${positionals[0]}\n`);
        return revoked ? EXIT.ok : EXIT.failed;
      });
    }
    process.stderr.write(`${this.usage}\n`);
    return EXIT.config;
  },
};
