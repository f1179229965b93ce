import { useEffect, useState, type FormEvent } from 'react';
import type { ContactFilters } from '../../data/contacts/contacts-query';
import { hrefWith, navigate, type Params } from '../../lib/url-state';
import { hasFilters, NO_FILTERS, REACHABILITY, SOURCES } from './contact-filters';

// any change of filter starts again at the newest contacts
const go = (changes: Params) => navigate(hrefWith({ ...changes, after: undefined }));

/** The search (by ref, ad or page: the API has no free-text search) and the filters, all kept in the URL. */
export function ContactFilterForm({ filters }: { filters: ContactFilters }) {
  const [ref, setRef] = useState(filters.ref ?? '');
  const [ad, setAd] = useState(filters.ad ?? '');
  const [page, setPage] = useState(filters.page ?? '');
  // the URL can change under the form (back button, a cleared filter): show what it says
  useEffect(() => setRef(filters.ref ?? ''), [filters.ref]);
  useEffect(() => setAd(filters.ad ?? ''), [filters.ad]);
  useEffect(() => setPage(filters.page ?? ''), [filters.page]);

  const adProblem = ad && !/^[A-Za-z0-9_-]{1,60}$/.test(ad.trim()) ? 'An ad id has letters, digits, - and _.' : null;
  const pageProblem = page && !/^\d{1,20}$/.test(page.trim()) ? 'A page id is digits only.' : null;
  const search = (event: FormEvent) => {
    event.preventDefault();
    if (!adProblem && !pageProblem) go({ ref: ref.trim(), ad: ad.trim(), page: page.trim() });
  };
  const sources =
    filters.source && !SOURCES.some((s) => s.id === filters.source)
      ? [...SOURCES, { id: filters.source, label: filters.source }]
      : SOURCES;

  return (
    <div className="contact-filters">
      <form role="search" aria-label="Search contacts" onSubmit={search} className="contact-search">
        <label>
          Ref
          <input
            type="search"
            value={ref}
            maxLength={250}
            placeholder="e.g. spring-qr"
            aria-describedby="contact-search-hint"
            onChange={(e) => setRef(e.target.value)}
          />
        </label>
        <label>
          Ad id
          <input value={ad} inputMode="numeric" aria-invalid={!!adProblem} onChange={(e) => setAd(e.target.value)} />
        </label>
        <label>
          Page id
          <input
            value={page}
            inputMode="numeric"
            aria-invalid={!!pageProblem}
            onChange={(e) => setPage(e.target.value)}
          />
        </label>
        <button type="submit" disabled={!!(adProblem || pageProblem)}>
          Search
        </button>
        {(adProblem || pageProblem) && <span className="hint">{adProblem ?? pageProblem}</span>}
      </form>
      <p className="hint" id="contact-search-hint">
        Searches the ref, ad or page a contact first came from, matched exactly. Names and messages cannot be searched.
      </p>
      <div className="contact-selects">
        <label>
          Source
          <select value={filters.source ?? ''} onChange={(e) => go({ source: e.target.value })}>
            <option value="">All sources</option>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
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
    </div>
  );
}
