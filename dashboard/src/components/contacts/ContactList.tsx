import type { Role } from '../../data/auth/me-query';
import { useCampaignNamesQuery } from '../../data/contacts/campaign-names-query';
import { CONTACTS_PAGE_SIZE, useContactsQuery } from '../../data/contacts/contacts-query';
import { formatRange, rangeFromParams, today } from '../../lib/date-range';
import { roleAtLeast } from '../../lib/roles';
import { hrefWith, navigate } from '../../lib/url-state';
import { settingsHref } from '../../lib/views';
import { Link } from '../Link';
import { RangePicker } from '../RangePicker';
import { cursorsFromParams, filtersFromParams, hasFilters, NO_FILTERS } from './contact-filters';
import { ContactFilterForm } from './ContactFilterForm';
import { ContactsPager } from './ContactsPager';
import { ContactsTable } from './ContactsTable';

/** The contacts of a range, newest first, filtered by their opening touch and state; a page at a time. */
export function ContactList({ role, params }: { role: Role; params: URLSearchParams }) {
  const state = rangeFromParams(params, today());
  const filters = filtersFromParams(params, state.range);
  const cursors = cursorsFromParams(params);
  const contacts = useContactsQuery(filters, cursors.at(-1) ?? null);
  const campaigns = useCampaignNamesQuery(state.range);

  return (
    <section className="card" aria-labelledby="contacts-title">
      <div className="overview-head">
        <h2 id="contacts-title">Contacts</h2>
        <RangePicker state={state} />
      </div>
      <p className="hint" data-testid="contacts-range">
        People who first wrote to your pages {formatRange(state.range)}, newest first.
      </p>
      <ContactFilterForm filters={filters} campaigns={campaigns.data} />
      {contacts.isPending ? (
        <Skeleton />
      ) : contacts.data === undefined ? (
        <p role="alert">
          Could not load the contacts: {contacts.error?.message ?? 'no answer'}{' '}
          <button type="button" onClick={() => void contacts.refetch()}>
            Retry
          </button>
        </p>
      ) : (
        <div aria-busy={contacts.isPlaceholderData} className={contacts.isPlaceholderData ? 'stale' : undefined}>
          {contacts.isError && (
            <p role="alert">
              Could not refresh the contacts: {contacts.error.message}{' '}
              <button type="button" onClick={() => void contacts.refetch()}>
                Retry
              </button>
            </p>
          )}
          {contacts.data.rows.length === 0 ? (
            <Empty filtered={hasFilters(filters)} paged={cursors.length > 0} role={role} />
          ) : (
            <>
              <ContactsTable rows={contacts.data.rows} campaigns={campaigns.data} />
              <ContactsPager
                cursors={cursors}
                nextCursor={contacts.data.nextCursor}
                shown={contacts.data.rows.length}
                pageSize={CONTACTS_PAGE_SIZE}
              />
            </>
          )}
        </div>
      )}
    </section>
  );
}

function Skeleton() {
  return (
    <div aria-busy="true" data-testid="contacts-loading">
      <p className="visually-hidden">Loading the contacts…</p>
      {Array.from({ length: 6 }, (_, i) => (
        <div key={i} className="skeleton contact-skeleton" />
      ))}
    </div>
  );
}

function Empty({ filtered, paged, role }: { filtered: boolean; paged: boolean; role: Role }) {
  if (paged)
    return (
      <div className="empty" data-testid="contacts-empty">
        <p>
          <strong>No more contacts.</strong> <Link href={hrefWith({ after: undefined })}>Back to the first page</Link>
        </p>
      </div>
    );
  if (filtered)
    return (
      <div className="empty" data-testid="contacts-empty">
        <p>
          <strong>No contacts match these filters in this range.</strong>
        </p>
        <p>
          Try a longer range, or{' '}
          <button type="button" className="link-button" onClick={() => navigate(hrefWith(NO_FILTERS))}>
            clear the filters
          </button>
          .
        </p>
      </div>
    );
  return (
    <div className="empty" data-testid="contacts-empty">
      <p>
        <strong>No new contacts in this range.</strong>
      </p>
      <p>
        Try a longer range, such as the last 90 days. People appear here once they write to a connected page
        {roleAtLeast(role, 'admin') ? (
          <>
            : if none is connected yet, <Link href={settingsHref('connections')}>connect one in Settings</Link>.
          </>
        ) : (
          ': if none is connected yet, ask an admin of this workspace to connect one.'
        )}
      </p>
    </div>
  );
}
