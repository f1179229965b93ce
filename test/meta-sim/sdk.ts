import { AdAccount, FacebookAdsApi } from 'facebook-nodejs-business-sdk';

/** The SDK's Cursor (its types do not export the class): an array of objects with paging methods. */
export type Cursor = Awaited<ReturnType<AdAccount['getCampaigns']>>;

/** What FacebookRequestError carries (the class is not exported at run time, so tests read its shape). */
export type SdkError = {
  name: string;
  status: number | null;
  response: { code?: number; error_subcode?: number; is_transient?: boolean; message?: string } | null;
  headers: Record<string, string> | null;
};

/** Points the SDK at the simulator for the duration of a test file; returns the restore function. */
export function pointSdkAt(url: string): () => void {
  const original = Object.getOwnPropertyDescriptor(FacebookAdsApi, 'GRAPH');
  Object.defineProperty(FacebookAdsApi, 'GRAPH', { get: () => url, configurable: true });
  return () => {
    if (original) Object.defineProperty(FacebookAdsApi, 'GRAPH', original);
  };
}

/** `init(token, 'en_US', false)`: the third argument keeps the SDK from installing its crash reporter. */
export const initSdk = (token: string): FacebookAdsApi => FacebookAdsApi.init(token, 'en_US', false);

/** Reads a cursor to its end with `next()`, as a connector does; returns every row's data. */
export async function readAll(
  first: Cursor | Promise<Cursor>,
): Promise<{ rows: Record<string, unknown>[]; pages: number }> {
  const cursor = await first;
  const rows: Record<string, unknown>[] = [];
  let pages = 1;
  for (;;) {
    rows.push(...cursor.map((item: Record<string, unknown>) => dataOf(item)));
    if (!cursor.hasNext()) return { rows, pages };
    await (cursor.next() as Promise<Cursor>);
    pages++;
  }
}

export const dataOf = (item: Record<string, unknown>): Record<string, unknown> =>
  (item as { _data?: Record<string, unknown> })._data ?? item;

/** Runs a call expected to fail and returns the SDK's error. */
export async function sdkError(call: () => Promise<unknown>): Promise<SdkError> {
  try {
    await call();
  } catch (err) {
    return err as SdkError;
  }
  throw new Error('expected the SDK call to fail');
}
