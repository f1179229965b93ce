// What the dashboard reads must be what the API answers: each hand-written response type of the data
// layer is checked against the type generated from the API's OpenAPI document (api-types.ts, kept
// current by a test). The check is one way, answer ⊆ reading: the dashboard may read less than the API
// sends, but a field it reads that the API renames, drops or retypes fails `npm run typecheck`.
import type { Alerts } from './alerts/alerts-query';
import type { operations } from './api-types';
import type { AuditEntry } from './audit/audit-query';
import type { FirstRunStatus } from './auth/first-run-query';
import type { Me } from './auth/me-query';
import type { Connection } from './connections/connections-query';
import type { DemoStatus } from './demo/demo-query';
import type { Member } from './members/members-query';
import type { Overview } from './overview/overview-query';
import type { SyncRun } from './sync/runs-query';
import type { AdRowsReport } from './campaigns/ad-rows-query';
import type { Funnel } from './funnel/funnel-query';
import type { LinkPage } from './links/link-pages-query';
import type { RefLink } from './links/links-query';
import type { Reconciliation } from './reconciliation/reconciliation-query';
import type { RefLinksReport } from './ref-links/ref-links-query';
import type { Timeseries } from './timeseries/timeseries-query';
import type { ContactDetail } from './contacts/contact-query';
import type { ContactPage } from './contacts/contacts-query';
import type { ConversionRule } from './conversion-rules/conversion-rules-query';
import type { CampaignRanking } from './overview/campaign-ranking-query';
import type { RefLinkRanking } from './overview/ref-link-ranking-query';
import type { ReportDetail } from './reports/report-query';
import type { ReportSummary } from './reports/reports-query';
import type { WorkspaceUpdate } from './workspace/update-workspace-mutation';
import type { WorkspaceSettings } from './workspace/workspace-query';
import type { ApiToken } from './tokens/tokens-query';

/** The JSON body of an operation's success answer. */
type Answer<Op extends keyof operations> = operations[Op]['responses'] extends infer R
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never;

/** Compiles only when every answer the API documents is a value of the dashboard's type. */
type Reads<Api, Dashboard> = [Api] extends [Dashboard] ? true : { error: 'the API answers something else'; api: Api };
const checked = <T extends true>(): T | undefined => undefined;

export const contract = [
  checked<Reads<Answer<'Metrics_overviewReport'>, Overview>>(),
  checked<Reads<Answer<'Alerts_list'>, Alerts>>(),
  checked<Reads<Answer<'Auth_me'>, Me>>(),
  checked<Reads<Answer<'Auth_firstRunStatus'>, FirstRunStatus>>(),
  checked<Reads<Answer<'Demo_get'>, DemoStatus>>(),
  checked<Reads<Answer<'Audit_list'>, AuditEntry[]>>(),
  checked<Reads<Answer<'Members_list'>, Member[]>>(),
  checked<Reads<Answer<'Tokens_list'>, ApiToken[]>>(),
  checked<Reads<Answer<'Connections_list'>, Connection[]>>(),
  checked<Reads<Answer<'AdsSync_list'>, SyncRun[]>>(),
  checked<Reads<Answer<'Metrics_campaigns'>, AdRowsReport>>(),
  checked<Reads<Answer<'Metrics_adsets'>, AdRowsReport>>(),
  checked<Reads<Answer<'Metrics_ads'>, AdRowsReport>>(),
  checked<Reads<Answer<'Metrics_timeseriesReport'>, Timeseries>>(),
  checked<Reads<Answer<'Metrics_funnelReport'>, Funnel>>(),
  checked<Reads<Answer<'Analysis_reconciliationReport'>, Reconciliation>>(),
  checked<Reads<Answer<'Metrics_refLinksReport'>, RefLinksReport>>(),
  checked<Reads<Answer<'Links_list'>, RefLink[]>>(),
  checked<Reads<Answer<'Links_pages'>, LinkPage[]>>(),
  checked<Reads<Answer<'Links_create'>, RefLink>>(),
  checked<Reads<Answer<'Links_update'>, RefLink>>(),
  checked<Reads<Answer<'Metrics_contactList'>, ContactPage>>(),
  checked<Reads<Answer<'Metrics_contact'>, ContactDetail>>(),
  checked<Reads<Answer<'Metrics_campaigns'>, CampaignRanking>>(),
  checked<Reads<Answer<'Metrics_refLinksReport'>, RefLinkRanking>>(),
  checked<Reads<Answer<'Reports_list'>, { reports: ReportSummary[] }>>(),
  checked<Reads<Answer<'Reports_get'>, ReportDetail>>(),
  checked<Reads<Answer<'Reports_create'>, ReportDetail>>(),
  checked<Reads<Answer<'ConversionRules_list'>, ConversionRule[]>>(),
  checked<Reads<Answer<'ConversionRules_create'>, ConversionRule>>(),
  checked<Reads<Answer<'WorkspaceSettings_get'>, WorkspaceSettings>>(),
  checked<Reads<Answer<'WorkspaceSettings_update'>, WorkspaceUpdate>>(),
];
