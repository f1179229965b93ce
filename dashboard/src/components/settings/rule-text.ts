import type { RuleKind } from '../../data/conversion-rules/conversion-rules-query';

/** What a rule's pattern means, in the words of the matcher (libs/attribution conversion-rules.ts). */
export const KIND_HELP: Record<RuleKind, string> = {
  payload:
    'the payload of a button or quick reply the person taps, whole and case-sensitive; * stands for any characters and ? for one (ORDER_* matches ORDER_42)',
  keyword:
    'words in a message the person sends, in any case, as whole words (“book a table” matches “Can I BOOK a table?” but not “booking”)',
};

export const KIND_LABEL: Record<RuleKind, string> = { payload: 'Button payload', keyword: 'Keyword' };

export const APPLIES_FROM_NOW =
  'A new or changed rule counts the messages received from then on: earlier messages are not matched again, and ' +
  'conversions already counted stay (a deleted rule’s too) until the attribution model or window changes, which ' +
  'credits every conversion again from the stored messages. When several rules match one message, the oldest counts it.';
