/** A moment from the API in the user's locale, or a word for "not yet". */
export const when = (iso: string | null | undefined, never = 'never'): string =>
  iso ? new Date(iso).toLocaleString() : never;
