import { existsSync } from 'node:fs';
import { defineConfig } from 'tsup';

/**
 * One build for every package, run from the package directory: ESM and CJS side by side
 * with their own .d.ts/.d.cts, dependencies left external but one. postgres.js is bundled,
 * so an installed package runs the release this repository's tests prove (connection loss,
 * sustained load: patches/README.md) whatever copy a team's tree resolves; its types still
 * come from the `postgres` dependency.
 */
export default defineConfig({
  entry: ['src/index.ts', 'src/testing/index.ts', 'src/internal/index.ts', 'src/cli.ts'].filter((entry) =>
    existsSync(entry),
  ),
  format: ['esm', 'cjs'],
  target: 'node22',
  platform: 'node',
  // The repo's tsconfigs are composite project references; tsup's d.ts pass cannot be.
  dts: { compilerOptions: { composite: false, emitDeclarationOnly: false, declarationMap: false } },
  sourcemap: true,
  clean: true,
  splitting: false,
  shims: true,
  noExternal: ['postgres'],
});
