import { z } from 'zod';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

const name = z
  .string({ error: 'name is required: what the conversion is called in the figures, e.g. purchase' })
  .trim()
  .min(1, { error: 'name must not be empty' })
  .max(100, { error: 'name must be at most 100 characters' });

const kind = z.enum(['payload', 'keyword'], {
  error: 'kind must be payload (a button’s or quick reply’s payload) or keyword (words in a message)',
});

const pattern = z
  .string({ error: 'pattern is required: a payload such as PURCHASE or ORDER_*, or a keyword such as “book a table”' })
  .trim()
  .min(1, { error: 'pattern must not be empty' })
  .max(200, { error: 'pattern must be at most 200 characters' })
  .meta({
    description:
      'payload: the whole postback or quick-reply payload, case-sensitive; * stands for any characters and ? for one ' +
      '(ORDER_* matches ORDER_42). keyword: words in the text of a message the person sends, in any case, as whole ' +
      'words, with any spacing between them (“book a table” matches “Can I BOOK a  table?” but not “booking”).',
  });

const value = z
  .number({ error: 'value must be a number, e.g. 45.5, or null for none' })
  .min(0, { error: 'value must not be negative' })
  .max(1e12, { error: 'value must be at most 1,000,000,000,000' })
  .nullable()
  .meta({ description: 'What one conversion is worth, in currency; null when it has no value.' });

const currency = z
  .string({ error: 'currency must be an ISO 4217 code such as EUR or USD, or null for none' })
  .refine((c) => /^[A-Z]{3}$/.test(c) && CURRENCIES.has(c), {
    error: 'currency must be an ISO 4217 code such as EUR or USD, in capitals',
  })
  .nullable();

const together = (b: { value?: number | null; currency?: string | null }) =>
  (b.value === undefined || b.value === null) === (b.currency === undefined || b.currency === null);
const TOGETHER = {
  error: 'value and currency go together: give both (e.g. 45 and EUR) or neither',
  path: ['currency'],
};

export const createConversionRuleSchema = z
  .object({ name, kind, pattern, value: value.optional(), currency: currency.optional() })
  .strict()
  .refine(together, TOGETHER)
  .meta({ example: { name: 'purchase', kind: 'payload', pattern: 'ORDER_*', value: 45, currency: 'EUR' } });
export type CreateConversionRuleBody = z.infer<typeof createConversionRuleSchema>;

/** Value and currency are checked together once merged with the rule (the service does). */
export const updateConversionRuleSchema = z
  .object({
    name: name.optional(),
    kind: kind.optional(),
    pattern: pattern.optional(),
    value: value.optional(),
    currency: currency.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, {
    error: 'the body must change at least one of name, kind, pattern, value and currency',
  })
  .meta({ example: { pattern: 'book a table' } });
export type UpdateConversionRuleBody = z.infer<typeof updateConversionRuleSchema>;

export const conversionRuleIdSchema = z.uuid({ error: 'id must be a conversion rule id (a UUID)' });
