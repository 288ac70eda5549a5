export { testDatabaseUrl } from './test-database-url.js';
export { uniqueName } from './unique-name.js';
