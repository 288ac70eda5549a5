import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../src/client/create-api-client.js';
import { CONSOLE_DIR } from '../src/console/serve-console.js';
import { spawnApi, type SpawnedProcess } from '../test/support/spawn-process.js';
import { createTestEnvironment, type TestEnvironment } from '../test/support/test-environment.js';

// The operations console as an operator uses it: Debian's chromium, driven by
// playwright-core, on the page a real API process serves, over a real worker on the test
// run's PostgreSQL. Three projects, one failing at `services` (its auth service answers
// 503); the overview counts them, the failed one's timeline shows where and why, a retry
// from the page turns it active without a reload, a suspension and a resumption, a key
// revoked, a pool refilled; a snapshot taken and restored (the replaced database kept as
// a snapshot), a branch made, then deleted, recovered and protected from deletion; a project's events listed in order, and a new one shown as it comes; a wrong token sees the sign-in and no data; axe finds no
// serious violation; no secret reaches the page. A webhook endpoint on a loopback receiver
// that fails its first request: its delivery's two attempts, a replay and a disable from
// the Webhooks page. Screenshots land in test-results/console/.
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '../test-results/console');
// Without the networking flags chromium stalls on this closed network.
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The page's own weight budget, JS and CSS gzipped. */
const WEIGHT_BUDGET = 200 * 1024;

let environment: TestEnvironment;
let server: SpawnedProcess;
let api: ApiClient;
let token: string;
let browser: Browser;
const projects: Record<'good' | 'other' | 'failing', { id: string; name: string }> = {} as never;
/** Every body of an API answer any page of the test received. */
const received: string[] = [];
/** The webhook endpoint the Webhooks page is tested with, its secret (shown once, to the API client) with it. */
let hook: { id: string; url: string; secret: string };
/** The `webhook-id` of each request the loopback receiver got, in order; the first is answered 503, the rest 204. */
const hooked: string[] = [];
const receiver = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    hooked.push(String(request.headers['webhook-id']));
    response.writeHead(hooked.length === 1 ? 503 : 204).end();
  });
});

async function settled(operationId: string) {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(100)) {
    const { data } = await api.GET('/v1/operations/{id}', { params: { path: { id: operationId } } });
    if (data!.status !== 'queued' && data!.status !== 'running') return data!;
  }
  throw new Error(`operation ${operationId} did not end`);
}

async function create(name: string, services?: { auth: boolean }) {
  const { data } = await api.POST('/v1/projects', {
    body: {
      name,
      region: 'eu-west-1',
      organization_id: 'org-console',
      owner_id: 'operator',
      ...(services === undefined ? {} : { services }),
    },
  });
  return { id: data!.project.id, name, operation: data!.operation.id };
}

/** A page of a fresh browser context, recording what the API answered it. */
async function newPage(viewport = { width: 1440, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('response', (response) => {
    if (!new URL(response.url()).pathname.startsWith('/v1/')) return;
    void response.text().then(
      (text) => received.push(text),
      () => undefined,
    );
  });
  page.on('pageerror', (error) => received.push(`pageerror: ${error.message}`));
  return page;
}

async function signIn(page: Page, presented: string) {
  await page.goto(`${server.url}/console/`);
  await page.getByLabel('Admin token').fill(presented);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const axeSource = axe.source;

/** axe-core's violations on the page as it is, as `rule (impact): n nodes`, of impact serious or critical. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') does not apply.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    type Rule = { id: string; impact: string | null; nodes: unknown[] };
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: Rule[]; passes: Rule[] }> } }).axe;
    const { violations, passes } = await axe.run();
    return {
      passes: passes.length,
      violations: violations.map((rule) => ({ id: rule.id, impact: rule.impact, nodes: rule.nodes.length })),
    };
  });
  console.log(
    `axe on ${new URL(page.url()).hash || '/'}: ${result.passes} rules passed, violations ${JSON.stringify(result.violations)}`,
  );
  // A run that checked nothing proves nothing.
  expect(result.passes).toBeGreaterThan(10);
  return result.violations
    .filter((rule) => rule.impact === 'serious' || rule.impact === 'critical')
    .map((rule) => `${rule.id} (${rule.impact}): ${rule.nodes} nodes`);
}

beforeAll(async () => {
  // The page as the package ships it (the build `npm run build:console` makes): vitest's
  // NODE_ENV=test would make Vite build another one.
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ configFile: join(import.meta.dirname, '../console/vite.config.ts'), logLevel: 'warn' });
  } finally {
    process.env['NODE_ENV'] = nodeEnv;
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  environment = await createTestEnvironment('api_console');
  server = await spawnApi('start', { ...environment.env, TENANT_POOL_SIZE: '2' });
  token = (await environment.token(null, 'console-operator')).token;
  api = createApiClient({ baseUrl: server.url, token });

  const good = await create('console-good');
  const other = await create('console-other');
  await settled(good.operation);
  await settled(other.operation);
  // The third fails at `services`: its auth service answers 503 to every registration.
  environment.authApi.always('POST /projects', { status: 503 });
  const failing = await create('console-failing');
  expect(await settled(failing.operation)).toMatchObject({ status: 'failed', error: { step: 'services' } });
  Object.assign(projects, { good, other, failing });

  if (!existsSync(CHROMIUM))
    throw new Error(`No chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await environment?.close();
});

describe('the operations console in chromium', () => {
  it('a wrong token gets the sign-in page and no data', async () => {
    const page = await newPage();
    const answers: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/v1/')) answers.push(response.status());
    });
    await signIn(page, 'cpadmin_this-is-not-a-token');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not accepted');
    expect(await page.getByLabel('Admin token').isVisible()).toBe(true);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((status) => status === 401)).toBe(true);
    const text = (await page.textContent('body')) ?? '';
    for (const project of Object.values(projects)) {
      expect(text).not.toContain(project.name);
      expect(text).not.toContain(project.id);
    }
    expect(await page.getByRole('heading', { name: 'Overview' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('the overview counts the three projects and the failure by code, live', async () => {
    const page = await newPage();
    await signIn(page, token);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const count = (state: string) => page.locator(`dd[data-status="${state}"]`).textContent();
    await expect.poll(() => page.getByTestId('projects-total').textContent()).toBe('3');
    expect(await count('active')).toBe('2');
    expect(await count('failed')).toBe('1');
    const failures = (await page.getByTestId('failures').textContent()) ?? '';
    expect(failures).toContain('PARALLEL_OPERATIONS_FAILED');
    expect(failures).toContain('HTTP_503');
    expect(failures).toContain('services');
    expect(await page.getByTestId('failed-hour').textContent()).toBe('1');
    expect(await page.locator('[data-cluster="default"] [data-testid="tenant-databases"]').textContent()).toBe('2');

    // Live: a project created behind the page's back shows up without a reload (without
    // auth, which still answers 503).
    await page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 42));
    const fourth = await create('console-fourth', { auth: false });
    await expect.poll(() => page.getByTestId('projects-total').textContent(), { timeout: 15_000 }).toBe('4');
    await settled(fourth.operation);
    await expect.poll(() => count('active'), { timeout: 15_000 }).toBe('3');
    expect(await page.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBe(42);

    // Refill a pool, confirmed.
    await page.getByRole('button', { name: 'Refill pool of default' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByRole('heading').textContent()).toContain('Refill the warm pool of default');
    // The workers queue refills of their own after each claim: count the jobs before, and
    // watch the page's own request.
    const refillJobs = async () =>
      (
        await environment.sql<{ n: number }[]>`
          select count(*)::int as n from pgboss.job where name = 'tenant_pool_refill' and singleton_key = 'default'`
      )[0]!.n;
    const jobsBefore = await refillJobs();
    const answered = page.waitForResponse(
      (response) =>
        response.request().method() === 'POST' && response.url().endsWith('/v1/clusters/default/pool/refill'),
    );
    await dialog.getByRole('button', { name: 'Refill pool' }).click();
    const refill = await answered;
    expect(refill.status()).toBe(202);
    const { queued } = (await refill.json()) as { queued: boolean };
    await expect.poll(() => dialog.isVisible()).toBe(false);
    // A refill waiting already takes this one's place (queued false); otherwise it is a new job.
    expect(await refillJobs()).toBeGreaterThanOrEqual(jobsBefore + (queued ? 1 : 0));
    expect(await refillJobs()).toBeGreaterThanOrEqual(1);
    await expect.poll(() => page.getByTestId('pool-ready').textContent(), { timeout: 30_000 }).toBe('2');

    // The chart has a scale: its busiest minute's count at the top.
    expect(Number(await page.getByTestId('chart-peak').textContent())).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: join(ARTIFACTS, 'overview.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // A failure code leads to the projects that failed with it.
    await page.getByTestId('failures').getByRole('link').first().click();
    await page.getByTestId('failed-code-filter').waitFor();
    expect(await page.getByTestId('failed-code-filter').textContent()).toContain('PARALLEL_OPERATIONS_FAILED');
    await expect.poll(() => page.locator('tbody tr[data-project]').count()).toBe(1);
    expect(await page.locator('tbody tr[data-project] a').textContent()).toBe('console-failing');
    await page.context().close();
  });

  it('the failed project’s timeline shows the failed step and its code; a retry from the page turns it active without a reload', async () => {
    const page = await newPage();
    await signIn(page, token);
    await page.getByRole('link', { name: 'Projects' }).click();
    await page.getByLabel('Name or id').fill('failing');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByRole('link', { name: 'console-failing' }).click();
    await page.getByRole('heading', { name: /console-failing/ }).waitFor();
    expect(await page.locator('h1 .badge').textContent()).toBe('failed');

    const timeline = page.locator('figure.timeline').first();
    // Three attempts, each failing at `services`, with the retry waits between them drawn.
    expect(await timeline.locator('g.row-attempt').count()).toBe(3);
    expect(await timeline.locator('g[data-step="services"][data-status="failed"]').count()).toBe(3);
    expect(await timeline.locator('g.row-wait').count()).toBe(2);
    // database and api_keys ran beside services: their bars overlap on the time axis.
    const box = async (step: string) => (await timeline.locator(`g[data-step="${step}"] rect`).first().boundingBox())!;
    const [services, apiKeys] = [await box('services'), await box('api_keys')];
    expect(services.x).toBeLessThan(apiKeys.x + apiKeys.width);
    expect(apiKeys.x).toBeLessThan(services.x + services.width);
    const caption = (await timeline.locator('.failures').textContent()) ?? '';
    expect(caption).toContain('services failed with PARALLEL_OPERATIONS_FAILED');
    expect(caption).toContain('HTTP_503');
    expect(
      await timeline
        .locator('.bar-failed')
        .first()
        .evaluate(
          (node) =>
            (globalThis as unknown as { getComputedStyle(n: unknown): { fill: string } }).getComputedStyle(node).fill,
        ),
    ).toBe('rgb(207, 34, 46)');
    await timeline.screenshot({ path: join(ARTIFACTS, 'timeline.png') });
    // Its events say so too: the provisioning's failure with the operation's error code.
    const failedEvent = page
      .getByTestId('events')
      .locator('tr', { has: page.locator('[data-type="operation.failed"]') });
    await expect.poll(() => failedEvent.count()).toBe(1);
    expect(await failedEvent.locator('code.error-code').textContent()).toBe('PARALLEL_OPERATIONS_FAILED');
    expect(await failedEvent.getByRole('link').textContent()).toBe('provision');
    // A laptop's screen of it (the one docs/console-project.png is).
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'project-failed.png') });
    expect(await seriousViolations(page)).toEqual([]);

    // The service recovers; the operator retries, confirms, and watches.
    environment.authApi.always('POST /projects', undefined);
    await page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 7));
    await page.getByRole('button', { name: 'Retry provisioning' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Retry provisioning' }).click();
    await expect
      .poll(() => page.getByTestId('notice').textContent())
      .toMatch(/^Retry provisioning: operation (queued|running)…$/);
    await expect.poll(() => page.locator('h1 .badge').textContent(), { timeout: 60_000 }).toBe('active');
    // The banner said what was under way; once it succeeded it says nothing the page does not show.
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('');
    expect(await page.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBe(7);
    // The new provisioning on top, succeeded in one attempt; the failed one below it.
    await expect.poll(() => page.locator('article.operation').count()).toBe(2);
    const newest = page.locator('figure.timeline').first();
    await expect.poll(() => newest.locator('g.row-attempt').count()).toBe(1);
    // The newest open, the older one a line; each names the token that asked, by its name.
    expect(await page.locator('article.operation > details[open]').count()).toBe(1);
    expect(await page.locator('article.operation > details:not([open])').count()).toBe(1);
    expect(await page.getByTestId('requester').allTextContents()).toEqual(['console-operator', 'console-operator']);
    // Created and Provisioned read alike: how long ago, the exact time on hover.
    for (const label of ['Created', 'Provisioned']) {
      const value = page.locator('dl.facts div', { hasText: label }).locator('dd time');
      expect(await value.textContent()).toMatch(/ ago$/);
      expect(await value.getAttribute('title')).not.toBe('');
    }
    expect(await newest.locator('g[data-step="finalize"]').getAttribute('data-status')).toBe('completed');
    const { data } = await api.GET('/v1/projects/{id}/operations', { params: { path: { id: projects.failing.id } } });
    expect(data!.data.map((operation) => [operation.kind, operation.status, operation.requested_by])).toEqual([
      ['provision', 'succeeded', expect.stringMatching(/^tok_/) as unknown],
      ['provision', 'failed', expect.stringMatching(/^tok_/) as unknown],
    ]);
    await page.screenshot({ path: join(ARTIFACTS, 'project-retried.png'), fullPage: true });
    await page.context().close();
  });

  it('suspends (by keyboard alone) and resumes a project, and revokes a key, each confirmed, through the API; its events follow live', async () => {
    const page = await newPage();
    await signIn(page, token);
    await page.goto(`${server.url}/console/#/projects/${projects.good.id}`);
    await page.getByRole('heading', { name: /console-good/ }).waitFor();
    const badge = () => page.locator('h1 .badge').textContent();

    // By keyboard alone: the dialog takes the focus (on Cancel, the safe choice), Escape
    // cancels and gives the focus back; Tab and Enter confirm.
    const focused = () =>
      page.evaluate(() => {
        const active = (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } })
          .document.activeElement;
        return active?.textContent ?? '';
      });
    await page.getByRole('button', { name: 'Suspend' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    expect(await focused()).toBe('Cancel');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(false);
    expect(await focused()).toBe('Suspend');
    await sleep(500);
    expect(await badge()).toBe('active');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Cancel');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Suspend');
    await page.keyboard.press('Enter');
    await expect.poll(badge, { timeout: 60_000 }).toBe('suspended');
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('');
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Resume' }).click();
    await expect.poll(badge, { timeout: 60_000 }).toBe('active');
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('');
    const { data } = await api.GET('/v1/projects/{id}/operations', { params: { path: { id: projects.good.id } } });
    expect(data!.data.map((operation) => `${operation.kind}:${operation.status}`)).toEqual([
      'resume:succeeded',
      'suspend:succeeded',
      'provision:succeeded',
    ]);

    const keys = page.getByTestId('keys');
    await keys.getByRole('button', { name: 'Revoke default 1' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
    await expect
      .poll(() => keys.locator('tr', { hasText: 'default 1' }).locator('.badge').textContent())
      .toBe('revoked');
    const listed = await api.GET('/v1/projects/{id}/api-keys', {
      params: { path: { id: projects.good.id }, query: { include_revoked: 'true' } },
    });
    expect(listed.data!.data.find((key) => key.name === 'default 1')!.state).toBe('revoked');

    // The Events panel: the project's whole history as the feed gives it, newest first; each
    // state a project took and each status an operation took, in the order they were made.
    const events = page.getByTestId('events');
    const shown = () => events.locator('[data-type]').allTextContents();
    const lifecycle = (project: string) => ['operation.queued', 'operation.running', project, 'operation.succeeded'];
    const history = [
      'project.created',
      'operation.queued',
      'project.provisioning',
      'operation.running',
      'project.active',
      'operation.succeeded',
      ...lifecycle('project.suspended'),
      ...lifecycle('project.active'),
    ];
    // The panel reads the feed every 1.5 s: longer than expect.poll's default second.
    await expect.poll(shown, { timeout: 15_000 }).toEqual(history.toReversed());
    const { data: feed } = await api.GET('/v1/events', {
      params: { query: { project_id: projects.good.id, limit: 500 } },
    });
    expect(feed!.data.map((event) => event.type)).toEqual(history);
    // An operation's event names its kind; the page's own rows say nothing the feed does not.
    const kinds = () => events.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(await kinds()).toEqual(feed!.data.map((event) => event.data.operation?.kind ?? '').toReversed());
    expect(await events.locator('code.error-code').count()).toBe(0);

    // Live: a suspension asked through the API, behind the page's back, comes into the panel
    // on top without a reload.
    await page.evaluate(() => ((globalThis as unknown as { marker: number }).marker = 36));
    const suspended = await api.POST('/v1/projects/{id}/suspend', { params: { path: { id: projects.good.id } } });
    expect(suspended.response.status).toBe(202);
    await expect
      .poll(async () => (await shown()).slice(0, 4), { timeout: 60_000 })
      .toEqual(lifecycle('project.suspended').toReversed());
    expect(await shown()).toEqual([...history, ...lifecycle('project.suspended')].toReversed());
    expect(await page.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBe(36);
    await expect.poll(badge).toBe('suspended');

    // Its row links to the operation as the page shows it: opened, and in view.
    const newest = events.locator('tbody tr').first();
    await newest.getByRole('link', { name: 'suspend' }).click();
    await expect.poll(() => page.url()).toContain(`?operation=${suspended.data!.operation.id}`);
    const article = page.locator(`article#operation-${suspended.data!.operation.id}`);
    // It has the focus, so the keyboard goes on from there.
    const focusedArticle = () =>
      page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id,
      );
    await expect.poll(focusedArticle).toBe(`operation-${suspended.data!.operation.id}`);
    expect(await article.locator(':scope > details').getAttribute('open')).not.toBeNull();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('takes a snapshot, restores it (the replaced database kept as one), branches, and deletes, recovers and protects the branch, each confirmed, through the API', async () => {
    const page = await newPage();
    await signIn(page, token);
    await page.goto(`${server.url}/console/#/projects/${projects.good.id}`);
    await page.getByRole('heading', { name: /console-good/ }).waitFor();
    const card = page.getByRole('region', { name: 'Snapshots' });
    const dialog = page.getByRole('dialog');
    const rows = card.locator('tbody tr[data-snapshot]');
    await card.getByText('None.').waitFor();
    /** The answer of the page's own request to `path`, as the confirmation makes it. */
    const answer = async <Body>(method: string, path: string, confirm: string) => {
      const answered = page.waitForResponse(
        (response) => response.request().method() === method && new URL(response.url()).pathname === path,
      );
      await dialog.getByRole('button', { name: confirm }).click();
      const response = await answered;
      expect(response.status()).toBe(202);
      await expect.poll(() => dialog.isVisible()).toBe(false);
      return (await response.json()) as Body;
    };

    // A snapshot, after a dialog that says what it costs the tenant.
    await card.getByRole('button', { name: 'Take snapshot' }).click();
    expect(await dialog.textContent()).toContain('sessions are interrupted while the database is copied');
    const taken = await answer<{ snapshot_id: string }>(
      'POST',
      `/v1/projects/${projects.good.id}/snapshots`,
      'Take snapshot',
    );
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(1);
    const row = card.locator(`tr[data-snapshot="${taken.snapshot_id}"]`);
    expect(await row.locator('td').nth(3).textContent()).toMatch(/^\d+\.\d MB$/);
    expect(await row.locator('td').nth(1).textContent()).toBe('—');
    expect(await row.getByTestId('kept-by').textContent()).toBe('—');
    expect(await card.getByTestId('snapshot-retention').textContent()).toBe(
      'Kept 30 days; a new one past the quota is refused.',
    );
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('');

    // Restored: the database it replaced is listed, kept by this restore.
    await row.getByRole('button', { name: `Restore snapshot ${taken.snapshot_id}` }).click();
    expect(await dialog.textContent()).toContain('The current database is kept as a new snapshot');
    const restored = await answer<{ preserved_snapshot_id: string }>(
      'POST',
      `/v1/projects/${projects.good.id}/restore`,
      'Restore',
    );
    const preserved = card.locator(`tr[data-snapshot="${restored.preserved_snapshot_id}"]`);
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(2);
    expect(await preserved.getByTestId('kept-by').textContent()).toBe(`kept by the restore of ${taken.snapshot_id}`);
    const listed = await api.GET('/v1/projects/{id}/snapshots', { params: { path: { id: projects.good.id } } });
    expect(listed.data!.data.map((snapshot) => [snapshot.id, snapshot.preserved_by_restore_of])).toEqual([
      [taken.snapshot_id, null],
      [restored.preserved_snapshot_id, taken.snapshot_id],
    ]);
    await page.screenshot({ path: join(ARTIFACTS, 'project-snapshots.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // Retention: a most kept past the quota is the API's to refuse, shown in the dialog with
    // the field it names; a good one is saved and shown.
    const retention = card.getByTestId('snapshot-retention');
    await card.getByRole('button', { name: 'Change retention' }).click();
    const days = dialog.getByLabel('Days kept');
    const most = dialog.getByLabel('Most kept (empty: none)');
    expect([await days.inputValue(), await most.inputValue()]).toEqual(['30', '']);
    await days.fill('14');
    await most.fill('11');
    await dialog.getByRole('button', { name: 'Save retention' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toMatch(/\(VALIDATION_FAILED\)\. body\.snapshot_retention_count: /);
    await page.screenshot({ path: join(ARTIFACTS, 'project-retention-refused.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await most.fill('5');
    await dialog.getByRole('button', { name: 'Save retention' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => retention.textContent()).toBe('Kept 14 days; at most 5, the oldest dropped for a new one.');
    const kept = await api.GET('/v1/projects/{id}', { params: { path: { id: projects.good.id } } });
    expect(kept.data).toMatchObject({ snapshot_retention_days: 14, snapshot_retention_count: 5 });

    // A branch of the database as it is now; the page links to it, and the branch turns active
    // (its auth service registers it: the one the failing project met answers again).
    environment.authApi.always('POST /projects', undefined);
    await card.getByRole('button', { name: 'Branch', exact: true }).click();
    const branched = await answer<{ project: { id: string; name: string } }>(
      'POST',
      `/v1/projects/${projects.good.id}/branches`,
      'Branch',
    );
    expect(branched.project.name).toBe('console-good branch');
    await card.getByTestId('branched').getByRole('link', { name: 'console-good branch' }).click();
    await expect.poll(() => page.url()).toContain(`#/projects/${branched.project.id}`);
    await page.getByRole('heading', { name: /console-good branch/ }).waitFor();
    const badge = () => page.locator('h1 .badge').textContent();
    await expect.poll(badge, { timeout: 60_000 }).toBe('active');

    // Deleted: recoverable until the time shown; recovered, active again.
    const actions = page.getByRole('group', { name: 'Actions', exact: true });
    await actions.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.getByRole('button', { name: 'Delete project' }).click();
    await expect.poll(badge, { timeout: 60_000 }).toBe('deleted');
    const deleted = await api.GET('/v1/projects/{id}', { params: { path: { id: branched.project.id } } });
    expect(deleted.data!.purge_at).not.toBeNull();
    const purgeAt = await page.evaluate((iso) => new Date(iso).toLocaleString(), deleted.data!.purge_at!);
    const purgeFact = page.locator('dl.facts div', { hasText: 'Purged at' });
    await expect.poll(() => purgeFact.getByTestId('purge-at').textContent()).toMatch(new RegExp(`^${purgeAt} \\(in `));
    await actions.getByRole('button', { name: 'Recover' }).click();
    await dialog.getByRole('button', { name: 'Recover' }).click();
    await expect.poll(badge, { timeout: 60_000 }).toBe('active');
    await expect.poll(() => page.getByTestId('purge-at').count()).toBe(0);

    // Protected: Delete is offered no more.
    const remove = actions.getByRole('button', { name: 'Delete', exact: true });
    expect(await remove.isDisabled()).toBe(false);
    await actions.getByRole('button', { name: 'Protect from deletion' }).click();
    await dialog.getByRole('button', { name: 'Protect' }).click();
    await expect.poll(() => remove.isDisabled()).toBe(true);
    expect(await page.locator('dl.facts div', { hasText: 'Deletion protection' }).locator('dd').textContent()).toBe(
      'on',
    );
    const protectedBranch = await api.GET('/v1/projects/{id}', { params: { path: { id: branched.project.id } } });
    expect(protectedBranch.data).toMatchObject({ status: 'active', deletion_protection: true, purge_at: null });
    await page.context().close();
  });

  it('the Webhooks page lists an endpoint with its delivery and the attempts of it; replays it and disables the endpoint, each confirmed, through the API', async () => {
    // An endpoint of the projects' organization on a loopback receiver (http to 127.0.0.1 is
    // accepted for development), for project.created only: one delivery per project.
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    const created = await api.POST('/v1/webhook-endpoints', {
      body: { url, event_types: ['project.created'], organization_id: 'org-console', description: 'console test' },
    });
    expect(created.response.status).toBe(201);
    hook = { id: created.data!.id, url, secret: created.data!.secret };
    // Its one event: the receiver answers the first attempt 503, the retry (5 s later) 204.
    await create('console-hooked', { auth: false });

    const page = await newPage();
    await signIn(page, token);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    const row = page.locator(`tr[data-endpoint="${hook.id}"]`);
    await row.waitFor();
    expect(await row.getByRole('link').textContent()).toBe(url);
    expect(await row.textContent()).toContain('console test');
    expect(await row.locator('td').allTextContents()).toEqual([
      'org-console',
      'project.created',
      'enabled',
      expect.stringMatching(/ ago$/) as unknown,
      `Disable ${url}`,
    ]);
    expect(await page.getByTestId('endpoint').count()).toBe(0);

    // Chosen: its deliveries, the one that failed once and then succeeded.
    await row.getByRole('link').click();
    await expect.poll(() => page.url()).toContain(`#/webhooks/${hook.id}`);
    // The address changes before the page renders for it.
    await expect.poll(() => row.getAttribute('aria-current')).toBe('true');
    const deliveries = page.getByTestId('deliveries').locator('tr[data-delivery]');
    await expect.poll(() => deliveries.count(), { timeout: 30_000 }).toBe(1);
    const delivery = deliveries.first();
    await expect
      .poll(() => delivery.locator('.badge:not([data-type])').textContent(), { timeout: 30_000 })
      .toBe('succeeded');
    const { data: listed } = await api.GET('/v1/webhook-endpoints/{id}/deliveries', {
      params: { path: { id: hook.id } },
    });
    expect(listed!.data).toHaveLength(1);
    const eventId = listed!.data[0]!.event_id;
    expect(hooked).toEqual([eventId, eventId]);
    expect(await delivery.locator('[data-type]').textContent()).toBe('project.created');
    expect(await delivery.locator('code').textContent()).toBe(eventId);
    expect(await delivery.getByTestId('last-answer').textContent()).toBe('HTTP 204');
    expect(await delivery.locator('td').nth(6).textContent()).toBe('—');
    // Its attempts open under it: the 503, then the 204.
    const attemptsButton = delivery.getByRole('button', { name: `2 attempts of ${eventId}` });
    expect(await attemptsButton.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByTestId('attempts').count()).toBe(0);
    await attemptsButton.click();
    expect(await attemptsButton.getAttribute('aria-expanded')).toBe('true');
    const attempts = page.getByTestId('attempts').locator('tbody tr');
    await expect.poll(() => attempts.count()).toBe(2);
    expect(await attempts.locator('td:nth-child(4)').allTextContents()).toEqual(['HTTP 503', 'HTTP 204']);
    expect(await attempts.first().locator('td:nth-child(4)').getAttribute('class')).toBe('error-text');
    await page.screenshot({ path: join(ARTIFACTS, 'webhooks.png'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // A replay, confirmed: the same webhook-id once more, a third attempt on the page.
    await delivery.getByRole('button', { name: `Replay ${eventId}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Replay' }).click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe(`${eventId} queued again.`);
    await expect.poll(() => hooked, { timeout: 30_000 }).toEqual([eventId, eventId, eventId]);
    await expect.poll(() => attempts.count(), { timeout: 15_000 }).toBe(3);
    await expect
      .poll(() => delivery.locator('.badge:not([data-type])').textContent(), { timeout: 10_000 })
      .toBe('succeeded');

    // Disabled, confirmed: the page and the API say so, and a replay is no longer offered.
    await row.getByRole('button', { name: `Disable ${url}` }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByRole('heading').textContent()).toBe(`Disable the endpoint ${url}?`);
    await dialog.getByRole('button', { name: 'Disable endpoint' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => row.getByTestId('endpoint-state').textContent(), { timeout: 10_000 }).toBe('disabled');
    expect(await page.getByTestId('endpoint').locator('h2 .badge').textContent()).toBe('disabled');
    expect(await row.getByRole('button', { name: `Enable ${url}` }).count()).toBe(1);
    expect(await delivery.getByRole('button', { name: /^Replay/ }).count()).toBe(0);
    const fetched = await api.GET('/v1/webhook-endpoints/{id}', { params: { path: { id: hook.id } } });
    expect(fetched.data).toMatchObject({ enabled: false, disabled_reason: null });
    await page.context().close();
  });

  it('on a 390 px wide phone no page is wider than the screen, and a failure code wraps only after an underscore', async () => {
    const page = await newPage({ width: 390, height: 844 });
    await signIn(page, token);
    const overflow = () =>
      page.evaluate(() => {
        const { documentElement } = (
          globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
        ).document;
        return documentElement.scrollWidth - documentElement.clientWidth;
      });
    await page.getByTestId('failures').waitFor();
    expect(await overflow()).toBe(0);
    // Where each character of each code lands: a new line may start only after an underscore,
    // on a phone and on wider screens (where the overview's cards sit side by side).
    const breaks: string[] = [];
    for (const width of [390, 900, 1280, 1440]) {
      await page.setViewportSize({ width, height: 844 });
      await sleep(200);
      const found = await page
        .getByTestId('failures')
        .locator('code.error-code')
        .evaluateAll((codes) => {
          type Box = { top: number };
          type TextNode = { nodeType: number; textContent: string | null; childNodes: TextNode[] };
          const doc = (
            globalThis as unknown as {
              document: {
                createRange(): {
                  setStart(n: unknown, o: number): void;
                  setEnd(n: unknown, o: number): void;
                  getBoundingClientRect(): Box;
                };
              };
            }
          ).document;
          const wrong: string[] = [];
          for (const code of codes as unknown as TextNode[]) {
            const chars: { char: string; top: number }[] = [];
            const walk = (node: TextNode) => {
              if (node.nodeType === 3) {
                for (let i = 0; i < (node.textContent ?? '').length; i++) {
                  const range = doc.createRange();
                  range.setStart(node, i);
                  range.setEnd(node, i + 1);
                  chars.push({ char: node.textContent![i]!, top: Math.round(range.getBoundingClientRect().top) });
                }
              } else node.childNodes.forEach(walk);
            };
            walk(code);
            chars.forEach((entry, i) => {
              if (i > 0 && entry.top > chars[i - 1]!.top && chars[i - 1]!.char !== '_') {
                wrong.push(`${chars.map((c) => c.char).join('')} breaks before ${entry.char} at ${i}`);
              }
            });
          }
          return wrong;
        });
      breaks.push(...found.map((line) => `${width} px: ${line}`));
    }
    await page.setViewportSize({ width: 390, height: 844 });
    expect(breaks).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'overview-390.png'), fullPage: true });
    for (const hash of [
      '#/projects',
      `#/projects/${projects.failing.id}`,
      `#/projects/${projects.good.id}`,
      `#/webhooks/${hook.id}`,
    ]) {
      await page.goto(`${server.url}/console/${hash}`);
      await page.locator('main h1').first().waitFor();
      await sleep(300);
      expect([hash, await overflow()]).toEqual([hash, 0]);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'project-390.png'), fullPage: true });
    await page.context().close();
  });

  it('no secret ever reached a page: not a password, a connection string, a key or a webhook secret', async () => {
    const secrets: string[] = [];
    for (const project of [projects.other, projects.failing]) {
      const claim = await api.POST('/v1/projects/{id}/one-time-result/claim', { params: { path: { id: project.id } } });
      expect(claim.response.status).toBe(200);
      secrets.push(claim.data!.database.password, claim.data!.database.connection_string);
      secrets.push(...claim.data!.api_keys.map((key) => key.key));
    }
    secrets.push(hook.secret);
    expect(received.length).toBeGreaterThan(20);
    expect(received.filter((body) => body.startsWith('pageerror'))).toEqual([]);
    for (const secret of secrets) expect(received.filter((body) => body.includes(secret))).toEqual([]);
  });

  it('the page’s own weight, JS and CSS gzipped, is within its budget', () => {
    const files = readdirSync(join(CONSOLE_DIR, 'assets')).filter((name) => /\.(js|css)$/.test(name));
    const sizes = files.map((name) => gzipSync(readFileSync(join(CONSOLE_DIR, 'assets', name)), { level: 9 }).length);
    const total = sizes.reduce((sum, size) => sum + size, 0);
    console.log(
      `console weight: ${files.map((name, index) => `${name} ${sizes[index]} B`).join(', ')}; total ${total} B gzipped`,
    );
    expect(files.some((name) => name.endsWith('.js'))).toBe(true);
    expect(total).toBeLessThan(WEIGHT_BUDGET);
  });
});
