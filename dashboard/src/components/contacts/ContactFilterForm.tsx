import { useEffect, useState, type FormEvent } from 'react';
import type { ContactFilters } from '../../data/contacts/contacts-query';
import { hrefWith, navigate, type Params } from '../../lib/url-state';
import { hasFilters, NO_FILTERS, REACHABILITY, SOURCES } from './contact-filters';

// any change of filter starts again at the newest contacts
const go = (changes: Params) => navigate(hrefWith({ ...changes, after: undefined }));

const AD_ID = /^[A-Za-z0-9_-]{1,60}$/;
const PAGE_ID = /^\d{1,20}$/;

type Props = { filters: ContactFilters; campaigns?: Map<string, string> };

/** The search (PSID or ref: the API has no search by name or message) and the filters, all kept in the URL. */
export function ContactFilterForm({ filters, campaigns }: Props) {
  const [q, setQ] = useState(filters.q ?? '');
  const [ref, setRef] = useState(filters.ref ?? '');
  const [ad, setAd] = useState(filters.ad ?? '');
  const [page, setPage] = useState(filters.page ?? '');
  // the URL can change under the form (back button, a cleared filter): show what it says
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  useEffect(() => setRef(filters.ref ?? ''), [filters.ref]);
  useEffect(() => setAd(filters.ad ?? ''), [filters.ad]);
  useEffect(() => setPage(filters.page ?? ''), [filters.page]);

  const problem =
    ad.trim() && !AD_ID.test(ad.trim())
      ? 'An ad id has letters, digits, - and _.'
      : page.trim() && !PAGE_ID.test(page.trim())
        ? 'A page id is digits only.'
        : null;
  const search = (event: FormEvent) => {
    event.preventDefault();
    if (!problem) go({ q: q.trim(), ref: ref.trim(), ad: ad.trim(), page: page.trim() });
  };

  return (
    <div className="contact-filters">
      <form role="search" aria-label="Search contacts" onSubmit={search} className="contact-search">
        <label className="contact-q">
          Search
          <input
            type="search"
            value={q}
            maxLength={100}
            placeholder="PSID or part of a ref"
            aria-describedby="contact-search-hint"
            onChange={(e) => setQ(e.target.value)}
          />
        </label>
        <label>
          Exact ref
          <input value={ref} maxLength={250} onChange={(e) => setRef(e.target.value)} />
        </label>
        <label>
          Ad id
          <input
            value={ad}
            inputMode="numeric"
            aria-invalid={!!ad.trim() && !AD_ID.test(ad.trim())}
            onChange={(e) => setAd(e.target.value)}
          />
        </label>
        <label>
          Page id
          <input
            value={page}
            inputMode="numeric"
            aria-invalid={!!page.trim() && !PAGE_ID.test(page.trim())}
            onChange={(e) => setPage(e.target.value)}
          />
        </label>
        <button type="submit" disabled={!!problem}>
          Search
        </button>
        {problem && <span className="hint">{problem}</span>}
      </form>
      <p className="hint" id="contact-search-hint">
        Search finds the start of a contact’s PSID or any part of the ref they came through. Names and messages cannot
        be searched.
      </p>
      <FilterSelects filters={filters} campaigns={campaigns} />
    </div>
  );
}

/** The filters that apply as soon as they are chosen. */
function FilterSelects({ filters, campaigns }: Props) {
  const withCurrent = (list: { id: string; label: string }[], current: string | undefined) =>
    current && !list.some((o) => o.id === current) ? [...list, { id: current, label: current }] : list;
  const campaignOptions = [...(campaigns ?? new Map<string, string>())]
    .map(([id, label]) => ({ id, label }))
    .sort((a, b) => a.label.localeCompare(b.label));

  return (
    <div className="contact-selects">
      <label>
        Source
        <select value={filters.source ?? ''} onChange={(e) => go({ source: e.target.value })}>
          <option value="">All sources</option>
          {withCurrent(SOURCES, filters.source).map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Campaign
        <select value={filters.campaign ?? ''} onChange={(e) => go({ campaign: e.target.value })}>
          <option value="">All campaigns</option>
          {withCurrent(campaignOptions, filters.campaign).map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Reachability
        <select value={filters.reachability ?? ''} onChange={(e) => go({ reachability: e.target.value })}>
          <option value="">Any</option>
          {REACHABILITY.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Converted
        <select value={filters.converted ?? ''} onChange={(e) => go({ converted: e.target.value })}>
          <option value="">Either</option>
          <option value="true">Converted</option>
          <option value="false">Not converted</option>
        </select>
      </label>
      {hasFilters(filters) && (
        <button type="button" onClick={() => navigate(hrefWith(NO_FILTERS))}>
          Clear filters
        </button>
      )}
    </div>
  );
}
