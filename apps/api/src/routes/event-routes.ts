import { readEvents } from '@org/operations';
import { eventPage, eventQuery } from '../schemas/event-schemas.js';
import { problems } from '../schemas/problem-responses.js';
import type { ApiApp } from '../server/api-app.js';
import type { ApiContext } from '../server/api-context.js';
import { canSeeProject } from '../server/project-access.js';
import { tokenOf } from '../server/token-of.js';
import { eventView } from '../views/event-view.js';

export function registerEventRoutes(app: ApiApp, ctx: ApiContext): void {
  const sql = ctx.db.client.sql;

  app.get('/v1/events', {
    config: { auth: true },
    schema: {
      operationId: 'listEvents',
      summary: 'Read the event feed',
      description:
        'Every change of a project’s state and of an operation’s status, oldest first, from `after` on. Pass each page’s `next_cursor` as the next `after`: a reader following it sees every event once, including one whose transaction committed after a later one’s. Events are kept 30 days. A token of one organization reads only its own.',
      tags: ['events'],
      querystring: eventQuery,
      response: { 200: eventPage, ...problems() },
    },
    handler: async (request) => {
      const token = tokenOf(request);
      const query = request.query;
      const after = query.after ?? '0';
      const othersOnly =
        (token.organizationId !== null &&
          query.organization_id !== undefined &&
          query.organization_id !== token.organizationId) ||
        (query.project_id !== undefined && !(await canSeeProject(sql, token, query.project_id)));
      if (othersOnly) return { data: [], next_cursor: after };
      const events = await readEvents(sql, {
        after: Number(after),
        organizationId: token.organizationId ?? query.organization_id ?? null,
        ...(query.project_id === undefined ? {} : { projectId: query.project_id }),
        ...(query.types === undefined ? {} : { types: query.types }),
        limit: query.limit,
      });
      return {
        data: events.map(eventView),
        next_cursor: events.length === 0 ? after : String(events.at(-1)!.position),
      };
    },
  });
}
