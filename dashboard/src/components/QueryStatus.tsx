import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';

type Props<T> = {
  query: UseQueryResult<T>;
  /** What is loading, as in "Loading the API tokens…". */
  what: string;
  /** Shown when the answer is an empty list (or `isEmpty` says so). */
  empty: ReactNode;
  isEmpty?: (data: T) => boolean;
  children: (data: T) => ReactNode;
};

const emptyList = (data: unknown) => Array.isArray(data) && data.length === 0;

/** A query's loading, error-with-retry and empty states, then its data; a failed refresh keeps the data shown. */
export function QueryStatus<T>({ query, what, empty, isEmpty = emptyList, children }: Props<T>) {
  const retry = (
    <button type="button" onClick={() => void query.refetch()}>
      Retry
    </button>
  );
  if (query.isPending) return <p className="hint">Loading {what}…</p>;
  if (query.data === undefined)
    return (
      <p role="alert">
        Could not load {what}: {query.error?.message ?? 'no answer'} {retry}
      </p>
    );
  return (
    <>
      {query.isError && (
        <p role="alert">
          Could not refresh {what}: {query.error.message} {retry}
        </p>
      )}
      {isEmpty(query.data) ? empty : children(query.data)}
    </>
  );
}
