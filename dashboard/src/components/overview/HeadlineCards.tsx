import type { Overview, ReachStatus } from '../../data/overview/overview-query';
import type { Unit } from '../../lib/number-format';
import { FigureCard } from './FigureCard';

// the metric ids and units of libs/metrics that the Overview shows
const OBSERVED: { id: string; label: string; unit: Unit }[] = [
  { id: 'newContacts', label: 'New contacts', unit: 'count' },
  { id: 'conversions', label: 'Conversions', unit: 'count' },
  { id: 'conversionRate', label: 'Conversion rate', unit: 'ratio' },
  { id: 'blockRate', label: 'Block rate', unit: 'ratio' },
  { id: 'replyRate', label: 'Reply rate', unit: 'ratio' },
  { id: 'medianFirstResponse', label: 'Median first response', unit: 'duration_ms' },
];
const BY_CURRENCY: { id: string; label: string; unit: Unit }[] = [
  { id: 'spend', label: 'Spend', unit: 'money' },
  { id: 'costPerNewContact', label: 'Cost per new contact', unit: 'money' },
  { id: 'roas', label: 'ROAS', unit: 'multiple' },
];
const REACH_NOTE: Record<ReachStatus, string | undefined> = {
  ready: undefined,
  pending: 'Being fetched from Meta',
  unavailable: 'Not available: no connected ad account',
};

/** The observed figures once, then money and reach per currency (never summed across currencies). */
export function HeadlineCards({ overview }: { overview: Overview }) {
  const comparing = overview.comparison !== null;
  return (
    <>
      <section aria-label="Observed figures" className="figure-grid">
        {OBSERVED.map((m) => (
          <FigureCard key={m.id} {...m} figure={overview.observed[m.id]} comparing={comparing} />
        ))}
      </section>
      {overview.byCurrency.map(({ currency, metrics, reach }) => (
        <section key={currency} aria-labelledby={`currency-${currency}`}>
          <h3 id={`currency-${currency}`} className="currency-title">
            Ads in {currency}
          </h3>
          <div className="figure-grid">
            {BY_CURRENCY.map((m) => (
              <FigureCard
                key={m.id}
                {...m}
                id={`${m.id}-${currency}`}
                figure={metrics[m.id]}
                currency={currency}
                comparing={comparing}
              />
            ))}
            <FigureCard
              id={`reach-${currency}`}
              label="Reach"
              unit="count"
              figure={{ value: reach.value, previous: null, change: null, relativeChange: null, improved: null }}
              note={REACH_NOTE[reach.status]}
              comparing={false}
            />
          </div>
        </section>
      ))}
    </>
  );
}
