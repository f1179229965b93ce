import { describe, expect, it } from 'vitest';
import { adRow } from './fixtures.test-data';
import { verdict, verdicts } from './significance';

const A = 'Spring sale';
const B = 'Summer sale';

describe('the significance sentence between two picked campaigns', () => {
  it.each([
    // [A converted / contacts, B converted / contacts, sentence]
    [10, 200, 40, 200, `${B} converts better than ${A}: 99% confident`],
    [40, 200, 10, 200, `${A} converts better than ${B}: 99% confident`],
    [20, 200, 34, 200, `${B} converts better than ${A}: 95% confident`],
    [10, 200, 12, 200, `Conversion rate, ${B} against ${A}: no real difference yet`],
    [0, 0, 5, 50, `Conversion rate, ${B} against ${A}: no real difference yet`],
  ])('A %i of %i, B %i of %i: %s', (convA, nA, convB, nB, sentence) => {
    const a = adRow('1', A, { converted: convA, newContacts: nA });
    const b = adRow('2', B, { converted: convB, newContacts: nB });
    expect(verdict(a, b, 'conversionRate', 'en-US').sentence).toBe(sentence);
  });

  it('says which is blocked more often, and gives the counts behind it', () => {
    const a = adRow('1', A, { blocked: 2, newContacts: 300 });
    const b = adRow('2', B, { blocked: 30, newContacts: 300 });
    const v = verdict(a, b, 'blockRate', 'en-US');
    expect(v.sentence).toBe(`${B} is blocked more often than ${A}: 99% confident`);
    expect(v.significant).toBe(true);
    expect(v.detail).toBe(
      `${B}: 30 of 300 new contacts blocked the page (10%); ${A}: 2 of 300 new contacts blocked the page (0.7%).`,
    );
  });

  it('warns that the test is rough with few people', () => {
    const v = verdict(adRow('1', A, { converted: 1 }), adRow('2', B, { converted: 3 }), 'conversionRate', 'en-US');
    expect(v.detail).toContain('few people so far, so the test is rough');
  });

  it('weighs each picked campaign against the first, both rates', () => {
    const picked = [adRow('1', 'A'), adRow('2', 'B'), adRow('3', 'C')];
    expect(verdicts(picked, 'en-US').map((v) => [v.metric, v.sentence.split(':')[0]])).toEqual([
      ['conversionRate', 'Conversion rate, B against A'],
      ['blockRate', 'Block rate, B against A'],
      ['conversionRate', 'Conversion rate, C against A'],
      ['blockRate', 'Block rate, C against A'],
    ]);
  });
});
