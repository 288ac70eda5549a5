import { EXIT, parseCommandArgs, UsageError } from '@org/cli';
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
    if (action === 'create') {
      const { values } = parseCommandArgs(rest, {
        name: { type: 'string' },
        organization: { type: 'string' },
        all: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      });
      const name = values.name?.trim() ?? '';
      if (name === '' || name.length > 200) throw new UsageError('give the token a --name (1-200 characters)');
      if (values.all === (values.organization !== undefined)) {
        throw new UsageError('give either --organization ORG (a token of one organization) or --all');
      }
      if (values.organization !== undefined && !ORGANIZATION.test(values.organization)) {
        throw new UsageError(`--organization: '${values.organization}' is not an organization id`);
      }
      return withApiRuntime(config, async (runtime) => {
        await migrateApi(runtime.db.client.sql);
        const token = await new AdminTokenStore(runtime.db.client.sql).create({
          name,
          organizationId: values.organization ?? null,
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
      const { values } = parseCommandArgs(rest, { json: { type: 'boolean', default: false } });
      return withApiRuntime(config, async (runtime) => {
        await migrateApi(runtime.db.client.sql);
        const tokens = await new AdminTokenStore(runtime.db.client.sql).list();
        if (values.json) process.stdout.write(`${JSON.stringify(tokens)}\n`);
        for (const token of values.json ? [] : tokens) {
          process.stdout.write(
            `${token.id}  ${token.start}  ${token.organizationId ?? '(all)'}  ${token.name}  created ${token.createdAt}${token.revokedAt === null ? '' : `  revoked ${token.revokedAt}`}\n`,
          );
        }
        return EXIT.ok;
      });
    }
    if (action === 'revoke') {
      const [id] = parseCommandArgs(rest, {}, ['tokenId']).positionals as [string];
      return withApiRuntime(config, async (runtime) => {
        await migrateApi(runtime.db.client.sql);
        const revoked = await new AdminTokenStore(runtime.db.client.sql).revoke(id);
        process.stdout.write(revoked ? `revoked ${id}\n` : `no token ${id}\n`);
        return revoked ? EXIT.ok : EXIT.failed;
      });
    }
    throw new UsageError(
      action === undefined ? 'say create, list or revoke' : `'${action}' is not create, list or revoke`,
    );
  },
};
