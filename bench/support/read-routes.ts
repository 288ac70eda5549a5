import { generateApiKeys } from '@org/api-keys';
import { createProject, type DbContext } from '@org/db';
import type { HttpLoadCase } from './http-load.js';

/** A route as a bench loads it, with the name its table prints. */
export type NamedLoadCase = HttpLoadCase & { name: string };

/**
 * The API's two hot reads, `GET /v1/projects/{id}` and `POST /v1/api-keys/verify`, over
 * `projects` fresh projects with 5 keys each, so every request looks up a row of a
 * populated table (requests take the projects and keys in turn).
 */
export async function seedReadRoutes(db: DbContext, projects = 200): Promise<NamedLoadCase[]> {
  const projectIds: string[] = [];
  const keys: string[] = [];
  for (let n = 0; n < projects; n++) {
    const project = await createProject(
      { name: `bench api ${n}`, region: 'us-east-1', ownerId: 'bench', organizationId: 'bench' },
      db,
    );
    projectIds.push(project.id);
    keys.push(...(await generateApiKeys({ projectId: project.id, count: 5 }, {}, db)).map((key) => key.key));
  }
  return [
    {
      name: 'GET /v1/projects/{id}',
      method: 'GET',
      path: (i) => `/v1/projects/${projectIds[i % projectIds.length]}`,
    },
    {
      name: 'POST /v1/api-keys/verify',
      method: 'POST',
      path: () => '/v1/api-keys/verify',
      body: (i) => JSON.stringify({ key: keys[i % keys.length] }),
    },
  ];
}
