/** Attempts per alert and webhook, the first included; after the sixth the delivery is given up. */
export const MAX_WEBHOOK_ATTEMPTS = 6;

/**
 * How long to wait before the next attempt, or null when there is none: the delivery succeeded,
 * the attempts are used up, or the receiver refused the request in a way a retry cannot change.
 * `attempt` is the 1-based attempt that just ended; `status` its HTTP status, null when no answer
 * came (network error, timeout). Waits grow 4× from 1 s: 1, 4, 16, 64, 256 s. 408 and 429 are
 * worth retrying, other 4xx and redirects (not followed: a webhook URL should not move) are not.
 * Used by the in-process retries of the embedded mode and by the queue's job in production.
 */
export function nextRetryDelay(attempt: number, status: number | null): number | null {
  if (attempt >= MAX_WEBHOOK_ATTEMPTS) return null;
  if (status !== null) {
    if (status >= 200 && status < 300) return null;
    if (status >= 300 && status < 500 && status !== 408 && status !== 429) return null;
  }
  return 1000 * 4 ** (Math.max(attempt, 1) - 1);
}
