import { packageTestConfig } from '../../tools/vitest.config.js';

export default packageTestConfig({ database: true });
