import { GraphCallError } from '../meta/graph-call.js';
import { InsightRowError } from './insight-row.js';

/** The sentence a run records when it fails: what happened and what to do, never a token. */
export function failureSentence(error: unknown): { sentence: string; tokenInvalid: boolean } {
  if (error instanceof GraphCallError) {
    const f = error.failure;
    switch (f.kind) {
      case 'token-invalid':
        return {
          sentence: `Meta refused the access token (code ${f.code}${f.subcode ? `/${f.subcode}` : ''}: ${f.message}). Reconnect the ad account with a new token; nothing stored was changed.`,
          tokenInvalid: true,
        };
      case 'rate-limited':
        return {
          sentence: `Meta kept rate-limiting this account (code ${f.code}: ${f.message}); the next scheduled run will continue.`,
          tokenInvalid: false,
        };
      case 'too-much-data':
        return { sentence: `Meta refused even a one-day report as too large (${f.message}).`, tokenInvalid: false };
      case 'transient':
        return {
          sentence: `Meta did not answer after several retries (${f.message}); the next run resumes from the last stored day.`,
          tokenInvalid: false,
        };
      case 'permanent':
        return { sentence: `Meta refused the request: ${f.message}`, tokenInvalid: false };
    }
  }
  if (error instanceof InsightRowError)
    return { sentence: `Meta sent an unreadable row: ${error.message}`, tokenInvalid: false };
  return {
    sentence: `The sync failed: ${error instanceof Error ? error.message : String(error)}`,
    tokenInvalid: false,
  };
}
