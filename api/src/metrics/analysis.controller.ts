import { Controller, Get, Query } from '@nestjs/common';
import { filtersOf } from './dto/filters.dto.js';
import { Access } from '../auth/access.decorator.js';
import { Current } from '../auth/current.decorator.js';
import type { RequestAccess } from '../auth/request-access.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { CohortsService, type Cohorts } from './cohorts.service.js';
import { cohortsQuery, type CohortsQuery } from './dto/cohorts-query.dto.js';
import { reconciliationQuery, type ReconciliationQuery } from './dto/reconciliation-query.dto.js';
import { ReconciliationService, type Reconciliation } from './reconciliation.service.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import { cohortsResponse, reconciliationResponse } from '../openapi/responses/analysis.js';

/** Figures that explain: conversion by days since first contact, and observed vs Meta-reported. */
@Controller('api')
export class AnalysisController {
  constructor(
    private readonly cohorts: CohortsService,
    private readonly reconciliation: ReconciliationService,
  ) {}

  /** Of the people first seen in the range, the share converted N days later, per source or campaign. */
  @Access('viewer')
  @ApiDoc({ summary: 'Conversion by days since first contact, per source or campaign', response: cohortsResponse })
  @Get('cohorts')
  cohortReport(
    @Current() access: RequestAccess,
    @Query(new ZodValidationPipe(cohortsQuery)) query: CohortsQuery,
  ): Promise<Cohorts> {
    return this.cohorts.report(
      access.workspaceId,
      query.by ?? 'source',
      { from: query.from, to: query.to },
      query.days ?? 28,
      filtersOf(query),
    );
  }

  /** Meta's conversations started against observed new and re-engaged contacts, per ad (or per day of `ad=`), with the gap explained. */
  @Access('viewer')
  @ApiDoc({
    summary: 'Meta’s conversations started against observed contacts, the gap explained',
    response: reconciliationResponse,
  })
  @Get('reconciliation')
  reconciliationReport(
    @Current() access: RequestAccess,
    @Query(new ZodValidationPipe(reconciliationQuery)) query: ReconciliationQuery,
  ): Promise<Reconciliation> {
    return this.reconciliation.report(access.workspaceId, { from: query.from, to: query.to }, filtersOf(query));
  }
}
