import { createRequire } from 'node:module';
import bizSdk from 'facebook-nodejs-business-sdk';

const { FacebookAdsApi } = bizSdk;

/** No Graph call may hang a sync: the SDK's HTTP client has no timeout of its own. */
export const DEFAULT_SDK_TIMEOUT_MS = 60_000;

export type SdkSettings = { graphUrl: string; apiVersion: string; timeoutMs: number };

/**
 * Points the SDK at the configured Graph base URL and version (the simulator in tests and the demo)
 * and gives its HTTP client a timeout, which it has none of by default. The SDK builds URLs from
 * static getters, so this is process-wide: one Graph per process.
 */
export function configureSdk({ graphUrl, apiVersion, timeoutMs }: SdkSettings): void {
  Object.defineProperty(FacebookAdsApi, 'GRAPH', { get: () => graphUrl, configurable: true });
  Object.defineProperty(FacebookAdsApi, 'VERSION', { get: () => apiVersion, configurable: true });
  // the SDK's own axios copy, resolved from the SDK's folder
  const sdkRequire = createRequire(createRequire(import.meta.url).resolve('facebook-nodejs-business-sdk'));
  const axios = sdkRequire('axios') as { defaults: { timeout?: number } };
  axios.defaults.timeout = timeoutMs;
}

/** An API instance for one token; crash reporting stays off, and usage headers are kept on answers. */
export function sdkApi(accessToken: string): InstanceType<typeof FacebookAdsApi> {
  const api = new FacebookAdsApi(accessToken, 'en_US', false);
  api.setShowHeader(true);
  return api;
}

export { bizSdk };
