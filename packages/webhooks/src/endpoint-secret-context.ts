/**
 * The associated data a webhook secret is sealed with: the endpoint's id, so a sealed secret
 * copied onto another endpoint's row does not open.
 */
export function endpointSecretContext(endpointId: string): string {
  return `webhook-endpoint:${endpointId}`;
}
