import { useDeleteLinkMutation } from '../../data/links/delete-link-mutation';
import { qrPath, type RefLink } from '../../data/links/links-query';
import { when } from '../../lib/format';
import { hrefWith, navigate } from '../../lib/url-state';
import { ConfirmButton } from '../ConfirmButton';
import { CopyButton } from '../CopyButton';
import { Link } from '../Link';

/** A registered link: the URL to hand out, its QR code to print, and (for analysts and above) edit and delete. */
export function LinkDetails({ link, canWrite }: { link: RefLink; canWrite: boolean }) {
  const remove = useDeleteLinkMutation();
  const close = hrefWith({ link: null, edit: null });
  return (
    <article className="link-details" aria-labelledby="link-details-title">
      <div className="link-details-head">
        <h3 id="link-details-title">{link.label}</h3>
        <Link href={close}>Close</Link>
      </div>
      <div className="link-details-body">
        <div>
          <p className="link-url">
            <code data-testid="link-url">{link.url}</code>
          </p>
          <p>
            <CopyButton text={link.url} label="Copy link" />
          </p>
          <dl>
            <dt>Page</dt>
            <dd>{link.pageName ?? link.pageId}</dd>
            <dt>Ref</dt>
            <dd>
              <code>{link.ref}</code>
            </dd>
            <dt>Campaign tag</dt>
            <dd>{link.campaignTag ?? 'none'}</dd>
            {link.note && (
              <>
                <dt>Note</dt>
                <dd>{link.note}</dd>
              </>
            )}
            <dt>Created</dt>
            <dd>
              {when(link.createdAt)}
              {link.createdBy && ` by ${link.createdBy}`}
            </dd>
          </dl>
        </div>
        <figure className="qr">
          <img src={qrPath(link.id, 'svg')} alt={`QR code that opens ${link.url}`} width={160} height={160} />
          <figcaption>
            Download the QR code:{' '}
            <a href={qrPath(link.id, 'png')} download>
              PNG
            </a>{' '}
            (screens, documents) or{' '}
            <a href={qrPath(link.id, 'svg')} download>
              SVG
            </a>{' '}
            (print, any size)
          </figcaption>
        </figure>
      </div>
      {canWrite && (
        <p className="form-actions">
          <Link href={hrefWith({ edit: '1' })} className="button-link">
            Edit
          </Link>{' '}
          <ConfirmButton
            label="Delete"
            name={`Delete ${link.label}`}
            question={`Delete ${link.label}? The link keeps working and its figures stay; only its label goes.`}
            confirmLabel="Delete link"
            disabled={remove.isPending}
            onConfirm={() => remove.mutate(link.id, { onSuccess: () => navigate(close) })}
          />
        </p>
      )}
      {remove.error && <p role="alert">Not deleted: {remove.error.message}</p>}
    </article>
  );
}
