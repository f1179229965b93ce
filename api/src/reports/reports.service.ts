import { BadRequestException, ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { comparisonRange, dayIn, shiftDay, type DayRange } from '@ctm/metrics';
import { isoWeekRange, weekBefore, type ReportContent, type WeekRange } from '@ctm/reports';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { CLOCK } from '../meta/clock.provider.js';
import type { Clock } from '../meta/clock.js';
import type { CreateReportBody, ReportFormat, ReportSettingsBody } from './dto/report.dto.js';
import { ReportFiguresService, type ReportRequest } from './report-figures.service.js';
import { ReportsRepository, type ReportSettings, type ReportSummary } from './reports.repository.js';
import { renderCsvZip } from './renderers/csv.renderer.js';
import { renderPdf } from './renderers/pdf.renderer.js';
import { renderXlsx } from './renderers/xlsx.renderer.js';

export type ReportDetail = ReportSummary & { content: ReportContent | null };
export type ReportFile = { body: Buffer; fileName: string; contentType: string };

const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'application/zip',
};
const EXTENSIONS: Record<ReportFormat, string> = { pdf: 'pdf', xlsx: 'xlsx', csv: 'csv.zip' };

/** Reports: made from the metrics services' figures, kept with their content, rendered on download. */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger(ReportsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly repo: ReportsRepository,
    private readonly figures: ReportFiguresService,
  ) {}

  list(workspaceId: string): Promise<ReportSummary[]> {
    return this.repo.list(workspaceId, 200);
  }

  async get(workspaceId: string, id: string): Promise<ReportDetail> {
    const report = await this.repo.get(workspaceId, id);
    if (!report) throw new NotFoundException(`id: ${id} is not a report of this workspace.`);
    return report;
  }

  /** POST /api/reports: a week's report (made once; the existing one if made) or a custom range's (always new). */
  async create(
    workspaceId: string,
    body: CreateReportBody,
    requestedBy: string,
  ): Promise<{ report: ReportDetail; created: boolean }> {
    const { timeZone } = await this.repo.workspace(workspaceId);
    const today = dayIn(timeZone, this.clock.now());
    if (body.week) {
      const week = isoWeekRange(body.week);
      if (week.to >= today)
        throw new BadRequestException(
          `week: ${week.week} has not ended yet in the workspace’s time zone (${timeZone}): its report can be made from ${shiftDay(week.to, 1)}, or ask for the days so far with from and to.`,
        );
      return this.weekly(workspaceId, week, requestedBy);
    }
    const range = { from: body.from!, to: body.to! };
    if (range.to > today)
      throw new BadRequestException(
        `to: ${range.to} is after today (${today} in ${timeZone}): there are no figures for it yet.`,
      );
    const id = (await this.repo.insert({
      workspaceId,
      kind: 'custom',
      week: null,
      range,
      comparison: comparisonRange(range, 'previous'),
      requestedBy,
    }))!;
    await this.generate(workspaceId, id, {
      kind: 'custom',
      week: null,
      range,
      comparison: comparisonRange(range, 'previous'),
    });
    return { report: await this.get(workspaceId, id), created: true };
  }

  /**
   * The weekly report of a week: made here unless another caller (instance) made it or is making
   * it; a failed one, or one whose maker died, is made again. E-mailed once made, when mail is set up.
   */
  async weekly(
    workspaceId: string,
    week: WeekRange,
    requestedBy: string,
    now = new Date(this.clock.now()),
  ): Promise<{ report: ReportDetail; created: boolean }> {
    const request: ReportRequest = {
      kind: 'weekly',
      week: week.week,
      range: { from: week.from, to: week.to },
      comparison: rangeOf(weekBefore(week.week)),
    };
    let id = await this.repo.insert({ workspaceId, ...request, requestedBy });
    if (!id) {
      const existing = (await this.repo.weekly(workspaceId, week.week))!;
      if (!(await this.repo.retry(workspaceId, existing.id, requestedBy)))
        return { report: await this.get(workspaceId, existing.id), created: false };
      id = existing.id;
    }
    const ok = await this.generate(workspaceId, id, request);
    if (ok && this.config.mail.smtpUrl) {
      const { recipients } = await this.repo.settings(workspaceId);
      if (recipients.length > 0) await this.repo.queueDelivery(id, workspaceId, recipients, now);
    }
    return { report: await this.get(workspaceId, id), created: true };
  }

  /** Builds and stores a report's content; a failure is stored on the report, never lost. */
  private async generate(workspaceId: string, id: string, request: ReportRequest): Promise<boolean> {
    try {
      const content = await this.figures.build(workspaceId, request);
      await this.repo.complete(id, content, content.freshness);
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`report ${id} of ${request.range.from}..${request.range.to} failed: ${message}`);
      await this.repo.fail(id, `The figures could not be read: ${message}`);
      return false;
    }
  }

  /** A report rendered in a format from its stored content. */
  async download(workspaceId: string, id: string, format: ReportFormat, bom = false): Promise<ReportFile> {
    const report = await this.get(workspaceId, id);
    if (report.status !== 'ready' || !report.content)
      throw new ConflictException(
        report.status === 'generating'
          ? `id: report ${id} is still being generated; try again in a moment.`
          : `id: report ${id} failed (${report.error ?? 'no reason recorded'}); ask for it again with POST /api/reports.`,
      );
    return renderReport(report.content, format, bom);
  }

  settings(workspaceId: string): Promise<ReportSettings> {
    return this.repo.settings(workspaceId);
  }

  saveSettings(workspaceId: string, body: ReportSettingsBody): Promise<ReportSettings> {
    return this.repo.saveSettings(workspaceId, body);
  }
}

/** A report's content in a format, with its file name: `<workspace>-<week or days>.<ext>`. */
export async function renderReport(content: ReportContent, format: ReportFormat, bom = false): Promise<ReportFile> {
  const body =
    format === 'pdf'
      ? await renderPdf(content)
      : format === 'xlsx'
        ? await renderXlsx(content)
        : await renderCsvZip(content, bom);
  return { body, fileName: reportFileName(content, format), contentType: CONTENT_TYPES[format] };
}

export function reportFileName(content: ReportContent, format: ReportFormat): string {
  const what = content.week ?? `${content.range.from}_${content.range.to}`;
  return `${content.workspace.slug}-report-${what}.${EXTENSIONS[format]}`;
}

const rangeOf = (w: WeekRange): DayRange => ({ from: w.from, to: w.to });
