import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { conversionRulesKeys } from './keys';

export type RuleKind = 'payload' | 'keyword';

/** A rule as GET /api/conversion-rules gives it (api/src/openapi/responses/conversion-rules.ts). */
export type ConversionRule = {
  id: string;
  name: string;
  kind: RuleKind;
  pattern: string;
  value: number | null;
  currency: string | null;
  createdAt: string;
  /** conversions the rule has counted so far */
  conversions: number;
};

export const getConversionRules = () => apiFetch<ConversionRule[]>('/api/conversion-rules');

/** Oldest first: the order in which a message is matched. */
export function useConversionRulesQuery() {
  return useQuery({ queryKey: conversionRulesKeys.list(), queryFn: getConversionRules });
}
