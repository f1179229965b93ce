import { z } from 'zod';
import type { ConversionRuleView } from '../../conversion-rules/conversion-rules.repository.js';
import { responseDoc } from '../api-doc.decorator.js';
import { describes } from '../zod-schema.js';
import { dateTime } from './common.js';

const rule = describes<ConversionRuleView>()(
  z.object({
    id: z.uuid(),
    name: z.string().meta({ description: 'The conversion’s name in the figures, e.g. purchase.' }),
    kind: z.enum(['payload', 'keyword']).meta({
      description:
        'payload: a postback or quick-reply payload; keyword: words in the text of a message the person sends.',
    }),
    pattern: z.string().meta({
      description:
        'payload: the whole payload, case-sensitive, * for any characters and ? for one. keyword: whole words, any case.',
    }),
    value: z.number().nullable().meta({ description: 'What one conversion is worth; null for none.' }),
    currency: z.string().nullable().meta({ description: 'ISO 4217 code of the value; null when there is no value.' }),
    createdAt: dateTime,
    conversions: z.number().int().meta({ description: 'Conversions this rule has counted so far.' }),
  }),
);

const example = {
  id: '5a0c3e1d-8b9f-4d2a-9e7c-1f2b3c4d5e6f',
  name: 'purchase',
  kind: 'payload' as const,
  pattern: 'ORDER_*',
  value: 45,
  currency: 'EUR',
  createdAt: '2026-11-02T09:30:00.000Z',
  conversions: 12,
};

export const conversionRulesResponse = responseDoc(
  z.array(rule),
  [example],
  'The workspace’s rules, oldest first: the order in which a message is matched (the first rule that matches counts it).',
);

export const conversionRuleResponse = responseDoc(rule, example, 'The rule.');
