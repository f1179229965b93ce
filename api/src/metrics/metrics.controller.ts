import { Controller, Get, Query } from '@nestjs/common';
import { Access } from '../auth/access.decorator.js';
import { Current } from '../auth/current.decorator.js';
import type { RequestAccess } from '../auth/request-access.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { figuresQuery, type FiguresQuery } from './dto/figures-query.dto.js';
import { OverviewService, type Overview } from './overview.service.js';
import { RefLinksService, type RefLinksReport } from './ref-links.service.js';

/** Figures of the caller's workspace, from the daily rollups. */
@Controller('api')
export class MetricsController {
  constructor(
    private readonly refLinks: RefLinksService,
    private readonly overview: OverviewService,
  ) {}

  /** Headline figures with their comparison, and a daily series: observed ones apart from money per currency. */
  @Access('viewer')
  @Get('overview')
  overviewReport(
    @Current() access: RequestAccess,
    @Query(new ZodValidationPipe(figuresQuery('newContacts'))) query: FiguresQuery,
  ): Promise<Overview> {
    return this.overview.report(access.workspaceId, query);
  }

  /** A row per ref (m.me link, QR code, chat-plugin ref): contacts, conversions, blocks and their rates. */
  @Access('viewer')
  @Get('ref-links')
  refLinksReport(
    @Current() access: RequestAccess,
    @Query(new ZodValidationPipe(figuresQuery('newContacts'))) query: FiguresQuery,
  ): Promise<RefLinksReport> {
    return this.refLinks.report(access.workspaceId, query);
  }
}
