import { useState, type FormEvent } from 'react';
import type { ConversionRule, RuleKind } from '../../data/conversion-rules/conversion-rules-query';
import type { ConversionRuleBody } from '../../data/conversion-rules/create-conversion-rule-mutation';
import { KIND_HELP, KIND_LABEL } from './rule-text';

type Props = {
  /** the rule being edited; none for a new one */
  rule?: ConversionRule;
  pending: boolean;
  error: Error | null;
  onSubmit(body: ConversionRuleBody): void;
  onCancel?(): void;
};

/** Name, kind, pattern and an optional value with its currency (both or neither, as the API asks). */
export function ConversionRuleForm({ rule, pending, error, onSubmit, onCancel }: Props) {
  const [name, setName] = useState(rule?.name ?? '');
  const [kind, setKind] = useState<RuleKind>(rule?.kind ?? 'payload');
  const [pattern, setPattern] = useState(rule?.pattern ?? '');
  const [value, setValue] = useState(rule?.value === null || rule === undefined ? '' : String(rule.value));
  const [currency, setCurrency] = useState(rule?.currency ?? '');
  const id = rule ? `rule-${rule.id}` : 'new-rule';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit({
      name,
      kind,
      pattern,
      value: value.trim() === '' ? null : Number(value),
      currency: currency.trim() === '' ? null : currency.trim().toUpperCase(),
    });
  };
  return (
    <form className="inline-form rule-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{rule ? `Edit “${rule.name}”` : 'Add a rule'}</h3>
      <label>
        Conversion name
        <input required maxLength={100} value={name} placeholder="purchase" onChange={(e) => setName(e.target.value)} />
      </label>
      <label htmlFor={`${id}-kind`}>Matches</label>
      <select
        id={`${id}-kind`}
        value={kind}
        onChange={(e) => setKind(e.target.value as RuleKind)}
        aria-describedby={`${id}-kind-help`}
      >
        {(['payload', 'keyword'] as const).map((k) => (
          <option key={k} value={k}>
            {KIND_LABEL[k]}
          </option>
        ))}
      </select>
      <label>
        {kind === 'payload' ? 'Payload' : 'Keyword'}
        <input
          required
          maxLength={200}
          value={pattern}
          placeholder={kind === 'payload' ? 'ORDER_*' : 'book a table'}
          aria-describedby={`${id}-kind-help`}
          onChange={(e) => setPattern(e.target.value)}
        />
      </label>
      <p id={`${id}-kind-help`} className="hint">
        Matches {KIND_HELP[kind]}.
      </p>
      <fieldset className="rule-value">
        <legend>Value of one conversion (optional: both or neither)</legend>
        <label>
          Value
          <input type="number" min={0} step="0.01" value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
        <label>
          Currency
          <input
            value={currency}
            maxLength={3}
            placeholder="EUR"
            pattern="[A-Za-z]{3}"
            title="An ISO 4217 code such as EUR or USD"
            onChange={(e) => setCurrency(e.target.value)}
          />
        </label>
      </fieldset>
      {error && <p role="alert">{error.message}</p>}
      <div className="rule-actions">
        <button type="submit" disabled={pending}>
          {pending ? 'Saving…' : rule ? 'Save rule' : 'Add rule'}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
