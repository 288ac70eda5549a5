import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { document, type DocumentedRoute } from './openapi-routes.js';

// The committed document, whole, so that its `$ref`s into components resolve.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(document, 'openapi.json');

const pointer = (...parts: string[]) => parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/**
 * What is wrong with an answer of `route` by the document: a status it does not list, a
 * content type it does not name for that status, or a body its schema refuses (each
 * mismatch in a line); undefined when the answer is what the document says.
 */
export function undocumented(
  route: Pick<DocumentedRoute, 'path' | 'method'>,
  answer: { status: number; contentType: string; body: unknown },
): string | undefined {
  const operation = (document.paths[route.path] ?? {})[route.method] as
    { responses: Record<string, { content?: Record<string, { schema?: unknown }> }> } | undefined;
  const response = operation?.responses[String(answer.status)];
  if (response === undefined) return `status ${answer.status} is not documented`;
  const type = answer.contentType.split(';')[0]!.trim();
  const content = response.content ?? {};
  if (Object.keys(content).length === 0) return undefined;
  if (content[type] === undefined)
    return `${type} is not documented for ${answer.status} (${Object.keys(content).join(', ')})`;
  if (content[type].schema === undefined || (type !== 'application/json' && type !== 'application/problem+json')) {
    return undefined;
  }
  const ref = `openapi.json#/${pointer('paths', route.path, route.method, 'responses', String(answer.status), 'content', type, 'schema')}`;
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  if (validate(answer.body)) return undefined;
  return (validate.errors ?? [])
    .slice(0, 5)
    .map((error) => `${error.instancePath || '(body)'} ${error.message ?? ''}`)
    .join('; ');
}
