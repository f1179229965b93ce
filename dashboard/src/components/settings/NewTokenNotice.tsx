import { useEffect, useRef } from 'react';
import type { CreatedToken } from '../../data/tokens/create-token-mutation';
import { CopyButton } from '../CopyButton';

/** The new token's secret, the one time the API gives it. Focus goes to it so it is read out and easy to copy. */
export function NewTokenNotice({ created, onDone }: { created: CreatedToken; onDone(): void }) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  return (
    <div className="new-token" role="region" aria-labelledby="new-token-title" data-testid="new-token">
      <h3 id="new-token-title">Token “{created.name}” created</h3>
      <p>
        <strong>Copy it now: it will not be shown again.</strong> Only its last four characters stay visible here.
      </p>
      <label>
        New API token
        <input
          ref={input}
          readOnly
          value={created.token}
          spellCheck={false}
          autoComplete="off"
          onFocus={(e) => e.target.select()}
          data-testid="new-token-value"
        />
      </label>
      <p>
        <CopyButton text={created.token} label="Copy token" />
      </p>
      <button type="button" onClick={onDone}>
        Done, I have copied it
      </button>
    </div>
  );
}
