import { Body, Controller, Get, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { Access } from '../auth/access.decorator.js';
import { Current } from '../auth/current.decorator.js';
import { actorLabel, type RequestAccess } from '../auth/request-access.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import {
  reportFileResponse,
  reportListResponse,
  reportResponse,
  reportSettingsResponse,
} from '../openapi/responses/reports.js';
import {
  createReportSchema,
  downloadQuerySchema,
  reportSettingsSchema,
  type CreateReportBody,
  type DownloadQuery,
  type ReportSettingsBody,
} from './dto/report.dto.js';
import type { ReportSettings, ReportSummary } from './reports.repository.js';
import { ReportsService, type ReportDetail } from './reports.service.js';

/** Weekly and on-demand reports of the caller's workspace: history, preview, downloads, schedule. */
@Controller('api/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Access('viewer')
  @ApiDoc({ summary: 'The report history', response: reportListResponse })
  @Get()
  async list(@Current() access: RequestAccess): Promise<{ reports: ReportSummary[] }> {
    return { reports: await this.reports.list(access.workspaceId) };
  }

  /** A week's report (made once: the existing one is answered with 200) or a custom range's (201). */
  @Access('analyst')
  @ApiDoc({
    summary: 'Make a report of a week or a custom range',
    response: reportResponse,
    statuses: [201, 200],
    errors: {
      400: 'week: 2026-W49 has not ended yet in the workspace’s time zone (Europe/Berlin): its report can be made from 2026-12-07, or ask for the days so far with from and to.',
    },
  })
  @Post()
  async create(
    @Current() access: RequestAccess,
    @Body(new ZodValidationPipe(createReportSchema)) body: CreateReportBody,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportDetail> {
    const { report, created } = await this.reports.create(access.workspaceId, body, actorLabel(access.actor));
    res.status(created ? 201 : 200);
    return report;
  }

  @Access('analyst')
  @ApiDoc({ summary: 'When weekly reports are made and who gets them by e-mail', response: reportSettingsResponse })
  @Get('settings')
  settings(@Current() access: RequestAccess): Promise<ReportSettings> {
    return this.reports.settings(access.workspaceId);
  }

  @Access('admin')
  @ApiDoc({ summary: 'Set the weekly schedule and the e-mail recipients', response: reportSettingsResponse })
  @Put('settings')
  saveSettings(
    @Current() access: RequestAccess,
    @Body(new ZodValidationPipe(reportSettingsSchema)) body: ReportSettingsBody,
  ): Promise<ReportSettings> {
    return this.reports.saveSettings(access.workspaceId, body);
  }

  @Access('viewer')
  @ApiDoc({
    summary: 'A report with its figures, for a preview',
    response: reportResponse,
    errors: { 404: 'id: 6f1c1e2a-… is not a report of this workspace.' },
  })
  @Get(':id')
  get(@Current() access: RequestAccess, @Param('id') id: string): Promise<ReportDetail> {
    return this.reports.get(access.workspaceId, id);
  }

  @Access('viewer')
  @ApiDoc({
    summary: 'Download a report as PDF, XLSX or CSV (zip)',
    response: reportFileResponse,
    errors: {
      404: 'id: 6f1c1e2a-… is not a report of this workspace.',
      409: 'id: report 6f1c1e2a-… is still being generated; try again in a moment.',
    },
  })
  @Get(':id/download')
  async download(
    @Current() access: RequestAccess,
    @Param('id') id: string,
    @Query(new ZodValidationPipe(downloadQuerySchema)) query: DownloadQuery,
  ): Promise<StreamableFile> {
    const file = await this.reports.download(access.workspaceId, id, query.format, query.bom === '1');
    return new StreamableFile(file.body, {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName}"`,
      length: file.body.length,
    });
  }
}
