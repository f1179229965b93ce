import { Inject, Injectable } from '@nestjs/common';
import { CLOCK } from './clock.provider.js';
import type { Clock } from './clock.js';
import { DEFAULT_RETRY } from './graph-call.js';
import { MarketingApi } from './marketing-api.js';
import { RateGovernor } from './rate-governor.js';

/** Builds Marketing API clients that share one rate governor per process, so every account's pace is global. */
@Injectable()
export class MetaClientFactory {
  readonly governor: RateGovernor;

  constructor(@Inject(CLOCK) private readonly clock: Clock) {
    this.governor = new RateGovernor(clock);
  }

  /** A client whose requests (retries included) are counted by onRequest. */
  create(accessToken: string, onRequest: () => void): MarketingApi {
    return new MarketingApi(accessToken, {
      governor: this.governor,
      clock: this.clock,
      policy: DEFAULT_RETRY,
      random: Math.random,
      onRequest,
    });
  }
}
