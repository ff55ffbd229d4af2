import type { Prng } from './prng.ts';

/** A UUID version 7 for the given instant, its random bits drawn from `prng` (deterministic) or crypto. */
export function uuidV7(ms: number, prng?: Prng): string {
  const time = Math.floor(ms).toString(16).padStart(12, '0').slice(-12);
  const random = (n: number): string =>
    prng ? prng.hex(n) : Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => (b & 15).toString(16)).join('');
  const variant = (8 + (prng ? prng.int(0, 3) : crypto.getRandomValues(new Uint8Array(1))[0]! & 3)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random(3)}-${variant}${random(3)}-${random(12)}`;
}
