import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpError } from './http-errors.js';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Checks `Authorization: Bearer <token>`. Both sides are hashed first so that timingSafeEqual
 * compares buffers of equal length and the comparison time says nothing about the token.
 */
export function createBearerCheck(token: string): (header: string | undefined) => void {
  const expected = digest(token);
  return (header) => {
    const match = typeof header === 'string' ? /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header) : null;
    if (!match) {
      throw new HttpError('UNAUTHORIZED', 'this endpoint needs an `Authorization: Bearer <token>` header');
    }
    if (!timingSafeEqual(digest(match[1] as string), expected)) {
      throw new HttpError('UNAUTHORIZED', 'the bearer token is not valid');
    }
  };
}

/** 127.0.0.0/8, ::1 and localhost: the only binds where running without a token is allowed. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}
