import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox, SecretBoxError } from './secret-box.js';

const key = randomBytes(32);
const box = new SecretBox(key);
const TOKEN = 'EAAB-a-system-user-token-0123456789';

describe('SecretBox', () => {
  it('opens what it sealed, with a fresh IV every time and no plaintext in the bytes', () => {
    const a = box.seal(TOKEN, 'ws-1');
    const b = box.seal(TOKEN, 'ws-1');
    expect(box.open(a, 'ws-1')).toBe(TOKEN);
    expect(a.equals(b)).toBe(false);
    expect(a[0]).toBe(1);
    expect(a.length).toBe(1 + 12 + 16 + Buffer.byteLength(TOKEN));
    expect(a.toString('latin1')).not.toContain(TOKEN.slice(0, 8));
  });

  it.each([
    ['a flipped ciphertext byte', (s: Buffer) => s[s.length - 1]! ^ 1, -1],
    ['a flipped tag byte', (s: Buffer) => s[20]! ^ 1, 20],
    ['a flipped IV byte', (s: Buffer) => s[3]! ^ 1, 3],
  ])('detects %s', (_name, flip, at) => {
    const sealed = box.seal(TOKEN, 'ws-1');
    const index = at < 0 ? sealed.length + at : at;
    sealed[index] = flip(sealed);
    expect(() => box.open(sealed, 'ws-1')).toThrow(SecretBoxError);
  });

  it.each([
    ['another key', () => new SecretBox(randomBytes(32)).open(box.seal(TOKEN, 'ws-1'), 'ws-1')],
    ['another context', () => box.open(box.seal(TOKEN, 'ws-1'), 'ws-2')],
    [
      'an unknown version',
      () => box.open(Buffer.concat([Buffer.from([2]), box.seal(TOKEN, 'ws-1').subarray(1)]), 'ws-1'),
    ],
    ['a truncated value', () => box.open(box.seal(TOKEN, 'ws-1').subarray(0, 20), 'ws-1')],
  ])('refuses %s', (_name, attempt) => {
    expect(attempt).toThrow(SecretBoxError);
  });

  it('never puts the key in its errors', () => {
    try {
      box.open(Buffer.alloc(40, 1), 'ws-1');
    } catch (error) {
      expect(String(error)).not.toContain(key.toString('base64'));
      expect(String(error)).not.toContain(key.toString('hex'));
    }
  });
});
