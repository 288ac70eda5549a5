import { ValidationError } from '@org/errors';
import { describe, expect, it } from 'vitest';
import { createAddressPolicy } from './address-policy.js';
import { validateWebhookUrl } from './validate-webhook-url.js';

describe('the address policy', () => {
  const policy = createAddressPolicy();

  it.each([
    ['10.1.2.3', 'private'],
    ['172.20.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fd12::1', 'private'],
    ['fe80::1', 'link-local'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
  ])('refuses %s (%s) behind a public name', (address, kind) => {
    expect(policy.refusal(address, 'hooks.example.com')).toContain(kind);
  });

  it('lets public addresses through, and loopback only when the URL names it', () => {
    expect(policy.refusal('93.184.216.34', 'hooks.example.com')).toBeNull();
    expect(policy.refusal('2606:4700::1111', 'hooks.example.com')).toBeNull();
    expect(policy.refusal('127.0.0.1', 'localhost')).toBeNull();
    expect(policy.refusal('127.0.0.1', '127.0.0.1')).toBeNull();
    expect(policy.refusal('::1', '::1')).toBeNull();
    expect(policy.refusal('10.0.0.1', 'localhost')).toContain('private');
  });

  it('lets an operator allow ranges', () => {
    const allowing = createAddressPolicy(['10.1.0.0/16', 'fd00::/8']);
    expect(allowing.refusal('10.1.2.3', 'internal.example')).toBeNull();
    expect(allowing.refusal('10.2.0.1', 'internal.example')).toContain('private');
    expect(allowing.refusal('fd00::5', 'internal.example')).toBeNull();
    expect(() => createAddressPolicy(['nonsense/8'])).toThrow('not a CIDR range');
  });
});

describe('validateWebhookUrl', () => {
  it('accepts https anywhere and http to loopback', () => {
    expect(validateWebhookUrl('https://hooks.example.com/in')).toBe('https://hooks.example.com/in');
    expect(validateWebhookUrl('http://localhost:3000/hook')).toBe('http://localhost:3000/hook');
    expect(validateWebhookUrl('http://127.0.0.5/hook')).toBe('http://127.0.0.5/hook');
    expect(validateWebhookUrl('http://[::1]:8080/')).toBe('http://[::1]:8080/');
  });

  it.each(['http://hooks.example.com/', 'http://10.0.0.1/', 'ftp://x/', 'not a url', 'https://user:pw@x.example/'])(
    'refuses %s with a validation error on url',
    (url) => {
      let error: unknown;
      try {
        validateWebhookUrl(url);
      } catch (caught) {
        error = caught;
      }
      expect(ValidationError.is(error)).toBe(true);
      expect((error as ValidationError).issues[0]!.path).toBe('url');
    },
  );
});
