import { randomUUID } from 'node:crypto';
import { apiKeyStart, createApiKeyValue, hashApiKey, parseApiKey, type RESERVED_API_KEY_PREFIXES } from '@org/api-keys';
import type { Sql } from 'postgres';

/** What every admin token starts with (a prefix `@org/api-keys` keeps from projects' keys); the rest has the shape and checksum of our API keys. */
export const ADMIN_TOKEN_PREFIX = 'cpadmin' satisfies (typeof RESERVED_API_KEY_PREFIXES)[number];

/** NOTIFY channel on which a revocation reaches every API process at once. */
const REVOKED_CHANNEL = 'api_admin_token_revoked';

/** An admin token as listed: never its plaintext or hash. */
export interface AdminToken {
  id: string;
  name: string;
  /** The one organization it acts for; null: all of them. */
  organizationId: string | null;
  /** Display form: prefix, timestamp and 6 hex characters. */
  start: string;
  createdAt: string;
  revokedAt: string | null;
}

/** A new token: the only time its plaintext exists. */
export interface CreatedAdminToken extends AdminToken {
  token: string;
}

interface TokenRow {
  id: string;
  name: string;
  organization_id: string | null;
  token_start: string;
  created_at: Date | string;
  revoked_at: Date | string | null;
}

function toAdminToken(row: TokenRow): AdminToken {
  return {
    id: row.id,
    name: row.name,
    organizationId: row.organization_id,
    start: row.token_start,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at).toISOString(),
  };
}

/** How long an answer about a token is reused: known tokens, and (shorter) unknown ones. */
const KNOWN_TTL_MS = 60_000;
const UNKNOWN_TTL_MS = 5_000;
const CACHE_LIMIT = 10_000;

/**
 * The API's admin tokens: created (by the CLI), listed, revoked, and checked on every
 * request. A check costs no query while its answer is cached (a minute for a known token,
 * five seconds for an unknown one); a revocation is sent to every API process by NOTIFY,
 * which drops the token from their caches at once, and a process whose listening
 * connection was lost drops its whole cache when it listens again, since it may have
 * missed one.
 */
export class AdminTokenStore {
  private readonly cache = new Map<string, { token: AdminToken | undefined; until: number }>();

  constructor(private readonly sql: Sql) {}

  /** Creates a token for `organizationId` (null: every organization). Its plaintext is returned once. */
  async create(params: { name: string; organizationId: string | null }): Promise<CreatedAdminToken> {
    const token = createApiKeyValue(ADMIN_TOKEN_PREFIX);
    const [row] = await this.sql<TokenRow[]>`
      insert into control_plane.api_admin_tokens (id, name, organization_id, token_hash, token_start)
      values (${`tok_${randomUUID()}`}, ${params.name}, ${params.organizationId}, ${hashApiKey(token)}, ${apiKeyStart(token)})
      returning id, name, organization_id, token_start, created_at, revoked_at`;
    return { ...toAdminToken(row!), token };
  }

  /** Every token, newest first (revoked ones included). */
  async list(): Promise<AdminToken[]> {
    const rows = await this.sql<TokenRow[]>`
      select id, name, organization_id, token_start, created_at, revoked_at
      from control_plane.api_admin_tokens order by created_at desc, id`;
    return rows.map(toAdminToken);
  }

  /** Revokes a token for every API process at once. False when no such token exists. */
  async revoke(id: string): Promise<boolean> {
    const rows = await this.sql.begin(async (tx) => {
      const updated = await tx`
        update control_plane.api_admin_tokens set revoked_at = coalesce(revoked_at, now()) where id = ${id} returning id`;
      if (updated.length > 0) await tx`select pg_notify(${REVOKED_CHANNEL}, ${id})`;
      return updated;
    });
    return rows.length > 0;
  }

  /** The active token a request presented, or undefined (malformed, unknown or revoked). */
  async authenticate(presented: string): Promise<AdminToken | undefined> {
    const parsed = parseApiKey(presented);
    if (parsed?.prefix !== ADMIN_TOKEN_PREFIX) return undefined;
    const hash = hashApiKey(presented);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached !== undefined && cached.until > now) return cached.token;
    const [row] = await this.sql<TokenRow[]>`
      select id, name, organization_id, token_start, created_at, revoked_at
      from control_plane.api_admin_tokens where token_hash = ${hash}`;
    const token = row === undefined || row.revoked_at !== null ? undefined : toAdminToken(row);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(hash, { token, until: now + (token === undefined ? UNKNOWN_TTL_MS : KNOWN_TTL_MS) });
    return token;
  }

  /** Listens for revocations (see the class). Resolves with a function that stops listening. */
  async listen(): Promise<() => Promise<void>> {
    const subscription = await this.sql.listen(
      REVOKED_CHANNEL,
      (id) => {
        for (const [hash, entry] of this.cache) if (entry.token?.id === id) this.cache.delete(hash);
      },
      () => this.cache.clear(),
    );
    return () => subscription.unlisten();
  }
}
