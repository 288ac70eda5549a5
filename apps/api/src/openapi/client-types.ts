import openapiTS, { astToString } from 'openapi-typescript';

/** The TypeScript types `openapi-typescript` makes of the document, as the client imports them. */
export async function clientTypes(document: Record<string, unknown>): Promise<string> {
  // A field with a default may be left out of a request: it is optional in the client's types too.
  const ast = await openapiTS(document as never, { alphabetize: true, defaultNonNullable: false });
  return `// Generated from openapi.json by \`npm run openapi -w @org/api\`: do not edit.\n${astToString(ast)}`;
}
