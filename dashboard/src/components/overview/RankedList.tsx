import type { ReactNode } from 'react';
import { Link } from '../Link';

export type RankedItem = { key: string; name: string; href: string; value: string; extra?: ReactNode };

type Props = {
  id: string;
  title: string;
  items: RankedItem[];
  none: string;
  /** the full list, sorted the same way, on its own page */
  all?: { href: string; label: string };
};

/** A short named list of the best or worst rows, each linking to its page, with its figure. */
export function RankedList({ id, title, items, none, all }: Props) {
  return (
    <div className="ranked" data-testid={id}>
      <h4 id={`${id}-title`}>
        {title}
        {all && (
          <>
            {' · '}
            <Link href={all.href} className="ranked-all" aria-label={all.label}>
              all
            </Link>
          </>
        )}
      </h4>
      {items.length === 0 ? (
        <p className="hint">{none}</p>
      ) : (
        <ol aria-labelledby={`${id}-title`}>
          {items.map((item) => (
            <li key={item.key} data-testid="ranked-item">
              <span className="ranked-name">
                <Link href={item.href} data-testid="ranked-name">
                  {item.name}
                </Link>
                {item.extra}
              </span>
              <span className="ranked-value" data-testid="ranked-value">
                {item.value}
              </span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
