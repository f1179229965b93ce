import { useRefLinkRankingQuery, type RankedRefLink } from '../../data/overview/ref-link-ranking-query';
import { rangeParams, type RangeState } from '../../lib/date-range';
import { formatCount } from '../../lib/number-format';
import { viewHref } from '../../lib/views';
import { Link } from '../Link';
import { QueryStatus } from '../QueryStatus';
import { RankedList, type RankedItem } from './RankedList';

const SHOWN = 3;
const SOURCE_WORDS: Record<string, string> = {
  SHORTLINK: 'm.me link',
  MESSENGER_CODE: 'Messenger code',
  CUSTOMER_CHAT_PLUGIN: 'chat plugin',
};

// the contacts API counts Messenger (QR) codes as m.me links (SHORTLINK)
const contactSource = (source: string) => (source === 'MESSENGER_CODE' ? 'SHORTLINK' : source);

const newContacts = (row: RankedRefLink) => row.metrics['newContacts']?.value ?? 0;

/** The refs that brought the most and the fewest new contacts in the range, each with a link to its contacts. */
export function RefLinkLeaders({ state }: { state: RangeState }) {
  const refs = useRefLinkRankingQuery(state.range);
  // a ref opens the Ref links page searched for it; "all" opens the leaderboard sorted as the list is
  const item = (row: RankedRefLink): RankedItem => ({
    key: `${row.source}:${row.ref}`,
    name: row.ref,
    href: viewHref('ref-links', { ...rangeParams(state), q: row.ref }),
    value: formatCount(newContacts(row)),
    extra: (
      <span className="hint">
        {' '}
        {SOURCE_WORDS[row.source] ?? row.source} ·{' '}
        <Link
          href={viewHref('contacts', { ...state.range, source: contactSource(row.source), ref: row.ref })}
          aria-label={`Contacts from ${row.ref}`}
        >
          contacts
        </Link>
      </span>
    ),
  });

  return (
    <section aria-labelledby="ref-leaders-title" className="leaders">
      <h3 id="ref-leaders-title">Ref links</h3>
      <QueryStatus
        query={refs}
        what="the ref links"
        isEmpty={(data) => data.rows.length === 0}
        empty={<p className="hint">No m.me link, QR code or chat-plugin ref brought anyone in this range.</p>}
      >
        {(data) => {
          const top = data.rows.filter((r) => newContacts(r) > 0).slice(0, SHOWN);
          const bottom = data.rows
            .filter((r) => !top.includes(r))
            .reverse()
            .slice(0, SHOWN);
          return (
            <div className="ranked-grid">
              <RankedList
                id="refs-most-contacts"
                title="Most new contacts"
                all={{
                  href: viewHref('ref-links', { ...rangeParams(state), sort: 'newContacts', order: 'desc' }),
                  label: 'All ref links by most new contacts',
                }}
                items={top.map(item)}
                none="No ref brought a new contact."
              />
              <RankedList
                id="refs-fewest-contacts"
                title="Fewest new contacts"
                all={{
                  href: viewHref('ref-links', { ...rangeParams(state), sort: 'newContacts', order: 'asc' }),
                  label: 'All ref links by fewest new contacts',
                }}
                items={bottom.map(item)}
                none="No other ref was used."
              />
            </div>
          );
        }}
      </QueryStatus>
    </section>
  );
}
