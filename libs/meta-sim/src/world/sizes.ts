import type { WorldSize } from '../types.js';

/** How big a world is: structure counts and mean daily arrivals per source. */
export type SizeSpec = {
  days: number;
  pages: number;
  accounts: number;
  campaignsPerAccount: number;
  adsetsPerCampaign: number;
  /** Ads per account, spread over its ad sets. */
  adsPerAccount: number;
  /** Ref links per page: m.me links, QR codes, chat-plugin refs. */
  refLinks: { link: number; qr: number; plugin: number };
  /** Mean new people per active ad per day (drives the ad's budget). */
  adArrivals: number;
  refArrivals: number;
  organicArrivals: number;
  commentArrivals: number;
};

export const SIZES: Record<WorldSize, SizeSpec> = {
  tiny: {
    days: 14,
    pages: 1,
    accounts: 1,
    campaignsPerAccount: 2,
    adsetsPerCampaign: 1,
    adsPerAccount: 4,
    refLinks: { link: 2, qr: 1, plugin: 1 },
    adArrivals: 5,
    refArrivals: 1.5,
    organicArrivals: 1.5,
    commentArrivals: 0.5,
  },
  small: {
    days: 45,
    pages: 2,
    accounts: 2,
    campaignsPerAccount: 2,
    adsetsPerCampaign: 2,
    adsPerAccount: 8,
    refLinks: { link: 3, qr: 2, plugin: 1 },
    adArrivals: 5,
    refArrivals: 2,
    organicArrivals: 3,
    commentArrivals: 1,
  },
  medium: {
    days: 180,
    pages: 2,
    accounts: 2,
    campaignsPerAccount: 5,
    adsetsPerCampaign: 2,
    adsPerAccount: 20,
    refLinks: { link: 5, qr: 3, plugin: 2 },
    adArrivals: 6,
    refArrivals: 3,
    organicArrivals: 6,
    commentArrivals: 2,
  },
  large: {
    days: 365,
    pages: 3,
    accounts: 3,
    campaignsPerAccount: 28,
    adsetsPerCampaign: 4,
    adsPerAccount: 667,
    refLinks: { link: 10, qr: 4, plugin: 2 },
    adArrivals: 5,
    refArrivals: 20,
    organicArrivals: 140,
    commentArrivals: 45,
  },
};
