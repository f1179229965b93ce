import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { DayRange } from '../../lib/date-range';
import { reportsKeys } from './keys';
import type { ReportDetail } from './report-query';

/** POST /api/reports: a custom range's report (compared with as many days before). */
export const createReport = (range: DayRange) =>
  apiFetch<ReportDetail>('/api/reports', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: range.from, to: range.to }),
  });

export function useCreateReportMutation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: createReport,
    onSuccess: async (report) => {
      client.setQueryData(reportsKeys.detail(report.id), report);
      await client.invalidateQueries({ queryKey: reportsKeys.list() });
    },
  });
}
