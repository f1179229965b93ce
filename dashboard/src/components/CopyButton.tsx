import { useState } from 'react';

/** Copies text to the clipboard and says whether it worked (the clipboard needs HTTPS or localhost). */
export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null);
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setOutcome('copied');
    } catch {
      setOutcome('failed');
    }
  };
  return (
    <>
      <button type="button" onClick={() => void copy()}>
        {label}
      </button>{' '}
      <span role="status">
        {outcome === 'copied' && 'Copied.'}
        {outcome === 'failed' && 'The browser did not allow copying: select the text and copy it.'}
      </span>
    </>
  );
}
