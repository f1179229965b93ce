import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { DayRange } from '../../lib/date-range';
import { reportsKeys } from './keys';

export type ReportFormat = 'pdf' | 'xlsx' | 'csv';

/** A report as the history lists it (api/src/openapi/responses/reports.ts `reportListResponse`). */
export type ReportSummary = {
  id: string;
  kind: 'weekly' | 'custom';
  week: string | null;
  range: DayRange;
  comparison: DayRange;
  status: 'generating' | 'ready' | 'failed';
  error: string | null;
  requestedBy: string;
  createdAt: string;
  generatedAt: string | null;
  /** how fresh the data was at generation */
  freshness: { lastSyncAt: string | null; lastWebhookAt: string | null };
  delivery: {
    recipients: string[];
    status: 'pending' | 'sending' | 'sent' | 'failed';
    attempts: number;
    nextAttemptAt: string | null;
    lastError: string | null;
    sentAt: string | null;
  } | null;
};

export const getReports = () => apiFetch<{ reports: ReportSummary[] }>('/api/reports');

export function useReportsQuery() {
  return useQuery({ queryKey: reportsKeys.list(), queryFn: getReports });
}

/** Where a report downloads from (an attachment, rendered from the figures stored when it was made). */
export const downloadPath = (id: string, format: ReportFormat, bom = false) =>
  `/api/reports/${encodeURIComponent(id)}/download?format=${format}${bom ? '&bom=1' : ''}`;
