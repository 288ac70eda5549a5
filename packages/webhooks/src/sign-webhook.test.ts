import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { signWebhook } from './sign-webhook.js';
import { createWebhookSecret } from './webhook-secret.js';

describe('signWebhook', () => {
  it('signs as the standardwebhooks package verifies', () => {
    const secret = createWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const body = JSON.stringify({ type: 'project.created', timestamp: '2026-01-01T00:00:00.000Z', data: { n: 'é' } });
    const headers = signWebhook({ id: 'evt_1', timestamp: Math.floor(Date.now() / 1000), body }, [secret]);
    expect(headers['webhook-id']).toBe('evt_1');
    expect(new Webhook(secret).verify(body, headers)).toMatchObject({ type: 'project.created' });
    expect(() => new Webhook(createWebhookSecret()).verify(body, headers)).toThrow();
  });

  it('signs with every secret during a rotation, each verifying on its own', () => {
    const [current, previous] = [createWebhookSecret(), createWebhookSecret()];
    const body = '{"type":"project.active"}';
    const headers = signWebhook({ id: 'evt_2', timestamp: Math.floor(Date.now() / 1000), body }, [current, previous]);
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(headers['webhook-signature']).toMatch(/^v1,\S+ v1,\S+$/);
    expect(() => new Webhook(current).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(body, headers)).not.toThrow();
  });
});
