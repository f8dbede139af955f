import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

const N = 16_384;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 64;

function deriveKey(plain: string, salt: Buffer, keyBytes: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(plain.normalize('NFC'), salt, keyBytes, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$saltB64$hashB64`: the parameters travel with the hash, so they can be raised later. */
export async function hashPassword(plain: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(plain, salt, KEY_BYTES, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** False for a wrong password and for a stored value that is not a hash of ours. */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltB64, hashB64, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || rest.length > 0 || !saltB64 || !hashB64) return false;
  const options = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Object.values(options).every((v) => Number.isSafeInteger(v) && v > 0)) return false;
  const expected = Buffer.from(hashB64, 'base64');
  if (expected.length === 0) return false;
  const key = await deriveKey(plain, Buffer.from(saltB64, 'base64'), expected.length, {
    ...options,
    // Room for stronger parameters than today's (128·N·r bytes) without scrypt refusing them.
    maxmem: 256 * options.N * options.r,
  });
  return timingSafeEqual(key, expected);
}

// A hash of random bytes nobody kept, with today's parameters: what an unknown email is checked against.
const DECOY_HASH =
  'scrypt$16384$8$1$Z/lKLjWUJZeUxVJkPtxaWg==$kelzksvwrz2mM3nK3rjo6sK5L0+OEW3ZVxljqTVnAJsX5G0xYq5jGx+e4plwVIh2E7oHDbRPkSRk+uwFNpvUrw==';

/**
 * Spends the time of a real password check and fails, so a sign-in for an unknown email takes as
 * long as one for a known email and the answer's timing does not tell them apart.
 */
export async function spendPasswordCheck(plain: string): Promise<false> {
  await verifyPassword(plain, DECOY_HASH);
  return false;
}
