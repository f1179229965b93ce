import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { auditKeys } from '../audit/keys';
import type { ConversionRuleBody } from './create-conversion-rule-mutation';
import type { ConversionRule } from './conversion-rules-query';
import { conversionRulesKeys } from './keys';

export const updateConversionRule = ({ id, ...changes }: Partial<ConversionRuleBody> & { id: string }) =>
  apiFetch<ConversionRule>(`/api/conversion-rules/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(changes),
  });

export function useUpdateConversionRuleMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: updateConversionRule,
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: conversionRulesKeys.all }),
        client.invalidateQueries({ queryKey: auditKeys.all }),
      ]);
    },
  });
}
