import type { HealthStatus } from '@ctm/domain';
import { useQuery } from '@tanstack/react-query';
import { apiFetch, ApiError } from '../../lib/api-fetch';
import { healthKeys } from './keys';

/** 503 still carries a HealthStatus body (db "down"): keep it as data rather than an error. */
export async function getHealth(): Promise<HealthStatus> {
  try {
    return await apiFetch<HealthStatus>('/api/health');
  } catch (error) {
    if (error instanceof ApiError && error.status === 503) return error.body as HealthStatus;
    throw error;
  }
}

export function useHealthQuery() {
  return useQuery({ queryKey: healthKeys.all, queryFn: getHealth, refetchInterval: 30_000 });
}
