import type { ContactRow } from '../../data/contacts/contacts-query';
import { formatCount } from '../../lib/number-format';
import { hrefWith } from '../../lib/url-state';
import { Link } from '../Link';
import { sourceLabel } from './contact-filters';
import { formatMoment, formatShortMoment } from './timeline';

export const REACHABILITY_WORDS: Record<string, string> = {
  reachable: 'Reachable',
  unreachable: 'Blocked',
  unknown: 'Not known yet',
};

/** A row per contact; the first-seen moment opens the contact's timeline, keeping the list's filters in the URL. */
export function ContactsTable({ rows, campaigns }: { rows: ContactRow[]; campaigns?: Map<string, string> }) {
  return (
    <div className="table-scroll">
      <table className="contacts-table">
        <caption className="visually-hidden">Contacts, newest first</caption>
        <thead>
          <tr>
            <th scope="col">First seen</th>
            <th scope="col">Source</th>
            <th scope="col">Ref or campaign</th>
            <th scope="col" className="num">
              Messages
            </th>
            <th scope="col" className="num">
              Conversions
            </th>
            <th scope="col">Reachability</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id} data-testid="contact-row">
              <td>
                <Link
                  href={hrefWith({ contact: c.id })}
                  aria-label={`Timeline of the contact first seen ${formatMoment(c.firstSeenAt)}`}
                >
                  {formatShortMoment(c.firstSeenAt)}
                </Link>
              </td>
              <td data-testid="contact-source" data-label="Source">
                {sourceLabel(c.source)}
              </td>
              <td className="contact-origin" data-label="Ref or campaign">
                <Origin contact={c} campaigns={campaigns} />
              </td>
              <td className="num" data-label="Messages">
                {formatCount(c.inboundMessages)}
              </td>
              <td className="num" data-label="Conversions">
                {formatCount(c.conversions)}
              </td>
              <td className={`reach-${c.reachability}`} data-label="Reachability">
                {REACHABILITY_WORDS[c.reachability] ?? c.reachability}
                {c.unreachableAt && <span className="hint"> since {formatMoment(c.unreachableAt)}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The ref they came through, else the campaign of their ad by name (its ad id alongside), else a dash. */
function Origin({ contact: c, campaigns }: { contact: ContactRow; campaigns?: Map<string, string> }) {
  if (c.ref) return <>{c.ref}</>;
  const name = c.campaignId ? campaigns?.get(c.campaignId) : undefined;
  if (name) return <span title={c.adId ? `ad ${c.adId}` : undefined}>{name}</span>;
  return <>{c.adId ? `ad ${c.adId}` : '–'}</>;
}
