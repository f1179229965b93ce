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
export function ContactsTable({ rows }: { rows: ContactRow[] }) {
  return (
    <div className="table-scroll">
      <table className="contacts-table">
        <caption className="visually-hidden">Contacts, newest first</caption>
        <thead>
          <tr>
            <th scope="col">First seen</th>
            <th scope="col">Source</th>
            <th scope="col">Ref or ad</th>
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
              <td className="contact-origin" data-label="Ref or ad">
                {c.ref ?? (c.adId ? `ad ${c.adId}` : '–')}
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
