import { hashKey, Rng } from './rand.js';

const HALF_BITS = 23;
const HALF = 2 ** HALF_BITS;
const HALF_MASK = HALF - 1;
const ROUNDS = 4;
/** PSIDs and mids are built from a person's unique index, scrambled by a 46-bit Feistel permutation. */
export const PERSON_INDEX_LIMIT = HALF * HALF;
const PSID_BASE = 2_000_000_000_000_000;

const round = (seed: number, r: number, half: number): number => hashKey([seed, r, half]) & HALF_MASK;

/** Bijection on [0, 2^46): unique inputs give unique, random-looking outputs. */
export function permute(seed: number, value: number): number {
  let left = Math.floor(value / HALF);
  let right = value % HALF;
  for (let r = 0; r < ROUNDS; r += 1) {
    const next = (left ^ round(seed, r, right)) >>> 0;
    left = right;
    right = next;
  }
  return left * HALF + right;
}

export function unpermute(seed: number, value: number): number {
  let left = Math.floor(value / HALF);
  let right = value % HALF;
  for (let r = ROUNDS - 1; r >= 0; r -= 1) {
    const prev = (right ^ round(seed, r, left)) >>> 0;
    right = left;
    left = prev;
  }
  return left * HALF + right;
}

export function psidOf(seed: number, personIndex: number): string {
  return String(PSID_BASE + permute(seed, personIndex));
}

/** The person index behind a PSID of this world, or undefined for a foreign id. */
export function personIndexOf(seed: number, psid: string): number | undefined {
  if (!/^\d{16}$/.test(psid)) return undefined;
  const scrambled = Number(psid) - PSID_BASE;
  if (scrambled < 0 || scrambled >= PERSON_INDEX_LIMIT) return undefined;
  return unpermute(seed, scrambled);
}

/** Message ids are unique by construction: person index plus the message's number in the person's life. */
export function midOf(seed: number, personIndex: number, seq: number): string {
  const body = permute(seed ^ 0x5bd1e995, personIndex)
    .toString(36)
    .padStart(9, '0');
  return `m_${body}${seq.toString(36).padStart(3, '0')}`;
}

export function userRefOf(seed: number, personIndex: number): string {
  return `ur_${permute(seed ^ 0x27d4eb2f, personIndex).toString(36)}`;
}

/**
 * Graph-style numeric id: a fixed prefix per object kind, then index * odd multiplier + offset modulo 10^n,
 * a bijection (the multiplier is coprime with 10), so ids never collide and do not look sequential.
 */
export function graphId(seed: number, prefix: string, index: number, digits: number): string {
  const width = digits - prefix.length;
  const modulus = 10 ** width;
  const offset = (hashKey([seed, Number(prefix)]) * 7919) % modulus;
  const scrambled = (index * 2_654_435_761 + offset) % modulus;
  return prefix + String(scrambled).padStart(width, '0');
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Access tokens look like Meta's (EAA...), and are unique per seed and purpose. */
export function tokenOf(seed: number, purpose: number, index: number): string {
  const rng = new Rng([seed, 0x70c3, purpose, index]);
  let token = 'EAAG';
  for (let i = 0; i < 120; i += 1) token += TOKEN_ALPHABET[rng.int(0, TOKEN_ALPHABET.length - 1)] ?? 'A';
  return token;
}
