import { useEffect, useRef } from 'react';
import type { Role } from '../../data/auth/me-query';
import { useLinkPagesQuery } from '../../data/links/link-pages-query';
import { useLinksQuery } from '../../data/links/links-query';
import { useRefLinksByPageQuery } from '../../data/ref-links/ref-links-query';
import { formatRange, previousPeriod, rangeFromParams, today } from '../../lib/date-range';
import { roleAtLeast } from '../../lib/roles';
import { hrefWith, useSearchParams } from '../../lib/url-state';
import { Link } from '../Link';
import { RangePicker } from '../RangePicker';
import { Leaderboard } from './Leaderboard';
import { LinkPanel } from './LinkPanel';
import './ref-links.css';

/** Ref links: which m.me links, QR codes and chat-plugin refs bring people in, and the registered links to hand out. */
export function RefLinksPage({ role }: { role: Role }) {
  const params = useSearchParams();
  const state = rangeFromParams(params, today());
  const canWrite = roleAtLeast(role, 'analyst');
  const pages = useLinkPagesQuery();
  const links = useLinksQuery();
  const reports = useRefLinksByPageQuery(
    pages.data?.map((p) => p.id),
    state.range,
    state.comparison,
  );
  const comparedWith = state.comparison === 'previous' ? previousPeriod(state.range) : null;
  const panel = params.get('link');
  const panelRef = useRef<HTMLElement>(null);
  // the panel opens above the leaderboard: bring it into view (a phone's table is long) and move the focus there
  useEffect(() => {
    if (!panel) return;
    panelRef.current?.scrollIntoView?.({ block: 'start' });
    panelRef.current?.focus({ preventScroll: true });
  }, [panel]);

  return (
    <>
      {panel && (
        <section className="card link-panel" aria-label="Ref link" ref={panelRef} tabIndex={-1}>
          <LinkPanel params={params} links={links} pages={pages} canWrite={canWrite} />
        </section>
      )}
      <section className="card" aria-labelledby="ref-links-title">
        <div className="overview-head">
          <h2 id="ref-links-title">Ref links</h2>
          <RangePicker state={state} />
        </div>
        <p className="hint">
          {formatRange(state.range)}
          {comparedWith && `, compared with ${formatRange(comparedWith)}`}
          {' · '}new contacts who opened the conversation from each m.me link, QR code or chat-plugin ref.
        </p>
        {canWrite && panel !== 'new' && (
          <p>
            <Link href={hrefWith({ link: 'new', edit: null, page: null, ref: null })} className="button-link">
              New link
            </Link>
          </p>
        )}
        <Leaderboard params={params} state={state} pages={pages} links={links} reports={reports} canWrite={canWrite} />
      </section>
    </>
  );
}
