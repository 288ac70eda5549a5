import type { SecretBox } from '@org/db';
import type { Sql, TransactionSql } from 'postgres';
import type { ProvisioningData } from './provisioning-result.js';

/** Unclaimed one-time results are deleted after this long. */
export const RESULT_TTL_HOURS = 24;

/**
 * The one-time results of queued provisionings and password resets, sealed with
 * AES-256-GCM and bound to the project id, so a value copied onto another row does not open.
 */
export class ResultStore {
  constructor(
    private readonly sql: Sql,
    private readonly secrets: SecretBox,
  ) {}

  seal(projectId: string, data: ProvisioningData): string {
    return this.secrets.seal(JSON.stringify(data), projectId);
  }

  open(projectId: string, sealed: string): ProvisioningData {
    return JSON.parse(this.secrets.open(sealed, projectId)) as ProvisioningData;
  }

  /** Keeps a result for one claim (the first one stored wins). */
  async store(projectId: string, data: ProvisioningData): Promise<void> {
    await this.sql`
      insert into control_plane.provisioning_results (project_id, sealed, expires_at)
      values (${projectId}, ${this.seal(projectId, data)}, now() + make_interval(hours => ${RESULT_TTL_HOURS}))
      on conflict (project_id) do nothing`;
  }

  /**
   * Keeps a result for one claim in place of any unclaimed one: a password reset's new
   * credentials make a waiting result's password useless.
   */
  async replace(projectId: string, data: ProvisioningData): Promise<void> {
    await this.sql`
      insert into control_plane.provisioning_results (project_id, sealed, expires_at)
      values (${projectId}, ${this.seal(projectId, data)}, now() + make_interval(hours => ${RESULT_TTL_HOURS}))
      on conflict (project_id) do update set sealed = excluded.sealed, created_at = now(), expires_at = excluded.expires_at`;
  }

  /** The stored result without claiming it, or undefined. */
  async peek(projectId: string): Promise<ProvisioningData | undefined> {
    const [row] = await this.sql<{ sealed: string }[]>`
      select sealed from control_plane.provisioning_results where project_id = ${projectId} and expires_at > now()`;
    return row === undefined ? undefined : this.open(projectId, row.sealed);
  }

  /**
   * Returns the plaintext result exactly once: the row is deleted as it is read, so a
   * second claim (or a concurrent one) gets undefined. Expired results cannot be claimed.
   * `sql` is a transaction of the caller's, to claim together with what it writes.
   */
  async claim(projectId: string, sql: Sql | TransactionSql = this.sql): Promise<ProvisioningData | undefined> {
    const [row] = await sql<{ sealed: string; live: boolean }[]>`
      delete from control_plane.provisioning_results where project_id = ${projectId}
      returning sealed, expires_at > now() as live`;
    return row === undefined || !row.live ? undefined : this.open(projectId, row.sealed);
  }

  /** Deletes results nobody claimed in time. Returns how many. */
  async purgeExpired(): Promise<number> {
    const rows = await this.sql`delete from control_plane.provisioning_results where expires_at < now() returning 1`;
    return rows.length;
  }
}
