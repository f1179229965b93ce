import { useState, type FormEvent } from 'react';
import { useCreateLinkMutation, type LinkBody } from '../../data/links/create-link-mutation';
import { pageTitle, type LinkPage } from '../../data/links/link-pages-query';
import type { RefLink } from '../../data/links/links-query';
import { useUpdateLinkMutation } from '../../data/links/update-link-mutation';
import { hrefWith, navigate } from '../../lib/url-state';
import { Link } from '../Link';
import { REF_MAX_LENGTH, refProblem } from './ref-rules';

type Props = {
  pages: LinkPage[];
  /** the link being edited; none to create one (prefilled from `initial`) */
  link?: RefLink;
  initial?: { pageId?: string | null; ref?: string | null };
};

/** Create or edit a link: the page, Meta's rule for the ref checked as you type, and the API's sentence when it refuses. */
export function LinkForm({ pages, link, initial }: Props) {
  const [pageId, setPageId] = useState(link?.pageId ?? initial?.pageId ?? pages[0]?.id ?? '');
  const [ref, setRef] = useState(link?.ref ?? initial?.ref ?? '');
  const [label, setLabel] = useState(link?.label ?? '');
  const [campaignTag, setCampaignTag] = useState(link?.campaignTag ?? '');
  const [note, setNote] = useState(link?.note ?? '');
  const [submitted, setSubmitted] = useState(false);
  const create = useCreateLinkMutation();
  const update = useUpdateLinkMutation();
  const saving = create.isPending || update.isPending;
  const failure = (link ? update : create).error;

  const problems = {
    page: pages.some((p) => p.id === pageId) ? null : 'Choose the page the link opens.',
    ref: refProblem(ref),
    label: label.trim() ? null : 'Enter a label people recognise, e.g. “Poster in the shop window”.',
  };
  // the ref is checked as it is typed; the rest once a save was tried
  const shown = { page: submitted ? problems.page : null, ref: ref || submitted ? problems.ref : null };
  const labelShown = submitted ? problems.label : null;
  const page = pages.find((p) => p.id === pageId);
  const preview = page && !problems.ref ? `${page.url}?ref=${ref}` : null;

  const save = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (problems.page || problems.ref || problems.label || saving) return;
    const body: LinkBody = {
      pageId,
      ref,
      label: label.trim(),
      campaignTag: campaignTag.trim() || null,
      note: note.trim() || null,
    };
    const done = (saved: RefLink) => navigate(hrefWith({ link: saved.id, edit: null, page: null, ref: null }));
    if (link) update.mutate({ id: link.id, ...body }, { onSuccess: done });
    else create.mutate(body, { onSuccess: done });
  };

  return (
    <form className="link-form" onSubmit={save} noValidate aria-labelledby="link-form-title">
      <h3 id="link-form-title">{link ? `Edit ${link.label}` : 'New ref link'}</h3>
      <label>
        Page
        <select
          value={pageId}
          onChange={(e) => setPageId(e.target.value)}
          aria-invalid={!!shown.page}
          aria-describedby={shown.page ? 'link-page-problem' : undefined}
        >
          {!page && <option value="">Choose a page…</option>}
          {pages.map((p) => (
            <option key={p.id} value={p.id}>
              {pageTitle(p)}
              {p.username ? ` (m.me/${p.username})` : ''}
            </option>
          ))}
        </select>
      </label>
      {shown.page && (
        <p id="link-page-problem" className="field-problem">
          {shown.page}
        </p>
      )}
      <label>
        Ref
        <input
          value={ref}
          onChange={(e) => setRef(e.target.value)}
          maxLength={REF_MAX_LENGTH + 1}
          autoComplete="off"
          spellCheck={false}
          placeholder="spring_sale"
          aria-invalid={!!shown.ref}
          aria-describedby="link-ref-help"
        />
      </label>
      <p id="link-ref-help" className={shown.ref ? 'field-problem' : 'hint'}>
        {shown.ref ?? 'Letters, digits, -, _ and =, as Meta allows. It names this link in the figures.'}
      </p>
      {preview && (
        <p className="hint" data-testid="link-preview">
          The link: <code>{preview}</code>
        </p>
      )}
      <label>
        Label
        <input
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          maxLength={200}
          aria-invalid={!!labelShown}
          aria-describedby={labelShown ? 'link-label-problem' : undefined}
        />
      </label>
      {labelShown && (
        <p id="link-label-problem" className="field-problem">
          {labelShown}
        </p>
      )}
      <label>
        Campaign tag <span className="hint">(optional)</span>
        <input
          value={campaignTag}
          onChange={(e) => setCampaignTag(e.target.value)}
          maxLength={100}
          placeholder="spring-2026"
        />
      </label>
      <label>
        Note <span className="hint">(optional)</span>
        <textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={2} />
      </label>
      {failure && (
        <p role="alert" className="field-problem">
          Not saved: {failure.message}
        </p>
      )}
      <p className="form-actions">
        <button type="submit" disabled={saving}>
          {saving ? 'Saving…' : link ? 'Save changes' : 'Create link'}
        </button>{' '}
        <Link href={hrefWith(link ? { edit: null } : { link: null, page: null, ref: null })}>Cancel</Link>
      </p>
    </form>
  );
}
