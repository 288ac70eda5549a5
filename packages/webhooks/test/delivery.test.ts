import { waitFor } from '@org/db/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, type Answer, type Receiver } from './support/start-receiver.js';
import { startWebhookHarness, type WebhookHarness } from './support/webhook-harness.js';

let harness: WebhookHarness;
const receivers: Receiver[] = [];

beforeAll(async () => {
  harness = await startWebhookHarness('webhooks_delivery');
});
afterAll(async () => {
  await harness.close();
});
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

/** An organization of its own, an endpoint of it on a fresh receiver, and the secret shown at creation. */
async function endpointFor(options: { answer?: (index: number, id: string) => Answer; eventTypes?: string[] } = {}) {
  const organization = `org-${crypto.randomUUID().slice(0, 8)}`;
  const secrets: string[] = [];
  const receiver = await startReceiver({ secrets, ...(options.answer ? { answer: options.answer } : {}) });
  receivers.push(receiver);
  const { endpoint, secret } = await harness.store.create(organization, {
    url: receiver.url,
    ...(options.eventTypes ? { eventTypes: options.eventTypes } : {}),
  });
  secrets.push(secret);
  return { organization, receiver, endpoint, secret };
}

async function eventIdsOf(organization: string, types?: string[]): Promise<string[]> {
  const rows = await harness.sql<{ id: string }[]>`
    select 'evt_' || id as id from control_plane.events where organization_id = ${organization}
      ${types === undefined ? harness.sql`` : harness.sql`and type = any(${types})`}
    order by id`;
  return rows.map((row) => row.id);
}

describe('webhook deliveries', () => {
  it('delivers each event of the organization once, signed, with the event id as webhook-id', async () => {
    const { organization, receiver, endpoint } = await endpointFor();
    const other = await endpointFor();
    const projects = [await harness.newProject(organization), await harness.newProject(organization)];
    for (const project of projects) await harness.setState(project, 'provisioning');
    await harness.newProject(other.organization);
    const expected = await eventIdsOf(organization);
    expect(expected).toHaveLength(4);

    await waitFor(() => receiver.countsById(), {
      what: 'the receiver’s requests',
      until: (counts) => counts.size === 4,
    });
    expect([...receiver.countsById().values()]).toEqual([1, 1, 1, 1]);
    expect(receiver.uniqueIds().sort()).toEqual([...expected].sort());
    expect(receiver.received.every((request) => request.verifiedWith.length === 1)).toBe(true);
    // Four jobs run at once (localConcurrency 4), so the events arrive in any order.
    const bodies = receiver.received.map(
      (request) => JSON.parse(request.body) as { type: string; data: { project: { id: string } } },
    );
    expect(bodies.map((body) => `${body.type} ${body.data.project.id}`).sort()).toEqual(
      projects.flatMap((project) => [`project.created ${project}`, `project.provisioning ${project}`]).sort(),
    );
    // The other organization's receiver gets its own project's event, and none of these.
    await waitFor(() => other.receiver.uniqueIds(), {
      what: 'the other receiver’s request',
      until: (ids) => ids.length === 1,
    });
    expect(other.receiver.uniqueIds()).toEqual(await eventIdsOf(other.organization));
    expect(other.receiver.uniqueIds().filter((id) => expected.includes(id))).toEqual([]);

    const deliveries = await waitFor(() => harness.store.deliveries(organization, endpoint.id), {
      what: 'the endpoint’s deliveries',
      until: (list) => list !== null && list.every((delivery) => delivery.status === 'succeeded'),
    });
    expect(deliveries).toHaveLength(4);
    expect(deliveries![0]!.attempts).toMatchObject([{ responseStatus: 204, error: null }]);
    // Another organization sees none of it.
    expect(await harness.store.deliveries(other.organization, endpoint.id)).toBeNull();
  });

  it('sends only the event types an endpoint asked for', async () => {
    const { organization, receiver } = await endpointFor({ eventTypes: ['project.provisioning'] });
    const project = await harness.newProject(organization);
    await harness.setState(project, 'provisioning');
    const wanted = await eventIdsOf(organization, ['project.provisioning']);
    await waitFor(() => receiver.uniqueIds(), { what: 'the receiver’s requests', until: (ids) => ids.length === 1 });
    expect(receiver.uniqueIds()).toEqual(wanted);
  });

  it('retries 500s and honours Retry-After, with the same id, until a 2xx', async () => {
    const { organization, receiver, endpoint } = await endpointFor({
      answer: (index) =>
        index < 2 ? { status: 500 } : index === 2 ? { status: 503, headers: { 'retry-after': '2' } } : { status: 200 },
    });
    await harness.newProject(organization);
    const [delivery] = (await waitFor(() => harness.store.deliveries(organization, endpoint.id), {
      what: 'the endpoint’s deliveries',
      until: (list) => list?.[0]?.status === 'succeeded',
    }))!;
    expect(delivery!.attempts.map((attempt) => attempt.responseStatus)).toEqual([500, 500, 503, 200]);
    expect(delivery!.attempts[0]!.error).toBe('HTTP 500');
    expect(new Set(receiver.received.map((request) => request.id)).size).toBe(1);
    expect(receiver.received.every((request) => request.verifiedWith.length === 1)).toBe(true);
    // The attempt after the 503 waited for its Retry-After (the scaled schedule alone is milliseconds).
    const [third, fourth] = [delivery!.attempts[2]!, delivery!.attempts[3]!];
    expect(Date.parse(fourth.attemptedAt) - Date.parse(third.attemptedAt)).toBeGreaterThanOrEqual(2000 - 1);
    expect((await harness.store.get(organization, endpoint.id))!.failingSince).toBeNull();
  });

  it('gives up after the last attempt of the schedule', async () => {
    const { organization, endpoint } = await endpointFor({ answer: () => ({ status: 500 }) });
    await harness.newProject(organization);
    const [delivery] = (await waitFor(() => harness.store.deliveries(organization, endpoint.id), {
      what: 'the endpoint’s deliveries',
      until: (list) => list?.[0]?.status === 'failed',
      timeoutMs: 30_000,
    }))!;
    expect(delivery!.attempts).toHaveLength(10);
    const after = (await harness.store.get(organization, endpoint.id))!;
    expect(after.failingSince).not.toBeNull();
  });

  it('disables an endpoint that answers 410 Gone, and creates no more deliveries for it', async () => {
    const { organization, receiver, endpoint } = await endpointFor({ answer: () => ({ status: 410 }) });
    await harness.newProject(organization);
    await waitFor(() => harness.store.get(organization, endpoint.id), {
      what: 'the endpoint',
      until: (found) => found?.enabled === false,
    });
    const disabled = (await harness.store.get(organization, endpoint.id))!;
    expect(disabled.disabledReason).toBe('the endpoint answered 410 Gone');
    expect(receiver.received).toHaveLength(1);
    await harness.newProject(organization);
    // The dispatcher has passed the second project's event once a third organization's arrives.
    const witness = await endpointFor();
    await harness.newProject(witness.organization);
    await waitFor(() => witness.receiver.received, {
      what: 'the receiver’s requests',
      until: (received) => received.length === 1,
    });
    expect(await harness.store.deliveries(organization, endpoint.id)).toHaveLength(1);
    // Enabled again, it takes events from then on.
    const enabled = await harness.store.update(organization, endpoint.id, { enabled: true });
    expect(enabled).toMatchObject({ enabled: true, disabledReason: null });
  });

  it('disables an endpoint whose deliveries have all failed for the (scaled) three days', async () => {
    const { organization, endpoint } = await endpointFor({ answer: () => ({ status: 500 }) });
    // The harness gives a streak a minute: it is dated back instead of waited for.
    await harness.newProject(organization);
    await waitFor(() => harness.store.deliveries(organization, endpoint.id), {
      what: 'the endpoint’s deliveries',
      until: (list) => (list?.[0]?.attempts.length ?? 0) >= 1,
    });
    await harness.sql`
      update control_plane.webhook_endpoints set failing_since = now() - interval '2 minutes' where id = ${endpoint.id}`;
    await waitFor(() => harness.store.get(organization, endpoint.id), {
      what: 'the endpoint',
      until: (found) => found?.enabled === false,
    });
    expect((await harness.store.get(organization, endpoint.id))!.disabledReason).toBe(
      'every delivery failed for 3 days',
    );
  });

  it('signs with the old and the new secret during a rotation’s overlap', async () => {
    const { organization, receiver, endpoint, secret } = await endpointFor();
    const rotated = (await harness.store.rotateSecret(organization, endpoint.id))!;
    expect(rotated.secret).not.toBe(secret);
    expect(rotated.endpoint.previousSecretExpiresAt).not.toBeNull();
    receiver.secrets.push(rotated.secret);
    await harness.newProject(organization);
    await waitFor(() => receiver.received, {
      what: 'the receiver’s requests',
      until: (received) => received.length === 1,
    });
    expect(receiver.received[0]!.signatures).toHaveLength(2);
    expect(receiver.received[0]!.verifiedWith).toEqual([0, 1]);
    // Once the overlap ends, only the new secret signs.
    await harness.sql`update control_plane.webhook_endpoints set previous_secret_expires_at = now() where id = ${endpoint.id}`;
    await harness.newProject(organization);
    await waitFor(() => receiver.received, {
      what: 'the receiver’s requests',
      until: (received) => received.length === 2,
    });
    expect(receiver.received[1]!.verifiedWith).toEqual([1]);
  });

  it('replays a finished delivery with the same id and body, to its own organization only', async () => {
    const { organization, receiver, endpoint } = await endpointFor();
    await harness.newProject(organization);
    const [delivery] = (await waitFor(() => harness.store.deliveries(organization, endpoint.id), {
      what: 'the endpoint’s deliveries',
      until: (list) => list?.[0]?.status === 'succeeded',
    }))!;
    const replayed = await harness.store.replay(organization, endpoint.id, delivery!.id);
    expect(replayed).toMatchObject({ delivery: { id: delivery!.id, status: 'pending' } });
    await waitFor(() => receiver.received, {
      what: 'the receiver’s requests',
      until: (received) => received.length === 2,
    });
    expect(receiver.received[1]!.id).toBe(receiver.received[0]!.id);
    expect(receiver.received[1]!.body).toBe(receiver.received[0]!.body);
    expect(await harness.store.replay('another-org', endpoint.id, delivery!.id)).toEqual({ refused: 'not_found' });
  });
});
