import { describe, expect, test } from 'vitest';
import { isRefValid, mmeLink, parseReferral } from './referral.js';

describe('isRefValid', () => {
  test.each([
    ['spring_sale', true],
    ['a-b_c=d', true],
    ['Promo2025', true],
    ['key=value', true],
    ['', false],
    ['with space', false],
    ['dot.ted', false],
    ['slash/ref', false],
    ['plus+ref', false],
    ['été', false],
    ['a&b', false],
  ])('%j → %s', (ref, valid) => {
    expect(isRefValid(ref)).toBe(valid);
  });
});

describe('mmeLink', () => {
  test.each([
    ['acme.shoes', 'spring_sale', 'https://m.me/acme.shoes?ref=spring_sale'],
    ['104857600000001', 'qr=front', 'https://m.me/104857600000001?ref=qr=front'],
  ])('%s + %s', (page, ref, link) => {
    expect(mmeLink(page, ref)).toBe(link);
  });

  test.each([
    ['acme', 'bad ref', /may contain only/],
    ['acme/../x', 'ok', /not a page username/],
    ['', 'ok', /not a page username/],
  ])('%s + %s throws', (page, ref, sentence) => {
    expect(() => mmeLink(page, ref)).toThrow(sentence);
  });
});

describe('parseReferral', () => {
  test.each<[unknown, unknown]>([
    [null, undefined],
    ['SHORTLINK', undefined],
    [
      { source: 'ADS', ad_id: 123, ads_context_data: { ad_title: 'T', post_id: 'p_1', photo_url: 'x' } },
      { source: 'ADS', adId: '123', adTitle: 'T', postId: 'p_1' },
    ],
    [
      { ref: 'r', type: 'OPEN_THREAD' },
      { source: 'UNKNOWN', ref: 'r', type: 'OPEN_THREAD' },
    ],
    [
      { source: 'SOME_FUTURE_SOURCE', ref: 'r' },
      { source: 'SOME_FUTURE_SOURCE', ref: 'r' },
    ],
  ])('%j', (raw, expected) => {
    expect(parseReferral(raw)).toStrictEqual(expected);
  });
});
