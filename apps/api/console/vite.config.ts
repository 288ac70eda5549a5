import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The operations console: a static page the API serves under /console (src/console/).
// Built into the package's dist/, so an installed @org/api serves it with no CDN and no
// build of its own.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Small enough to inline nothing: every asset is a file the server sends with its own type.
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
  logLevel: 'warn',
});
