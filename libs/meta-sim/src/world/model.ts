import type { SimAd, SimAdAccount, SimAdSet, SimCampaign, SimPage, SimRefLink } from '../types.js';
import type { DayStarts } from './calendar.js';
import type { Interval } from './lifecycle.js';

export type AccountModel = { index: number; account: SimAdAccount; days: DayStarts };

export type PageModel = {
  index: number;
  page: SimPage;
  site: string;
  /** Hours from UTC of the team answering the inbox, for slower replies at night. */
  utcOffsetHours: number;
};

/** Per-ad delivery and audience parameters (drawn once per ad). */
export type AdParams = {
  budgetCents: number;
  cpmCents: number;
  ctr: number;
  linkShare: number;
  msgRate: number;
  convMult: number;
  blockMult: number;
  engagement: number;
  media: 'photo' | 'video';
  postId: string;
};

export type AdModel = {
  index: number;
  ad: SimAd;
  account: AccountModel;
  page: PageModel;
  /** When the ad could deliver: the ad, its ad set and its campaign all ACTIVE, inside the world. */
  active: Interval[];
  params: AdParams;
};

export type RefModel = {
  index: number;
  link: SimRefLink;
  page: PageModel;
  rateMult: number;
  convMult: number;
  blockMult: number;
  refererUri?: string;
};

/** The static part of a world: who exists and when they could deliver. */
export type Structure = {
  seed: number;
  startDay: number;
  endDay: number;
  worldStart: number;
  worldEnd: number;
  accounts: AccountModel[];
  pages: PageModel[];
  refs: RefModel[];
  campaigns: SimCampaign[];
  adsets: SimAdSet[];
  ads: AdModel[];
  systemUserToken: string;
  appId: string;
};
