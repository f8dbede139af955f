import { AppError } from '../service/app-error.ts';

/** AppError 'rate_limited' with the wait in seconds, for a Retry-After header. */
export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number) {
    super('rate_limited', message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export type LoginLimiter = {
  /** Counts an attempt against every key, or throws RateLimitedError when one of them has none left. */
  take(keys: readonly string[], now: number): void;
  /** Gives back the attempt of a successful sign-in: only failures use up a key's attempts. */
  refund(keys: readonly string[]): void;
};

export type LoginLimiterOptions = {
  maxAttempts?: number;
  windowMs?: number;
  /** Keys remembered at most; beyond it the oldest go first (a flood of made-up emails stays bounded). */
  maxKeys?: number;
};

/**
 * In-memory, per process: a sliding window of attempt times per key (login uses the email and the
 * IP address as two keys). Attempts are counted before the password check and refunded on success,
 * so parallel guesses cannot all slip in before the first failure is recorded.
 */
export function createLoginLimiter({
  maxAttempts = 10,
  windowMs = 15 * 60_000,
  maxKeys = 100_000,
}: LoginLimiterOptions = {}): LoginLimiter {
  const attempts = new Map<string, number[]>();

  const recent = (key: string, now: number): number[] => {
    const times = (attempts.get(key) ?? []).filter((t) => t > now - windowMs);
    if (times.length > 0) attempts.set(key, times);
    else attempts.delete(key);
    return times;
  };

  const forgetOld = (now: number): void => {
    for (const key of attempts.keys()) recent(key, now);
    for (const key of attempts.keys()) {
      if (attempts.size <= maxKeys) break;
      attempts.delete(key);
    }
  };

  return {
    take(keys, now) {
      const waits = keys.map((key) => {
        const times = recent(key, now);
        return times.length < maxAttempts
          ? 0
          : (times[times.length - maxAttempts] as number) + windowMs - now;
      });
      const waitMs = Math.max(0, ...waits);
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        const minutes = Math.ceil(seconds / 60);
        const when = seconds < 60 ? `${seconds} s` : `${minutes} min`;
        throw new RateLimitedError(`too many sign-in attempts; try again in ${when}`, seconds);
      }
      for (const key of keys) attempts.set(key, [...(attempts.get(key) ?? []), now]);
      if (attempts.size > maxKeys) forgetOld(now);
    },
    refund(keys) {
      for (const key of keys) attempts.get(key)?.pop();
    },
  };
}
