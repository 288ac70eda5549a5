/**
 * The methods each route answers, as the router has them, for what a request with another
 * method gets: `405` with `Allow` on a path that exists, `404` on one that does not.
 */
export class RouteMethods {
  private readonly routes: { pattern: RegExp; methods: Set<string> }[] = [];

  /** Records a route: Fastify's URL form (`/v1/projects/:id`, `/console/*`). */
  add(method: string | string[], url: string): void {
    const source = url
      .split('/')
      .map((segment) =>
        segment === '*' ? '.*' : segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      )
      .join('/');
    const pattern = new RegExp(`^${source}$`);
    let route = this.routes.find((candidate) => candidate.pattern.source === pattern.source);
    if (route === undefined) {
      route = { pattern, methods: new Set() };
      this.routes.push(route);
    }
    for (const one of [method].flat()) route.methods.add(one.toUpperCase());
  }

  /** The methods a path (without its query) answers, sorted; empty when no route matches it. */
  allowed(path: string): string[] {
    const methods = new Set<string>();
    for (const route of this.routes)
      if (route.pattern.test(path)) for (const method of route.methods) methods.add(method);
    return [...methods].sort();
  }
}
