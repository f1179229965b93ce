import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { auditKeys } from '../audit/keys';
import type { ConversionRule, RuleKind } from './conversion-rules-query';
import { conversionRulesKeys } from './keys';

export type ConversionRuleBody = {
  name: string;
  kind: RuleKind;
  pattern: string;
  value: number | null;
  currency: string | null;
};

export const createConversionRule = (body: ConversionRuleBody) =>
  apiFetch<ConversionRule>('/api/conversion-rules', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

export function useCreateConversionRuleMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createConversionRule,
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: conversionRulesKeys.all }),
        client.invalidateQueries({ queryKey: auditKeys.all }),
      ]);
    },
  });
}
