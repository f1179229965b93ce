import type { ReactNode } from 'react';
import { Link } from '../Link';

export type RankedItem = { key: string; name: string; href: string; value: string; extra?: ReactNode };

/** A short named list of the best or worst rows, each linking to its page, with its figure. */
export function RankedList({
  id,
  title,
  items,
  none,
}: {
  id: string;
  title: string;
  items: RankedItem[];
  none: string;
}) {
  return (
    <div className="ranked" data-testid={id}>
      <h4 id={`${id}-title`}>{title}</h4>
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
