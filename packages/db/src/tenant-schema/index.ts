export { auditLogs } from './audit-logs.js';
export { settings } from './settings.js';
