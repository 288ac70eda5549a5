import { randomUUID } from 'node:crypto';
import { apiKeyStart, createApiKeyValue, hashApiKey, parseApiKey, type RESERVED_API_KEY_PREFIXES } from '@org/api-keys';
import type { Sql } from 'postgres';
import { LruMap, openNotificationFeed, type NotificationFeed } from '@org/db';

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
/** Longer than any token `createApiKeyValue` makes (103 characters): refused before it is hashed. */
const MAX_TOKEN_LENGTH = 128;
/** Tokens remembered as valid: far more than a deployment has. */
const KNOWN_LIMIT = 10_000;
/** Made-up or revoked tokens remembered as such, apart: a flood of them cannot push out a valid one. */
const UNKNOWN_LIMIT = 1_000;

/**
 * The API's admin tokens: created (by the CLI), listed, revoked, and checked on every
 * request. A check costs no query while its answer is cached (a minute for a known token,
 * five seconds for an unknown one), in two bounded caches that forget the least recently
 * used first, so made-up tokens never evict valid ones; a revocation is sent to every API
 * process by NOTIFY, which drops the token from their caches at once. Cached answers are
 * used only while the revocations' `NotificationFeed` is trusted (every revocation
 * committed more than a second ago has arrived): a process whose listening connection is
 * cut or behind asks the database instead, within a second, and drops its whole cache when
 * the feed catches up, since it may have missed one.
 */
export class AdminTokenStore {
  private readonly known = new LruMap<string, { token: AdminToken; until: number }>(KNOWN_LIMIT);
  private readonly unknown = new LruMap<string, number>(UNKNOWN_LIMIT);
  private readonly names = new LruMap<string, string>(KNOWN_LIMIT);
  private feed: NotificationFeed | undefined;
  /** Moves on each revocation heard: a check whose query began before one must not cache its answer. */
  private epoch = 0;

  /** `staleAfterMs`: how far behind the revocations cached answers may be (default 1000). */
  constructor(
    private readonly sql: Sql,
    private readonly options: { staleAfterMs?: number } = {},
  ) {}

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

  /**
   * What this process can answer about a presented token without a query: its active token,
   * `null` (refused: malformed, or unknown moments ago) or `undefined` (ask
   * {@link authenticate}). Synchronous, so the request hook spends no promise on the usual case.
   */
  remembered(presented: string): AdminToken | null | undefined {
    const answer = this.recall(presented);
    return typeof answer === 'string' ? undefined : answer;
  }

  /** {@link remembered}'s answer, or the token's hash when the database must be asked. */
  private recall(presented: string): AdminToken | null | string {
    if (presented.length > MAX_TOKEN_LENGTH) return null;
    const hash = hashApiKey(presented);
    if (this.trusted) {
      // Only well-formed tokens are ever remembered: a known hash needs no format check.
      const now = Date.now();
      const known = this.known.get(hash);
      if (known !== undefined && known.until > now) return known.token;
      if ((this.unknown.get(hash) ?? 0) > now) return null;
    }
    return parseApiKey(presented)?.prefix === ADMIN_TOKEN_PREFIX ? hash : null;
  }

  /** The active token a request presented, or undefined (malformed, unknown or revoked). */
  async authenticate(presented: string): Promise<AdminToken | undefined> {
    const hash = this.recall(presented);
    if (typeof hash !== 'string') return hash ?? undefined;
    const now = Date.now();
    const epoch = this.epoch;
    const [row] = await this.sql<TokenRow[]>`
      select id, name, organization_id, token_start, created_at, revoked_at
      from control_plane.api_admin_tokens where token_hash = ${hash}`;
    const token = row === undefined || row.revoked_at !== null ? undefined : toAdminToken(row);
    // A revocation heard while the query ran may be newer than its answer: use it, keep none.
    if (epoch !== this.epoch) return token;
    if (token === undefined) {
      this.known.delete(hash);
      this.unknown.set(hash, now + UNKNOWN_TTL_MS);
      return undefined;
    }
    this.known.set(hash, { token, until: now + KNOWN_TTL_MS });
    this.names.set(token.id, token.name);
    return token;
  }

  /**
   * The names of the tokens `ids` (revoked ones too), for showing who asked for an
   * operation; an id that is no token of ours (a CLI's, say) has none. Names never change,
   * so each is read once.
   */
  async namesOf(ids: Iterable<string | null>): Promise<Map<string, string>> {
    const wanted = [...new Set(ids)].filter((id): id is string => id !== null);
    const missing = wanted.filter((id) => this.names.get(id) === undefined);
    if (missing.length > 0) {
      const rows = await this.sql<{ id: string; name: string }[]>`
        select id, name from control_plane.api_admin_tokens where id = any(${missing})`;
      for (const row of rows) this.names.set(row.id, row.name);
    }
    const names = new Map<string, string>();
    for (const id of wanted) {
      const name = this.names.get(id);
      if (name !== undefined) names.set(id, name);
    }
    return names;
  }

  /** Whether checks are answered from the cache now: listening, and no more than `staleAfterMs` behind. */
  get trusted(): boolean {
    return this.feed?.trusted === true;
  }

  /**
   * Listens for revocations (see the class); until it does, every check asks the database.
   * Resolves with a function that stops listening.
   */
  async listen(): Promise<() => Promise<void>> {
    const feed = await openNotificationFeed(this.sql, REVOKED_CHANNEL, {
      ...(this.options.staleAfterMs !== undefined && { staleAfterMs: this.options.staleAfterMs }),
      onMessage: (id) => {
        this.epoch++;
        for (const [hash, entry] of [...this.known]) if (entry.token.id === id) this.known.delete(hash);
      },
      onGap: () => {
        this.epoch++;
        this.known.clear();
        this.unknown.clear();
      },
    });
    this.feed = feed;
    return () => feed.close();
  }
}
