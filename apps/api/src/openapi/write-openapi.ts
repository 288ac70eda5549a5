/**
 * `npm run openapi -w @org/api`: writes the OpenAPI document (`openapi.json`) and the typed
 * client's types generated from it (`src/client/api-schema.ts`). Both are committed; a
 * test fails when either differs from what the server's schemas give now.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from './openapi-document.js';
import { clientTypes } from './client-types.js';

const root = join(import.meta.dirname, '../..');
const document = await openApiDocument();
writeFileSync(join(root, 'openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
writeFileSync(join(root, 'src/client/api-schema.ts'), await clientTypes(document));
console.log('wrote openapi.json and src/client/api-schema.ts');
