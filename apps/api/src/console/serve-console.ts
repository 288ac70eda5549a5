import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { packageFolder } from '@org/db/internal';
import type { ApiApp } from '../server/api-app.js';

/** Where the console's build lands (`npm run build:console -w @org/api`; part of `build`). */
export const CONSOLE_DIR = packageFolder(import.meta.url, 'dist/console');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

// The page loads nothing from anywhere but this server and talks to nothing but this API;
// no inline script runs, no other site may frame it (a click on "Delete" is the operator's).
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

interface Asset {
  type: string;
  body: Buffer;
  gzipped: Buffer;
  /** Vite names built assets by their content: cached for good. */
  immutable: boolean;
}

/** Every file of the build, read and gzipped once (the whole console is a few tens of KB). */
function readAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const body = readFileSync(path);
        const name = relative(dir, path).split('\\').join('/');
        assets.set(name, {
          type: TYPES[extname(name)] ?? 'application/octet-stream',
          body,
          gzipped: gzipSync(body, { level: 9 }),
          immutable: name.startsWith('assets/'),
        });
      }
    }
  };
  walk(dir);
  return assets;
}

/**
 * Serves the operations console under `/console/` from `dir` (the package's own build by
 * default): static files only. The page holds no data: it asks the API for everything
 * with the admin token the operator signs in with, so the same tokens guard it. Without a
 * build, `/console/` says how to make one. `/` leads to it.
 */
export function registerConsole(app: ApiApp, dir = CONSOLE_DIR): void {
  const assets = existsSync(join(dir, 'index.html')) ? readAssets(dir) : undefined;
  const hide = { hide: true } as const;

  app.get('/', { schema: hide }, (_request, reply) => reply.redirect('/console/'));
  app.get('/console', { schema: hide }, (_request, reply) => reply.redirect('/console/'));
  app.get('/console/*', { schema: hide }, (request, reply) => {
    void reply.headers(SECURITY_HEADERS);
    if (assets === undefined) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(
          'The console is not built: run `npm run build:console -w @org/api` (or `npm run build`), then restart.\n',
        );
    }
    const path = (request.params as { '*': string })['*'];
    // A path that is not a file of the build is the page itself (the console routes by #hash).
    const asset = assets.get(path) ?? (path.startsWith('assets/') ? undefined : assets.get('index.html'));
    if (asset === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('Not found\n');
    const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    void reply
      .type(asset.type)
      .header('cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .header('vary', 'accept-encoding');
    if (gzip) void reply.header('content-encoding', 'gzip');
    return reply.send(gzip ? asset.gzipped : asset.body);
  });
}
