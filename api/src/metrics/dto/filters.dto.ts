import { z } from 'zod';

const adObjectId = (what: string, example: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,60}$/, { error: `must be ${what} id (digits, as Meta gives them)` })
    .optional()
    .meta({ description: `Only figures of ${what}${what === 'an ad' ? '' : '’s ads'}.`, example });

/**
 * The filters every figures endpoint takes. Ad filters (account, campaign, adset, ad) narrow both
 * Meta's figures and the contacts those ads opened; contact filters (page, source, ref) narrow the
 * contacts only: Meta reports spend per ad, not per page or ref, so with them money figures are left out.
 */
export const filterShape = {
  account: z
    .string()
    .regex(/^act_[0-9]{1,30}$/, { error: 'must be an ad account id such as act_1234567890' })
    .optional()
    .meta({ description: 'Only figures of this ad account’s ads.', example: 'act_100000000000001' }),
  campaign: adObjectId('a campaign', '120210000000001'),
  adset: adObjectId('an ad set', '120210000000005'),
  ad: adObjectId('an ad', '120210000000000001'),
  page: z
    .string()
    .regex(/^\d{1,20}$/, { error: 'must be a numeric page id' })
    .optional()
    .meta({ description: 'Only this Facebook page’s contacts.', example: '104857600000009' }),
  source: z
    .string()
    .regex(/^[A-Z_]{2,40}$/, { error: 'must be a referral source such as ADS, SHORTLINK or CUSTOMER_CHAT_PLUGIN' })
    .optional()
    .meta({
      description: 'Only contacts whose opening touch came from this referral source (SHORTLINK includes QR codes).',
      example: 'ADS',
    }),
  ref: z
    .string()
    .min(1, { error: 'must not be empty' })
    .max(250, { error: 'must be at most 250 characters' })
    .optional()
    .meta({ description: 'Only contacts who arrived through this ref (m.me link, QR code or chat-plugin ref).' }),
};

export type Filters = {
  account?: string;
  campaign?: string;
  adset?: string;
  ad?: string;
  page?: string;
  source?: string;
  ref?: string;
};

export const FILTER_NAMES = ['account', 'campaign', 'adset', 'ad', 'page', 'source', 'ref'] as const;

/** The filters of a parsed query, without the empty ones. */
export function filtersOf(q: Partial<Record<(typeof FILTER_NAMES)[number], string | undefined>>): Filters {
  const out: Filters = {};
  for (const name of FILTER_NAMES) if (q[name]) out[name] = q[name];
  return out;
}
