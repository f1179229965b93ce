import { Controller, Get, Param, Query } from '@nestjs/common';
import { Access } from '../auth/access.decorator.js';
import { Current } from '../auth/current.decorator.js';
import type { RequestAccess } from '../auth/request-access.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { figuresQuery, type FiguresQuery } from './dto/figures-query.dto.js';
import { filtersOf } from './dto/filters.dto.js';
import { AdRowsService, type AdRowsReport } from './ad-rows.service.js';
import { ContactsService, type ContactDetail, type ContactRow } from './contacts.service.js';
import { contactsQuery, type ContactsQuery } from './dto/contacts-query.dto.js';
import { timeseriesQuery, type TimeseriesQuery } from './dto/timeseries-query.dto.js';
import { funnelQuery, type FunnelQuery } from './dto/funnel-query.dto.js';
import { FunnelService, type Funnel } from './funnel.service.js';
import { TimeseriesService, type Timeseries } from './timeseries.service.js';
import { OverviewService, type Overview } from './overview.service.js';
import { RefLinksService, type RefLinksReport } from './ref-links.service.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import {
  adRowsResponse,
  contactListResponse,
  contactResponse,
  funnelResponse,
  overviewResponse,
  refLinksResponse,
  timeseriesResponse,
} from '../openapi/responses/metrics.js';

/** Figures of the caller's workspace, from the daily rollups. */
@Controller('api')
export class MetricsController {
  constructor(
    private readonly refLinks: RefLinksService,
    private readonly overview: OverviewService,
    private readonly adRows: AdRowsService,
    private readonly contacts: ContactsService,
    private readonly timeseries: TimeseriesService,
    private readonly funnel: FunnelService,
  ) {}

  /** Clicks → conversations started → new contacts → replied → converted, per source or campaign. */
  @Access('viewer')
  @ApiDoc({ summary: 'The funnel per source or campaign', response: funnelResponse })
  @Get('funnel')
  funnelReport(
    @Current() access: RequestAccess,
    @Query(new ZodValidationPipe(funnelQuery)) query: FunnelQuery,
  ): Promise<Funnel> {
    return this.funnel.report(
      access.workspaceId,
      query.by ?? 'source',
      { from: query.from, to: query.to },
      filtersOf(query),
    );
  }

  /** One metric per day, week or month, optionally a series per campaign, ad, ref or source. */
  @Access('viewer')
  @ApiDoc({ summary: 'One metric per day, week or month, optionally per group', response: timeseriesResponse })
  @Get('timeseries')
  timeseriesReport(
    @Current() access: RequestAccess,
    @Query(new ZodValidationPipe(timeseriesQuery)) query: TimeseriesQuery,
  ): Promise<Timeseries> {
    return this.timeseries.report(access.workspaceId, query);
  }

  /** Contacts newest first, filtered by their opening touch and state; page with nextCursor. */
  @Access('viewer')
  @ApiDoc({ summary: 'Contacts, filtered and keyset-paged', response: contactListResponse })
  @Get('contacts')
  contactList(
    @Current() access: RequestAccess,
    @Query(new ZodValidationPipe(contactsQuery)) query: ContactsQuery,
  ): Promise<{ rows: ContactRow[]; nextCursor: string | null }> {
    return this.contacts.list(access.workspaceId, query);
  }

  /** One contact's timeline: touches, conversions, Send API answers. */
  @Access('viewer')
  @ApiDoc({
    summary: 'One contact’s timeline',
    response: contactResponse,
    errors: { 404: 'id: WyIx… is not a contact of this workspace.' },
  })
  @Get('contacts/:id')
  contact(@Current() access: RequestAccess, @Param('id') id: string): Promise<ContactDetail> {
    return this.contacts.detail(access.workspaceId, id);
  }

  /** A row per campaign: delivery, Meta's counts and observed figures side by side. */
  @Access('viewer')
  @ApiDoc({ summary: 'A row per campaign', response: adRowsResponse })
  @Get('campaigns')
  campaigns(
    @Current() access: RequestAccess,
    @Query(new ZodValidationPipe(figuresQuery('spend'))) query: FiguresQuery,
  ): Promise<AdRowsReport> {
    return this.adRows.report(access.workspaceId, 'campaign', null, query);
  }

  /** The ad sets of a campaign (`campaign=`, required). */
  @Access('viewer')
  @ApiDoc({
    summary: 'The ad sets of a campaign',
    response: adRowsResponse,
    errors: { 404: 'campaign: c_1 is not a campaign of this workspace.' },
  })
  @Get('adsets')
  adsets(
    @Current() access: RequestAccess,
    @Query(new ZodValidationPipe(figuresQuery('spend', 'campaign'))) query: FiguresQuery,
  ): Promise<AdRowsReport> {
    return this.adRows.report(access.workspaceId, 'adset', { level: 'campaign', id: query.parent! }, query);
  }

  /** The ads of an ad set (`adset=`, required). */
  @Access('viewer')
  @ApiDoc({
    summary: 'The ads of an ad set',
    response: adRowsResponse,
    errors: { 404: 'adset: s_1 is not an ad set of this workspace.' },
  })
  @Get('ads')
  ads(
    @Current() access: RequestAccess,
    @Query(new ZodValidationPipe(figuresQuery('spend', 'adset'))) query: FiguresQuery,
  ): Promise<AdRowsReport> {
    return this.adRows.report(access.workspaceId, 'ad', { level: 'adset', id: query.parent! }, query);
  }

  /** Headline figures with their comparison, and a daily series: observed ones apart from money per currency. */
  @Access('viewer')
  @ApiDoc({ summary: 'Headline figures with comparison and a daily series', response: overviewResponse })
  @Get('overview')
  overviewReport(
    @Current() access: RequestAccess,
    @Query(new ZodValidationPipe(figuresQuery('newContacts'))) query: FiguresQuery,
  ): Promise<Overview> {
    return this.overview.report(access.workspaceId, query);
  }

  /** A row per ref (m.me link, QR code, chat-plugin ref): contacts, conversions, blocks and their rates. */
  @Access('viewer')
  @ApiDoc({ summary: 'A row per ref link', response: refLinksResponse })
  @Get('ref-links')
  refLinksReport(
    @Current() access: RequestAccess,
    @Query(new ZodValidationPipe(figuresQuery('newContacts'))) query: FiguresQuery,
  ): Promise<RefLinksReport> {
    return this.refLinks.report(access.workspaceId, query);
  }
}
