import type { UseQueryResult } from '@tanstack/react-query';
import type { LinkPage } from '../../data/links/link-pages-query';
import type { RefLink } from '../../data/links/links-query';
import { hrefWith } from '../../lib/url-state';
import { Link } from '../Link';
import { LinkDetails } from './LinkDetails';
import { LinkForm } from './LinkForm';

type Props = {
  params: URLSearchParams;
  links: UseQueryResult<RefLink[]>;
  pages: UseQueryResult<LinkPage[]>;
  canWrite: boolean;
};

/** What `?link=` selects: a new link's form, a link's details, or its edit form (`&edit=1`). */
export function LinkPanel({ params, links, pages: pagesQuery, canWrite }: Props) {
  const selected = params.get('link');
  if (!selected) return null;
  const close = <Link href={hrefWith({ link: null, edit: null, page: null, ref: null })}>Close</Link>;
  const failed = [pagesQuery, links].find((q) => q.data === undefined && q.isError);
  if (failed)
    return (
      <p role="alert">
        Could not load the link: {failed.error?.message}{' '}
        <button type="button" onClick={() => void failed.refetch()}>
          Retry
        </button>{' '}
        {close}
      </p>
    );
  const pages = pagesQuery.data;
  if (!pages || links.isPending) return <p className="hint">Loading the link…</p>;
  if (selected === 'new') {
    if (!canWrite) return <p className="hint">Your role can read ref links but not create them. {close}</p>;
    if (pages.length === 0)
      return <p>No Messenger page is connected to this workspace yet: connect one in Settings first. {close}</p>;
    return (
      <LinkForm
        key={`new-${params.get('page')}-${params.get('ref')}`}
        pages={pages}
        initial={{ pageId: params.get('page'), ref: params.get('ref') }}
      />
    );
  }
  const link = links.data?.find((l) => l.id === selected);
  if (!link) return <p role="status">This link is not registered (any more). {close}</p>;
  if (params.get('edit') === '1' && canWrite) return <LinkForm key={link.id} pages={pages} link={link} />;
  return <LinkDetails link={link} canWrite={canWrite} />;
}
