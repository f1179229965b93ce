import { useEffect, useRef, useState, type KeyboardEvent } from 'react';

type Props = {
  /** The button's text, e.g. "Revoke". */
  label: string;
  /** Its accessible name when the text alone is ambiguous, e.g. "Revoke token shop". */
  name?: string;
  /** The question asked before acting, e.g. "Revoke shop? Scripts using it stop working at once." */
  question: string;
  confirmLabel: string;
  disabled?: boolean;
  onConfirm(): void;
};

/** A destructive action that asks first, in place: Cancel has the focus, Escape cancels. */
export function ConfirmButton({ label, name, question, confirmLabel, disabled, onConfirm }: Props) {
  const [asking, setAsking] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) cancelRef.current?.focus();
    else if (wasAsking.current) openRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking)
    return (
      <button type="button" ref={openRef} aria-label={name} disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  const escape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') setAsking(false);
  };
  return (
    <span role="group" aria-label={question} className="confirm" onKeyDown={escape}>
      <span>{question}</span>{' '}
      <button
        type="button"
        className="danger"
        onClick={() => {
          wasAsking.current = false;
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>{' '}
      <button type="button" ref={cancelRef} onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
