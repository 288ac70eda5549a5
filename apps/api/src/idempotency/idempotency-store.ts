import { createHash } from 'node:crypto';
import type { SecretBox } from '@org/db';
import { ErrorCodes } from '@org/errors';
import type { Sql, TransactionSql } from 'postgres';
import { ApiProblem } from '../http/api-problem.js';

/** An answer as it is kept for a repeat: status, the headers that matter, the body. */
export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Who asked with which key, for what request. */
export interface IdempotencyScope {
  tokenId: string;
  key: string;
  /** Method, path and body: a repeat must carry the same. */
  request: string;
}

/** A key is 1-255 visible ASCII characters (no spaces), as clients generate them (UUIDs, ULIDs). */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` for the API's POST and DELETE requests. The first request with a key
 * runs its handler in a transaction that also holds the key's row, and the answer is
 * written to the row before the commit: its writes and its answer are kept together or
 * not at all. A repeat of the same request (same method, path and body) gets the stored
 * answer, a different one is a 422; a concurrent repeat waits on the row for the first to
 * commit, so twenty at once still do the work once. An answer that is a problem is not
 * kept (the transaction rolls back): a repeat runs again. Keys expire after the TTL.
 */
export class IdempotencyStore {
  constructor(
    private readonly sql: Sql,
    private readonly secrets: SecretBox,
    private readonly ttlHours: number,
  ) {}

  /**
   * Runs `handler` once for `scope`, or answers as its first run did. `keepMinutes` keeps
   * this answer for less than the store's TTL: a claim of a one-time result keeps its
   * secrets (sealed) only for the short while a client may need to ask again.
   */
  async run(
    scope: IdempotencyScope,
    handler: (tx: TransactionSql) => Promise<StoredAnswer>,
    options: { keepMinutes?: number } = {},
  ): Promise<{ answer: StoredAnswer; replayed: boolean }> {
    const keepMinutes = options.keepMinutes ?? this.ttlHours * 60;
    const requestHash = createHash('sha256').update(scope.request).digest('hex');
    const binding = `${scope.tokenId}:${scope.key}`;
    return this.sql.begin(async (tx) => {
      await tx`
        delete from control_plane.api_idempotency_keys
        where token_id = ${scope.tokenId} and key = ${scope.key} and expires_at <= now()`;
      const inserted = await tx`
        insert into control_plane.api_idempotency_keys (token_id, key, request_hash, expires_at)
        values (${scope.tokenId}, ${scope.key}, ${requestHash}, now() + make_interval(mins => ${keepMinutes}))
        on conflict (token_id, key) do nothing
        returning 1`;
      if (inserted.length === 0) {
        const [row] = await tx<{ request_hash: string; response: string | null }[]>`
          select request_hash, response from control_plane.api_idempotency_keys
          where token_id = ${scope.tokenId} and key = ${scope.key}`;
        if (row === undefined || row.response === null || row.request_hash !== requestHash) {
          throw new ApiProblem(
            422,
            ErrorCodes.IDEMPOTENCY_KEY_REUSED,
            'Idempotency key reused',
            'This Idempotency-Key was used for a different request',
          );
        }
        return { answer: JSON.parse(this.secrets.open(row.response, binding)) as StoredAnswer, replayed: true };
      }
      const answer = await handler(tx);
      await tx`
        update control_plane.api_idempotency_keys
        set status = ${answer.status}, response = ${this.secrets.seal(JSON.stringify(answer), binding)}
        where token_id = ${scope.tokenId} and key = ${scope.key}`;
      return { answer, replayed: false };
    });
  }

  /** Runs `handler` in a transaction of its own, for a request without a key. */
  once(handler: (tx: TransactionSql) => Promise<StoredAnswer>): Promise<StoredAnswer> {
    return this.sql.begin(handler);
  }

  /** Deletes expired keys; returns how many. */
  async purgeExpired(): Promise<number> {
    const rows = await this.sql`delete from control_plane.api_idempotency_keys where expires_at <= now() returning 1`;
    return rows.length;
  }
}
