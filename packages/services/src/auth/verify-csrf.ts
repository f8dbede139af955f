import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Whether the CSRF token a request sent is the session's. Both sides are hashed first, so the
 * comparison takes the same time whatever their lengths and wherever they differ.
 */
export function verifyCsrf(expected: string, given: string | null | undefined): boolean {
  if (!expected || !given) return false;
  return timingSafeEqual(digest(expected), digest(given));
}
