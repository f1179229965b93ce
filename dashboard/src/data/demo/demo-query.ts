import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import { demoKeys } from './keys';

export type DemoStatus =
  | { enabled: false }
  | { enabled: true; workspace: string; world: { seed: number; size: string; endDate: string }; note: string };

export const getDemoStatus = () => apiFetch<DemoStatus>('/api/demo');

export function useDemoQuery() {
  return useQuery({ queryKey: demoKeys.all, queryFn: getDemoStatus, staleTime: Infinity });
}
