import { describe, expect, test } from 'vitest';
import { matchConversionRule } from './conversion-rules.js';
import * as e from './test-support/events.js';
import type { ConversionRule, MessengerEvent } from './types.js';

const purchase: ConversionRule = { kind: 'payload', pattern: 'PURCHASE*', name: 'purchase' };
const lead: ConversionRule = { kind: 'payload', pattern: 'LEAD_?', name: 'lead' };
const quote: ConversionRule = { kind: 'keyword', keyword: 'Quote', name: 'quote' };
const order: ConversionRule = { kind: 'keyword', keyword: 'place  an order', name: 'order' };
const cafe: ConversionRule = { kind: 'keyword', keyword: 'café', name: 'cafe' };
const rules = [purchase, lead, quote, order, cafe];

describe('matchConversionRule', () => {
  test.each<[string, MessengerEvent, ConversionRule | undefined]>([
    ['postback payload matching a glob prefix', e.postback(0, 'PURCHASE_SKU_42'), purchase],
    ['postback payload equal to the glob without its star', e.postback(0, 'PURCHASE'), purchase],
    ['glob is case-sensitive', e.postback(0, 'purchase'), undefined],
    ['glob matches the whole payload, not a part', e.postback(0, 'NO_PURCHASE'), undefined],
    ['? is exactly one character', e.postback(0, 'LEAD_A'), lead],
    ['? does not match two characters', e.postback(0, 'LEAD_AB'), undefined],
    ['quick-reply payload', e.quickReply(0, 'q1', 'LEAD_B'), lead],
    ['keyword in a message, any case', e.message(0, 'm1', 'Can I get a QUOTE please?'), quote],
    ['keyword at the very start and end', e.message(0, 'm1', 'quote'), quote],
    ['keyword inside a longer word does not count', e.message(0, 'm1', 'as quoted before'), undefined],
    ['keyword next to an underscore (a word character) does not count', e.message(0, 'm1', 'quote_me'), undefined],
    ['multi-word keyword across other whitespace', e.message(0, 'm1', 'I want to Place\nan   order'), order],
    ['non-ASCII keyword, any case', e.message(0, 'm1', 'Un CAFÉ svp'), cafe],
    ['non-ASCII keyword is not matched inside a word', e.message(0, 'm1', 'cafés'), undefined],
    ['an echo never converts, whatever it says', e.echo(0, 'r1', 'Here is your quote'), undefined],
    ['a postback title is not message text', e.postback(0, 'QUOTE'), undefined],
    ['a referral never converts', e.referral(0, e.mme('PURCHASE')), undefined],
  ])('%s', (_, event, expected) => {
    expect(matchConversionRule(event, rules)).toBe(expected);
  });

  test('the first matching rule wins, in the order given', () => {
    const broad: ConversionRule = { kind: 'payload', pattern: '*' };
    expect(matchConversionRule(e.postback(0, 'PURCHASE'), [broad, purchase])).toBe(broad);
    expect(matchConversionRule(e.postback(0, 'PURCHASE'), [purchase, broad])).toBe(purchase);
  });

  test.each<[string, ConversionRule]>([
    ['an empty pattern', { kind: 'payload', pattern: '' }],
    ['a blank keyword', { kind: 'keyword', keyword: '   ' }],
  ])('%s matches nothing', (_, rule) => {
    expect(matchConversionRule(e.message(0, 'm1', ' ', undefined), [rule])).toBeUndefined();
    expect(matchConversionRule(e.postback(0, 'X'), [rule])).toBeUndefined();
  });

  test('regex characters in a pattern or keyword are literal', () => {
    const dotted: ConversionRule = { kind: 'payload', pattern: 'A.B(1)' };
    expect(matchConversionRule(e.postback(0, 'A.B(1)'), [dotted])).toBe(dotted);
    expect(matchConversionRule(e.postback(0, 'AxB(1)'), [dotted])).toBeUndefined();
    const price: ConversionRule = { kind: 'keyword', keyword: '$99' };
    expect(matchConversionRule(e.message(0, 'm1', 'is it $99?'), [price])).toBe(price);
  });

  test('extra fields on the caller’s rule type come back', () => {
    const stored = [{ ...purchase, id: 'rule-7', workspaceId: 'w1' }];
    expect(matchConversionRule(e.postback(0, 'PURCHASE'), stored)?.id).toBe('rule-7');
  });
});
