import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../lib/api-fetch';
import type { Unit } from '../../lib/number-format';
import { reportsKeys } from './keys';
import type { ReportSummary } from './reports-query';

/** A report's figure beside the comparison period's (libs/reports `Figure`). */
export type ReportFigure = {
  id: string;
  label: string;
  unit: Unit;
  value: number | null;
  previous: number | null;
  relativeChange: number | null;
  improved: boolean | null;
};

/** The parts of a report's stored figures the preview shows (libs/reports `ReportContent`). */
export type ReportContent = {
  workspace: { slug: string; name: string; timeZone: string };
  currencies: string[];
  headline: { observed: ReportFigure[]; byCurrency: { currency: string; figures: ReportFigure[] }[] };
  campaigns: { id: string; name: string; currency: string | null; figures: ReportFigure[] }[];
  warnings: { blockRate: unknown[]; policy: unknown[] };
  reconciliation: { metaConversationsStarted: number; observedNewContacts: number; gap: number };
};

export type ReportDetail = ReportSummary & { content: ReportContent | null };

export const getReport = (id: string) => apiFetch<ReportDetail>(`/api/reports/${encodeURIComponent(id)}`);

/** One report's figures, for its preview; none asked without an id. */
export function useReportQuery(id: string | null) {
  return useQuery({
    queryKey: reportsKeys.detail(id ?? ''),
    queryFn: () => getReport(id!),
    enabled: !!id,
  });
}
