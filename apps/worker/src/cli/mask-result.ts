import type { ProvisioningData } from '@org/operations';

/** The result with its secrets shortened to recognisable stubs, for screens that are not the one-time display. */
export function maskResult(data: ProvisioningData): ProvisioningData {
  return {
    ...data,
    database: {
      ...data.database,
      password: '********',
      connection_string: data.database.connection_string.replace(/:[^:@/]+@/, ':********@'),
    },
    api_keys: data.api_keys.map((key) => ({ ...key, key: key.start })),
  };
}
