import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../service/app-error.ts';

/** Which check let a Chatwoot webhook in. */
export type ChatwootAuth = 'chatwoot-signature' | 'shared-secret';

/** Node's `IncomingMessage.headers` or fetch's `Headers`. */
export type ChatwootRequestHeaders = Headers | Record<string, string | string[] | undefined>;

export type VerifyChatwootOptions = {
  /** The request's query string, where older Chatwoot setups put the shared secret (`?secret=`, `?token=`). */
  query?: URLSearchParams | Record<string, string | string[] | undefined>;
  /** The clock, epoch ms, to judge `X-Chatwoot-Timestamp` by. */
  nowMs?: number;
  /** How far the signed timestamp may be from now, either way; 5 minutes unless set. */
  toleranceMs?: number;
};

const DEFAULT_TOLERANCE_MS = 5 * 60_000;

function headerOf(headers: ChatwootRequestHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

function queryOf(query: VerifyChatwootOptions['query'], name: string): string | undefined {
  if (!query) return undefined;
  if (query instanceof URLSearchParams) return query.get(name) ?? undefined;
  const value = query[name];
  return Array.isArray(value) ? value[0] : value;
}

// Comparing digests keeps the comparison constant-time whatever the lengths.
const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
const isSame = (a: string, b: string): boolean => timingSafeEqual(digest(a), digest(b));

const refuse = (reason: string): AppError =>
  new AppError('unauthorized', `Chatwoot webhook refused: ${reason}`);

/**
 * Checks that a webhook came from the Chatwoot account the receiver is configured for. Two ways in:
 *
 * - Chatwoot's own signing (versions that give each webhook a secret): `X-Chatwoot-Signature:
 *   sha256=<hex HMAC-SHA256 of "<X-Chatwoot-Timestamp>.<raw body>">`, keyed by that secret, with the
 *   timestamp (epoch seconds) within `toleranceMs` of now. When the header is present it must verify,
 *   whatever else the request carries: a valid shared secret does not vouch for a changed body.
 * - A shared secret for versions that do not sign: the configured secret in `X-Serviq-Secret`,
 *   `Authorization: Bearer …`, or the webhook URL's `?secret=` / `?token=`, compared in constant time.
 *
 * `rawBody` must be the bytes as received, before any JSON parsing. Throws `unauthorized` otherwise,
 * and when no secret is configured (a receiver without one accepts nothing).
 */
export function verifyChatwootSignature(
  rawBody: string | Uint8Array,
  secret: string | null | undefined,
  headers: ChatwootRequestHeaders,
  options: VerifyChatwootOptions = {},
): ChatwootAuth {
  if (!secret) throw refuse('the receiver has no secret configured');
  const signature = headerOf(headers, 'x-chatwoot-signature');
  if (signature !== undefined) {
    const timestamp = headerOf(headers, 'x-chatwoot-timestamp');
    if (!timestamp || !/^\d{1,12}$/.test(timestamp.trim())) throw refuse('X-Chatwoot-Timestamp is missing');
    const skew = Math.abs((options.nowMs ?? Date.now()) - Number(timestamp.trim()) * 1000);
    if (skew > (options.toleranceMs ?? DEFAULT_TOLERANCE_MS))
      throw refuse('X-Chatwoot-Timestamp is too far from now');
    const mac = createHmac('sha256', secret).update(`${timestamp.trim()}.`).update(rawBody).digest('hex');
    const given = signature.trim().replace(/^sha256=/i, '');
    if (!isSame(given.toLowerCase(), mac)) throw refuse('X-Chatwoot-Signature does not match the body');
    return 'chatwoot-signature';
  }
  const bearer = /^Bearer\s+(.+)$/i.exec(headerOf(headers, 'authorization') ?? '')?.[1];
  const token =
    headerOf(headers, 'x-serviq-secret') ??
    bearer ??
    queryOf(options.query, 'secret') ??
    queryOf(options.query, 'token');
  if (token === undefined)
    throw refuse('no X-Chatwoot-Signature, X-Serviq-Secret, bearer token or ?secret= given');
  if (!isSame(token.trim(), secret)) throw refuse('the shared secret does not match');
  return 'shared-secret';
}
