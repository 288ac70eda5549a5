import { createHmac } from 'node:crypto';

/** How the platform logs in to tenant clusters: a role of its own, not the configured superuser. */
export interface PlatformLogin {
  /** `org_platform_<8 hex>`: a role and, on each cluster, a database of that name. */
  role: string;
  password: string;
}

/**
 * The platform role's name and password, derived from the control plane's secret key
 * (HMAC-SHA-256), so that every process of one control plane logs in as the same role
 * without the password being stored anywhere, and two control planes that share a tenant
 * cluster (two keys) each have a role, a template and tenants of their own.
 */
export function derivePlatformLogin(key: Buffer): PlatformLogin {
  const derive = (label: string) => createHmac('sha256', key).update(`org.platform-role:${label}`).digest();
  return {
    role: `org_platform_${derive('name').toString('hex').slice(0, 8)}`,
    password: derive('password').toString('base64url'),
  };
}
