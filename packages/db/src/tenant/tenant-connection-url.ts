/** The cluster URL pointed at another database, optionally as another user. */
export function tenantConnectionUrl(
  clusterUrl: string,
  databaseName: string,
  login?: { user: string; password: string },
): string {
  const url = new URL(clusterUrl);
  url.pathname = `/${databaseName}`;
  if (login !== undefined) {
    url.username = encodeURIComponent(login.user);
    url.password = encodeURIComponent(login.password);
  }
  return url.toString();
}
