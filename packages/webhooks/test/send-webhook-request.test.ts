import { afterEach, describe, expect, it } from 'vitest';
import { createAddressPolicy } from '../src/address-policy.js';
import { sendWebhookRequest, type ResolveHost } from '../src/send-webhook-request.js';
import { startReceiver, type Answer, type Receiver } from './support/start-receiver.js';

const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

/** A resolver answering `answers` in turn (the last one from then on), counting its calls. */
function scriptedResolver(...answers: string[]): ResolveHost & { calls: number } {
  const resolve = Object.assign(
    () => {
      const address = answers[Math.min(resolve.calls, answers.length - 1)]!;
      resolve.calls++;
      return Promise.resolve([{ address, family: address.includes(':') ? 6 : 4 }]);
    },
    { calls: 0 },
  );
  return resolve;
}

const request = { headers: { 'webhook-id': 'evt_1' }, body: '{}', policy: createAddressPolicy() };

describe('sendWebhookRequest', () => {
  it.each(['10.0.0.7', '169.254.169.254', '192.168.0.1', '100.64.1.1', 'fd00::1', '127.0.0.1'])(
    'refuses a public name resolving to %s, without connecting',
    async (address) => {
      const receiver = await startReceiver();
      receivers.push(receiver);
      const response = await sendWebhookRequest({
        ...request,
        url: `http://hooks.example.com:${receiver.port}/hook`,
        resolve: scriptedResolver(address),
      });
      expect(response.status).toBeNull();
      expect(response.error).toMatch(/^refused: /);
      expect(receiver.received).toHaveLength(0);
    },
  );

  it('refuses a name whose addresses mix a public and a private one', async () => {
    const response = await sendWebhookRequest({
      ...request,
      url: 'https://hooks.example.com/hook',
      resolve: () =>
        Promise.resolve([
          { address: '93.184.216.34', family: 4 },
          { address: '10.0.0.1', family: 4 },
        ]),
    });
    expect(response.error).toBe('refused: 10.0.0.1 is a private address');
  });

  it('refuses the metadata address written as a literal', async () => {
    const response = await sendWebhookRequest({ ...request, url: 'https://169.254.169.254/latest/meta-data' });
    expect(response.error).toContain('link-local');
  });

  it('connects to the address it checked, not to what a second lookup answers (DNS rebinding)', async () => {
    // The allowed address 127.0.0.2 and a refused one, 127.0.0.3, on the same port: a
    // connection that resolved the name again would reach the second receiver.
    const checked = await startReceiver({ host: '127.0.0.2' });
    receivers.push(checked);
    const rebound = await startReceiver({ host: '127.0.0.3', port: checked.port });
    receivers.push(rebound);
    const resolve = scriptedResolver('127.0.0.2', '127.0.0.3');
    const response = await sendWebhookRequest({
      ...request,
      url: `http://rebind.example:${checked.port}/hook`,
      policy: createAddressPolicy(['127.0.0.2/32']),
      resolve,
    });
    expect(response).toMatchObject({ status: 204, error: null, address: '127.0.0.2' });
    expect(checked.received).toHaveLength(1);
    expect(checked.received[0]!.localAddress).toBe('127.0.0.2');
    expect(rebound.received).toHaveLength(0);
    expect(resolve.calls).toBe(1);
  });

  it('when the check saw a public address, the connection goes there even if DNS now answers loopback', async () => {
    // 192.0.2.1 (TEST-NET-1) passes the check as any public address would and answers
    // nothing; the loopback receiver a rebinding lookup would lead to stays untouched.
    const local = await startReceiver();
    receivers.push(local);
    const resolve = scriptedResolver('192.0.2.1', '127.0.0.1');
    const response = await sendWebhookRequest({
      ...request,
      url: `http://rebind.example:${local.port}/hook`,
      resolve,
      timeoutMs: 500,
    });
    expect(response.status).toBeNull();
    expect(response.address).toBe('192.0.2.1');
    expect(response.error).not.toBeNull();
    expect(local.received).toHaveLength(0);
    expect(resolve.calls).toBe(1);
  });

  it('follows no redirect and reports Retry-After', async () => {
    const receiver = await startReceiver({
      answer: (index): Answer =>
        index === 0
          ? { status: 302, headers: { location: 'http://127.0.0.1:1/' } }
          : { status: 503, headers: { 'retry-after': '3' } },
    });
    receivers.push(receiver);
    const redirected = await sendWebhookRequest({ ...request, url: receiver.url });
    expect(redirected).toMatchObject({ status: 302, error: null });
    const unavailable = await sendWebhookRequest({ ...request, url: receiver.url });
    expect(unavailable).toMatchObject({ status: 503, retryAfter: '3' });
    expect(receiver.received).toHaveLength(2);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const receiver = await startReceiver({ answer: () => 'hang' });
    receivers.push(receiver);
    const response = await sendWebhookRequest({ ...request, url: receiver.url, timeoutMs: 300 });
    expect(response.status).toBeNull();
    expect(response.error).toContain('timed out');
  });
});
