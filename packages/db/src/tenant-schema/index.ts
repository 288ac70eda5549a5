export { auditLogs } from './audit-logs.js';
export { settings } from './settings.js';
export { platformSchema } from './platform-schema.js';
