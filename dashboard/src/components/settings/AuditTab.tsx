import { AUDIT_MAX_LIMIT, useAuditQuery, type AuditEntry } from '../../data/audit/audit-query';
import { when } from '../../lib/format';
import { hrefWith, navigate, useSearchParams } from '../../lib/url-state';
import { QueryStatus } from '../QueryStatus';

const PAGE = 100;

/** "Token created", for each action the API records; an action this dashboard does not know yet is shown as is. */
function actionLabel(action: AuditEntry['action']): string {
  switch (action) {
    case 'user.added':
      return 'Member added';
    case 'user.removed':
      return 'Member removed';
    case 'role.changed':
      return 'Role changed';
    case 'token.created':
      return 'API token created';
    case 'token.revoked':
      return 'API token revoked';
    case 'connection.added':
      return 'Meta connection added';
    case 'connection.removed':
      return 'Meta connection removed';
    case 'workspace.updated':
      return 'Workspace settings changed';
    case 'link.created':
      return 'Ref link created';
    case 'link.updated':
      return 'Ref link changed';
    case 'link.deleted':
      return 'Ref link deleted';
    case 'conversion_rule.created':
      return 'Conversion rule created';
    case 'conversion_rule.updated':
      return 'Conversion rule changed';
    case 'conversion_rule.deleted':
      return 'Conversion rule deleted';
    default:
      return action;
  }
}

const detailText = (detail: Record<string, unknown>) =>
  Object.entries(detail)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
    .join('; ');

/** The newest audit entries; "show more" asks for a longer page (the API answers up to 500), kept in the URL. */
export function AuditTab() {
  const params = useSearchParams();
  const asked = Number(params.get('limit'));
  const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, AUDIT_MAX_LIMIT) : PAGE;
  const audit = useAuditQuery(limit);
  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <p className="hint">Admin actions in this workspace, newest first.</p>
      <QueryStatus query={audit} what="the audit log" empty={<p>Nothing recorded yet: admin actions appear here.</p>}>
        {(entries) => (
          <>
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">Audit log</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Who</th>
                    <th scope="col">What</th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e) => (
                    <tr key={e.id} data-testid="audit-row">
                      <td>{when(e.at)}</td>
                      <td>{e.actor}</td>
                      <td>{actionLabel(e.action)}</td>
                      <td>{detailText(e.detail)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="hint">
              Showing the latest {entries.length} {entries.length === 1 ? 'entry' : 'entries'}.
              {audit.isPlaceholderData && ' Loading more…'}
            </p>
            {entries.length === limit && limit < AUDIT_MAX_LIMIT && (
              <button
                type="button"
                disabled={audit.isPlaceholderData}
                onClick={() =>
                  navigate(hrefWith({ limit: Math.min(limit + PAGE, AUDIT_MAX_LIMIT) }), { replace: true })
                }
              >
                Show {PAGE} more
              </button>
            )}
          </>
        )}
      </QueryStatus>
    </section>
  );
}
