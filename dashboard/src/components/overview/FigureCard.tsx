import type { Compared } from '../../data/overview/overview-query';
import { formatChange, formatValue, type Unit } from '../../lib/number-format';

type Props = {
  id: string;
  label: string;
  unit: Unit;
  figure: Compared | undefined;
  currency?: string;
  /** said instead of the value, e.g. why reach is not there yet */
  note?: string;
  comparing: boolean;
};

const verdict = (improved: boolean | null) => (improved === null ? 'flat' : improved ? 'better' : 'worse');

/** One headline figure and, when comparing, its change coloured and worded by whether it is good news. */
export function FigureCard({ id, label, unit, figure, currency, note, comparing }: Props) {
  const value = figure?.value ?? null;
  return (
    <article className="figure-card" data-testid={`figure-${id}`} aria-label={label}>
      <h3>{label}</h3>
      <p className="figure-value" data-testid="figure-value">
        {note ? <span className="figure-note">{note}</span> : formatValue(value, unit, currency)}
      </p>
      {comparing && figure && !note && (
        <p className={`figure-change ${verdict(figure.improved)}`}>
          <ChangeText figure={figure} unit={unit} currency={currency} />
        </p>
      )}
    </article>
  );
}

/** "+12% better", "−3% worse", "no change"; a change that is neither good nor bad news gets no verdict. */
function ChangeText({ figure, unit, currency }: { figure: Compared; unit: Unit; currency?: string }) {
  if (figure.change === null) return <>no comparison</>;
  if (figure.change === 0) return <>no change</>;
  const word = figure.improved === null ? null : figure.improved ? 'better' : 'worse';
  return (
    <>
      {formatChange(figure, unit, currency)}
      {word && <span className="figure-verdict"> {word}</span>}
    </>
  );
}
