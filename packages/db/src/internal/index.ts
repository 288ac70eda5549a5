// Helpers the other @org packages share with @org/db. Documented in the README under
// "@org/db/internal"; not part of the API other teams should build on.
export { packageFolder } from './package-folder.js';
export { parseInput } from './parse-input.js';
