import { useState } from 'react';
import type { Role } from '../../data/auth/me-query';
import { useChangeRoleMutation } from '../../data/members/change-role-mutation';
import type { Member } from '../../data/members/members-query';
import { when } from '../../lib/format';
import { ConfirmButton } from '../ConfirmButton';

type Props = {
  member: Member;
  you: boolean;
  roles: readonly Role[];
  /** False for an owner's row when the signed-in user is not an owner. */
  mayTouch: boolean;
  removing: boolean;
  onRemove(): void;
};

/** One member: their role, changed with an explicit Save (a select alone would act on every arrow key). */
export function MemberRow({ member, you, roles, mayTouch, removing, onRemove }: Props) {
  const change = useChangeRoleMutation();
  const [role, setRole] = useState<Role>(member.role);
  const who = you ? `${member.email} (you)` : member.email;
  return (
    <tr data-testid="member-row">
      <th scope="row">{who}</th>
      <td>
        {mayTouch ? (
          <form
            className="row-form"
            onSubmit={(e) => {
              e.preventDefault();
              change.mutate({ userId: member.userId, role });
            }}
          >
            <select
              aria-label={`Role of ${member.email}`}
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>{' '}
            <button type="submit" disabled={role === member.role || change.isPending}>
              Save role
            </button>
            {change.error && <span role="alert"> {change.error.message}</span>}
          </form>
        ) : (
          <span title="Only an owner may change an owner.">{member.role}</span>
        )}
      </td>
      <td>{when(member.since)}</td>
      <td>
        {mayTouch && (
          <ConfirmButton
            label="Remove"
            name={`Remove ${member.email}`}
            question={you ? 'Remove yourself from this workspace?' : `Remove ${member.email} from this workspace?`}
            confirmLabel="Yes, remove"
            disabled={removing}
            onConfirm={onRemove}
          />
        )}
      </td>
    </tr>
  );
}
