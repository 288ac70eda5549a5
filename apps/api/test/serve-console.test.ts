import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerConsole } from '../src/console/serve-console.js';

// The console's static files over real HTTP, from a build made here (index.html and a
// hashed script), and from a folder with no build.
const built = mkdtempSync(join(tmpdir(), 'console-built-'));
const empty = mkdtempSync(join(tmpdir(), 'console-empty-'));
const script = `console.log(${JSON.stringify('x'.repeat(2000))});`;
const servers: { url: string; close(): Promise<void> }[] = [];

async function serve(dir: string) {
  const app = Fastify({ loggerInstance: pino({ level: 'silent' }) }).withTypeProvider<ZodTypeProvider>();
  registerConsole(app, dir);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const server = { url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, close: () => app.close() };
  servers.push(server);
  return server;
}

beforeAll(() => {
  mkdirSync(join(built, 'assets'));
  writeFileSync(
    join(built, 'index.html'),
    '<!doctype html><script type="module" src="/console/assets/index-abc123.js"></script>',
  );
  writeFileSync(join(built, 'assets/index-abc123.js'), script);
});
afterAll(async () => {
  for (const server of servers) await server.close();
  rmSync(built, { recursive: true, force: true });
  rmSync(empty, { recursive: true, force: true });
});

describe('the console’s files', () => {
  it('serves the page with a CSP that allows only this server, never cached, and leads / to it', async () => {
    const { url } = await serve(built);
    const page = await fetch(`${url}/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('index-abc123.js');
    // The console routes by #hash; any other path under it is the page too.
    expect(await (await fetch(`${url}/console/projects/whatever`)).text()).toContain('index-abc123.js');
    const root = await fetch(`${url}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/console/']);
    const bare = await fetch(`${url}/console`, { redirect: 'manual' });
    expect(bare.headers.get('location')).toBe('/console/');
  });

  it('serves hashed assets gzipped when asked, cached for good; a missing asset is a 404, not the page', async () => {
    const { url } = await serve(built);
    // node:http, not fetch: the bytes as sent, not decoded.
    const { headers, body } = await new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) =>
      get(`${url}/console/assets/index-abc123.js`, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject),
    );
    expect(headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(headers['content-encoding']).toBe('gzip');
    expect(body.length).toBeLessThan(script.length / 10);
    expect(gunzipSync(body).toString()).toBe(script);
    const plain = await fetch(`${url}/console/assets/index-abc123.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
    const missing = await fetch(`${url}/console/assets/index-gone.js`);
    expect(missing.status).toBe(404);
  });

  it('without a build, says how to make one', async () => {
    const { url } = await serve(empty);
    const response = await fetch(`${url}/console/`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:console -w @org/api');
  });
});
