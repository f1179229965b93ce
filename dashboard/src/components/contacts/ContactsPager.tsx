import { formatCount } from '../../lib/number-format';
import { hrefWith } from '../../lib/url-state';
import { Link } from '../Link';
import { afterParam } from './contact-filters';

type Props = { cursors: string[]; nextCursor: string | null; shown: number; pageSize: number };

/** Newer and older pages: the cursors that lead to a page are in the URL, so back and reload keep it. */
export function ContactsPager({ cursors, nextCursor, shown, pageSize }: Props) {
  const first = cursors.length * pageSize + 1;
  return (
    <nav className="contacts-pager" aria-label="Contact pages">
      <span data-testid="contacts-shown">
        Page {formatCount(cursors.length + 1)}: contacts {formatCount(first)}–{formatCount(first + shown - 1)}
        {nextCursor ? '' : ', the last'}
      </span>
      <span className="pager-links">
        {cursors.length > 1 && <Link href={hrefWith({ after: undefined })}>Newest</Link>}
        {cursors.length > 0 && (
          <Link href={hrefWith({ after: afterParam(cursors.slice(0, -1)) })} rel="prev">
            ← Newer
          </Link>
        )}
        {nextCursor && (
          <Link href={hrefWith({ after: afterParam([...cursors, nextCursor]) })} rel="next">
            Older →
          </Link>
        )}
      </span>
    </nav>
  );
}
