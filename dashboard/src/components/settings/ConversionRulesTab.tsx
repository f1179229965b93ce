import type { Me } from '../../data/auth/me-query';
import { useConversionRulesQuery, type ConversionRule } from '../../data/conversion-rules/conversion-rules-query';
import { useCreateConversionRuleMutation } from '../../data/conversion-rules/create-conversion-rule-mutation';
import { useDeleteConversionRuleMutation } from '../../data/conversion-rules/delete-conversion-rule-mutation';
import { useUpdateConversionRuleMutation } from '../../data/conversion-rules/update-conversion-rule-mutation';
import { formatCount, formatMoney } from '../../lib/number-format';
import { roleAtLeast } from '../../lib/roles';
import { hrefWith, navigate, useSearchParams } from '../../lib/url-state';
import { ConfirmButton } from '../ConfirmButton';
import { QueryStatus } from '../QueryStatus';
import { ConversionRuleForm } from './ConversionRuleForm';
import { APPLIES_FROM_NOW, KIND_LABEL } from './rule-text';
import './workspace-settings.css';

/** Which payloads or keywords count as a conversion: admins write, everyone else reads. */
export function ConversionRulesTab({ me }: { me: Me }) {
  const rules = useConversionRulesQuery();
  const create = useCreateConversionRuleMutation();
  const canWrite = roleAtLeast(me.current.role, 'admin');
  return (
    <section className="card" aria-labelledby="rules-title">
      <h2 id="rules-title">Conversion rules</h2>
      <p className="hint">
        A rule turns a message the person sends into a conversion, credited to the ad, link or QR code that brought
        them. {APPLIES_FROM_NOW}
      </p>
      {canWrite ? (
        <ConversionRuleForm
          key={create.data?.id ?? 'new'}
          pending={create.isPending}
          error={create.error}
          onSubmit={(body) => create.mutate(body)}
        />
      ) : (
        <p role="note">Only admins and owners can change the rules; your role is {me.current.role}.</p>
      )}
      <QueryStatus
        query={rules}
        what="the conversion rules"
        empty={
          <p>
            No conversion rules yet: {canWrite ? 'add one above' : 'ask an admin to add one'}, e.g. the payload of your
            “Buy” button, so purchases count as conversions.
          </p>
        }
      >
        {(list) => <RulesTable rules={list} canWrite={canWrite} />}
      </QueryStatus>
    </section>
  );
}

function RulesTable({ rules, canWrite }: { rules: ConversionRule[]; canWrite: boolean }) {
  const remove = useDeleteConversionRuleMutation();
  const editing = useSearchParams().get('rule');
  const edited = canWrite ? rules.find((r) => r.id === editing) : undefined;
  return (
    <>
      {remove.error && <p role="alert">{remove.error.message}</p>}
      {edited && <EditRule rule={edited} />}
      <div className="table-scroll">
        <table className="rules-table">
          <caption className="visually-hidden">Conversion rules, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Matches</th>
              <th scope="col">Pattern</th>
              <th scope="col" className="num">
                Value
              </th>
              <th scope="col" className="num">
                Conversions
              </th>
              {canWrite && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rules.map((r) => (
              <tr key={r.id} data-testid="rule-row">
                <th scope="row">{r.name}</th>
                <td>{KIND_LABEL[r.kind]}</td>
                <td>
                  <code>{r.pattern}</code>
                </td>
                <td className="num">
                  {r.value === null || !r.currency ? 'no value' : formatMoney(r.value, r.currency)}
                </td>
                <td className="num rule-conversions">{formatCount(r.conversions)}</td>
                {canWrite && (
                  <td className="rule-row-actions">
                    <button
                      type="button"
                      aria-label={`Edit rule ${r.name}`}
                      onClick={() => navigate(hrefWith({ rule: r.id }))}
                    >
                      Edit
                    </button>
                    <ConfirmButton
                      label="Delete"
                      name={`Delete rule ${r.name}`}
                      question={`Delete “${r.name}”? Later messages stop counting; the ${formatCount(r.conversions)} conversions it counted stay.`}
                      confirmLabel="Yes, delete"
                      disabled={remove.isPending && remove.variables === r.id}
                      onConfirm={() => remove.mutate(r.id)}
                    />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function EditRule({ rule }: { rule: ConversionRule }) {
  const update = useUpdateConversionRuleMutation();
  const close = () => navigate(hrefWith({ rule: null }), { replace: true });
  return (
    <ConversionRuleForm
      key={rule.id}
      rule={rule}
      pending={update.isPending}
      error={update.error}
      onSubmit={(body) => update.mutate({ id: rule.id, ...body }, { onSuccess: close })}
      onCancel={close}
    />
  );
}
