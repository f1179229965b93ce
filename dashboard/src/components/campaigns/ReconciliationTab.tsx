import type { Role } from '../../data/auth/me-query';
import {
  useReconciliationQuery,
  type GapCause,
  type Reconciliation,
  type ReconciliationCounts,
  type ReconciliationScope,
} from '../../data/reconciliation/reconciliation-query';
import type { DayRange } from '../../lib/date-range';
import { formatShortDay } from '../../lib/date-range';
import { formatCount } from '../../lib/number-format';
import { Link } from '../Link';
import { campaignsHref } from './campaigns-view';
import { EmptyRange } from './EmptyRange';

const CAUSE_TITLES: Record<GapCause, string> = {
  before_webhooks: 'Before the webhooks',
  no_referral: 'No referral',
  ad_not_synced: 'Ad not synced',
  seven_day_rule: "Meta's 7-day rule",
  time_zones: 'Time zones',
  attribution_window: "Meta's attribution",
};

const COUNTS: { key: keyof ReconciliationCounts; label: string }[] = [
  { key: 'metaConversationsStarted', label: 'Conversations started (Meta)' },
  { key: 'observedNewContacts', label: 'Observed new contacts' },
  { key: 'observedReengaged', label: 'Came back' },
  { key: 'gap', label: 'Gap' },
];

const signed = (n: number) => new Intl.NumberFormat(undefined, { signDisplay: 'exceptZero' }).format(n);

/** Meta's conversations started against the contacts that arrived, per ad (or per day of one ad), and why they differ. */
export function ReconciliationTab({ range, scope, role }: { range: DayRange; scope: ReconciliationScope; role: Role }) {
  const query = useReconciliationQuery(range, scope);
  if (query.isPending)
    return (
      <div aria-busy="true" data-testid="reconciliation-loading">
        <p className="visually-hidden">Loading the reconciliation…</p>
        <div className="skeleton table-skeleton" />
      </div>
    );
  if (query.data === undefined)
    return (
      <p role="alert">
        Could not load the reconciliation: {query.error?.message ?? 'no answer'}{' '}
        <button type="button" onClick={() => void query.refetch()}>
          Retry
        </button>
      </p>
    );
  const data = query.data;
  return (
    <div aria-busy={query.isPlaceholderData} className={query.isPlaceholderData ? 'stale' : undefined}>
      <ScopeCrumbs data={data} scope={scope} />
      <Totals data={data} />
      <Causes data={data} />
      {data.rows.length === 0 ? (
        <EmptyRange
          role={role}
          what="No ad had conversations or contacts in this range."
          testId="reconciliation-empty"
        />
      ) : (
        <RowsTable data={data} />
      )}
    </div>
  );
}

/** Every ad › one campaign's ads › one ad day by day: the drill-down of the Figures tab carries over. */
function ScopeCrumbs({ data, scope }: { data: Reconciliation; scope: ReconciliationScope }) {
  if (!scope.ad && !scope.campaign) return null;
  const campaignName = data.rows[0]?.campaignName ?? `Campaign ${scope.campaign}`;
  return (
    <nav aria-label="Reconciliation level" className="breadcrumb">
      <ol>
        <li>
          <Link href={campaignsHref({ ad: undefined, campaign: undefined, adset: undefined })}>All ads</Link>
        </li>
        {scope.campaign && (
          <li>
            {scope.ad ? (
              <Link href={campaignsHref({ ad: undefined })}>{campaignName}</Link>
            ) : (
              <span aria-current="page">Ads of {campaignName}</span>
            )}
          </li>
        )}
        {scope.ad && (
          <li>
            <span aria-current="page">{data.rows[0]?.adName ?? `Ad ${scope.ad}`}, day by day</span>
          </li>
        )}
      </ol>
    </nav>
  );
}

function Totals({ data }: { data: Reconciliation }) {
  return (
    <dl className="reconciliation-totals" data-testid="reconciliation-totals">
      {COUNTS.map(({ key, label }) => (
        <div key={key}>
          <dt>{label}</dt>
          <dd>{key === 'gap' ? signed(data.totals.gap) : formatCount(data.totals[key])}</dd>
        </div>
      ))}
    </dl>
  );
}

function Causes({ data }: { data: Reconciliation }) {
  const { gap } = data.totals;
  return (
    <section aria-labelledby="causes-title">
      <h3 id="causes-title">Why the counts differ</h3>
      <p className="hint">
        {gap === 0
          ? 'Meta and the webhooks agree over these days.'
          : gap > 0
            ? `Meta counted ${formatCount(gap)} more conversations than arrived as new or returning contacts.`
            : `${formatCount(-gap)} more contacts arrived than Meta counted conversations.`}{' '}
        Meta's days are in {data.timeZones.ads.join(', ') || "the ad accounts' time zones"}, contacts' in{' '}
        {data.timeZones.messenger}.
      </p>
      <ul className="causes" data-testid="reconciliation-causes">
        {data.causes.map((c) => (
          <li key={c.cause}>
            <strong>
              {CAUSE_TITLES[c.cause]}
              {c.contacts !== null && ` (${formatCount(c.contacts)})`}:
            </strong>{' '}
            {c.explanation}
          </li>
        ))}
      </ul>
    </section>
  );
}

function RowsTable({ data }: { data: Reconciliation }) {
  const byDay = data.by === 'day';
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Reconciliation table">
      <table className="campaign-table">
        <thead>
          <tr>
            <th scope="col" className="name-col">
              {byDay ? 'Day' : 'Ad (worst gap first)'}
            </th>
            {!byDay && <th scope="col">Campaign</th>}
            {COUNTS.map(({ key, label }) => (
              <th key={key} scope="col" className="num">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={row.key} data-testid="reconciliation-row">
              <th scope="row" className="name-col">
                {byDay ? (
                  formatShortDay(row.key)
                ) : (
                  <Link href={campaignsHref({ ad: row.key })} title="Day by day">
                    {row.adName ?? `Ad ${row.key}`}
                  </Link>
                )}
              </th>
              {!byDay && <td>{row.campaignName ?? row.campaignId ?? '–'}</td>}
              {COUNTS.map(({ key }) => (
                <td key={key} className="num" data-count={key}>
                  {key === 'gap' ? signed(row.gap) : formatCount(row[key])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
