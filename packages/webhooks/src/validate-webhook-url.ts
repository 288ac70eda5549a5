import { ValidationError } from '@org/errors';
import { isLoopbackHost } from './address-policy.js';

/**
 * Checks an endpoint's URL when it is created or changed: `https://`, or `http://` to
 * loopback (a developer's receiver); no credentials in it. Returns it normalized; throws a
 * `ValidationError` on `url` otherwise. Where the host points is checked at each delivery.
 */
export function validateWebhookUrl(value: string, path = 'url'): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ValidationError([{ path, message: 'must be an absolute URL' }]);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    throw new ValidationError([
      { path, message: 'must use https:// (http:// only to localhost, 127.0.0.0/8 or [::1])' },
    ]);
  }
  if (url.username !== '' || url.password !== '') {
    throw new ValidationError([{ path, message: 'must not carry credentials' }]);
  }
  if (value.length > 2048) throw new ValidationError([{ path, message: 'must be at most 2048 characters' }]);
  return url.toString();
}
