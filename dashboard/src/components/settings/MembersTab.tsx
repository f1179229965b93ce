import type { Me } from '../../data/auth/me-query';
import { useMembersQuery } from '../../data/members/members-query';
import { useRemoveMemberMutation } from '../../data/members/remove-member-mutation';
import { ROLES } from '../../lib/roles';
import { QueryStatus } from '../QueryStatus';
import { AddMemberForm } from './AddMemberForm';
import { MemberRow } from './MemberRow';

/** The workspace's members and roles. Only an owner may make, change or remove an owner (the API says so too). */
export function MembersTab({ me }: { me: Me }) {
  const members = useMembersQuery();
  const remove = useRemoveMemberMutation();
  const owner = me.current.role === 'owner';
  const roles = owner ? ROLES : ROLES.filter((r) => r !== 'owner');
  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      <p className="hint">
        Owners: everything, and the audit log. Admins: connections, tokens, members. Analysts: all data, ref links,
        reports. Viewers: read only.
      </p>
      <AddMemberForm roles={roles} />
      <QueryStatus query={members} what="the members" empty={<p>This workspace has no members.</p>}>
        {(list) => (
          <>
            {remove.error && <p role="alert">{remove.error.message}</p>}
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">Members</caption>
                <thead>
                  <tr>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">Member since</th>
                    <th scope="col">
                      <span className="visually-hidden">Remove</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((m) => (
                    <MemberRow
                      key={m.userId}
                      member={m}
                      you={m.userId === me.user.id}
                      roles={roles}
                      mayTouch={owner || m.role !== 'owner'}
                      removing={remove.isPending && remove.variables === m.userId}
                      onRemove={() => remove.mutate(m.userId)}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </QueryStatus>
    </section>
  );
}
