import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { auditKeys } from '../audit/keys';
import type { ConversionRule } from './conversion-rules-query';
import { conversionRulesKeys } from './keys';

export const deleteConversionRule = (id: string) =>
  apiFetch<ConversionRule>(`/api/conversion-rules/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** Deletes a rule: later messages no longer match it; the conversions it counted stay. */
export function useDeleteConversionRuleMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: deleteConversionRule,
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: conversionRulesKeys.all }),
        client.invalidateQueries({ queryKey: auditKeys.all }),
      ]);
    },
  });
}
