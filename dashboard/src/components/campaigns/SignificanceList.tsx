import type { AdRow } from '../../data/campaigns/ad-rows-query';
import { rowName } from './columns';
import { verdicts } from './significance';

/** The differences between the picked campaigns in words, each against the first picked. */
export function SignificanceList({ picked }: { picked: AdRow[] }) {
  return (
    <section aria-labelledby="significance-title" className="significance">
      <h4 id="significance-title">Real differences or noise? Against {rowName(picked[0]!)}, the first picked</h4>
      <ul>
        {verdicts(picked).map((v) => (
          <li key={`${v.metric}-${v.sentence}`} className={v.significant ? 'significant' : undefined}>
            <strong data-testid="significance-sentence">{v.sentence}</strong>
            <span className="hint"> {v.detail}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
