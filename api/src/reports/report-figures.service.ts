import { Inject, Injectable } from '@nestjs/common';
import { TZDate } from '@date-fns/tz';
import { shiftDay, type DayRange } from '@ctm/metrics';
import { assembleReport, type ReportContent, type ReportKind } from '@ctm/reports';
import { AlertsRepository } from '../alerts/alerts.repository.js';
import { CLOCK } from '../meta/clock.provider.js';
import type { Clock } from '../meta/clock.js';
import { AdRowsService } from '../metrics/ad-rows.service.js';
import type { FiguresQuery } from '../metrics/dto/figures-query.dto.js';
import { OverviewService } from '../metrics/overview.service.js';
import { ReconciliationService } from '../metrics/reconciliation.service.js';
import { RefLinksService } from '../metrics/ref-links.service.js';
import { ReportsRepository } from './reports.repository.js';

export type ReportRequest = { kind: ReportKind; week: string | null; range: DayRange; comparison: DayRange };

/**
 * A report's figures, taken from the metrics and alerts services as the dashboard gets them (one
 * definition of every figure), over the report's days and the comparison's, then assembled.
 */
@Injectable()
export class ReportFiguresService {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly overview: OverviewService,
    private readonly adRows: AdRowsService,
    private readonly refLinks: RefLinksService,
    private readonly reconciliation: ReconciliationService,
    private readonly alerts: AlertsRepository,
    private readonly repo: ReportsRepository,
  ) {}

  async build(workspaceId: string, request: ReportRequest): Promise<ReportContent> {
    const { range, comparison } = request;
    const query = (sort: FiguresQuery['sort']): FiguresQuery => ({ range, comparison, sort, order: 'desc' });
    const workspace = await this.repo.workspace(workspaceId);
    const [freshness, overview, campaigns, refLinks, reconciliation, settings, blockCounts, policy] = await Promise.all(
      [
        this.repo.freshness(workspaceId),
        this.overview.report(workspaceId, query('newContacts')),
        this.adRows.report(workspaceId, 'campaign', null, query('spend')),
        this.refLinks.report(workspaceId, query('newContacts')),
        this.reconciliation.report(workspaceId, range),
        this.alerts.settings(workspaceId),
        Promise.all(
          (['page', 'campaign', 'ref'] as const).map(async (by) => ({
            by,
            rows: await this.alerts.blockCounts(workspaceId, by, range),
          })),
        ),
        this.alerts.policyNotices(workspaceId, startOf(range.from, workspace.timeZone)),
      ],
    );
    const end = startOf(shiftDay(range.to, 1), workspace.timeZone).getTime();
    return assembleReport({
      workspace,
      kind: request.kind,
      week: request.week,
      range,
      comparison,
      generatedAt: new Date(this.clock.now()).toISOString(),
      freshness,
      overview,
      campaigns: campaigns.rows,
      refLinks: refLinks.rows,
      blockCounts,
      blockRateSettings: { threshold: settings.threshold, minContacts: settings.minContacts },
      policy: policy
        .filter((p) => new Date(p.time).getTime() < end)
        .map((p) => ({ ...p, time: new Date(p.time).toISOString() })),
      reconciliation: { ...reconciliation.totals, causes: reconciliation.causes },
    });
  }
}

/** Midnight at the start of a day in a time zone. */
function startOf(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime());
}
