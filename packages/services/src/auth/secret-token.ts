import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes as base64url (43 characters): session cookies, CSRF tokens, API token bodies. */
export const randomToken = (): string => randomBytes(32).toString('base64url');

/** What the database keeps of a bearer secret, so a leaked table signs nobody in. */
export const sha256Hex = (secret: string): string => createHash('sha256').update(secret).digest('hex');
