import { useCampaignNamesQuery } from '../../data/contacts/campaign-names-query';
import { useContactQuery, type ContactDetail } from '../../data/contacts/contact-query';
import { ApiError } from '../../lib/api-fetch';
import { formatCount } from '../../lib/number-format';
import { rangeFromParams, today } from '../../lib/date-range';
import { hrefWith, useSearchParams } from '../../lib/url-state';
import { Link } from '../Link';
import { REACHABILITY_WORDS } from './ContactsTable';
import { formatMoment, timelineEvents, touchOrigin } from './timeline';

/** One contact: where they came from, and everything that happened since, oldest first. */
export function ContactTimeline({ id }: { id: string }) {
  const contact = useContactQuery(id);
  // the list's range is still in the URL: the campaign names of that range
  const campaigns = useCampaignNamesQuery(rangeFromParams(useSearchParams(), today()).range);
  const back = (
    <Link href={hrefWith({ contact: undefined })} className="back-link">
      ← Back to the contacts
    </Link>
  );
  return (
    <section className="card" aria-labelledby="contact-title">
      {back}
      <h2 id="contact-title">Contact timeline</h2>
      {contact.isPending ? (
        <div aria-busy="true" data-testid="contact-loading">
          <p className="visually-hidden">Loading the contact…</p>
          <div className="skeleton contact-skeleton" />
          <div className="skeleton contact-skeleton" />
        </div>
      ) : contact.data === undefined ? (
        contact.error instanceof ApiError && contact.error.status === 404 ? (
          <p role="alert">This contact is not in this workspace: the link may be from another one.</p>
        ) : (
          <p role="alert">
            Could not load the contact: {contact.error?.message ?? 'no answer'}{' '}
            <button type="button" onClick={() => void contact.refetch()}>
              Retry
            </button>
          </p>
        )
      ) : (
        <ContactDetails contact={contact.data} campaigns={campaigns.data} />
      )}
    </section>
  );
}

function ContactDetails({ contact, campaigns }: { contact: ContactDetail; campaigns?: Map<string, string> }) {
  const events = timelineEvents(contact);
  const campaign = contact.campaignId && (campaigns?.get(contact.campaignId) ?? contact.campaignId);
  return (
    <>
      <dl className="contact-facts">
        <dt>First seen</dt>
        <dd data-testid="contact-first-seen">{formatMoment(contact.firstSeenAt)}</dd>
        <dt>Came from</dt>
        <dd data-testid="contact-origin">
          {touchOrigin(contact)}
          {campaign && `, campaign ${campaign}`}
        </dd>
        <dt>Messages from them</dt>
        <dd>
          {formatCount(contact.inboundMessages)}
          {contact.lastInboundAt && `, the last ${formatMoment(contact.lastInboundAt)}`}
        </dd>
        <dt>Conversions</dt>
        <dd data-testid="contact-conversions">{formatCount(contact.conversions)}</dd>
        <dt>Reachability</dt>
        <dd>{REACHABILITY_WORDS[contact.reachability] ?? contact.reachability}</dd>
        <dt>Page</dt>
        <dd>{contact.pageId}</dd>
        <dt>PSID</dt>
        <dd>{contact.psid ?? 'not known (chat-plugin guest)'}</dd>
      </dl>
      <h3>What happened</h3>
      <ol className="timeline" aria-label="Timeline, oldest first">
        {events.map((e, i) => (
          <li key={`${e.time}-${i}`} className={`timeline-item ${e.kind}`} data-testid="timeline-event">
            <time dateTime={e.time}>{formatMoment(e.time)}</time>
            <span className="timeline-title">{e.title}</span>
            {e.detail && <span className="hint"> · {e.detail}</span>}
          </li>
        ))}
      </ol>
    </>
  );
}
