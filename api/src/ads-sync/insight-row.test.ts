import { describe, expect, it } from 'vitest';
import { InsightRowError, toInsightRow } from './insight-row.js';

const row = {
  account_id: '1001',
  campaign_id: 'c1',
  adset_id: 's1',
  ad_id: 'a1',
  date_start: '2026-11-02',
  date_stop: '2026-11-02',
  account_currency: 'EUR',
  spend: '12.34',
  impressions: '1500',
  reach: '1200',
  clicks: '40',
  actions: [
    { action_type: 'link_click', value: '38' },
    { action_type: 'onsite_conversion.messaging_conversation_started_7d', value: '9' },
    { action_type: 'onsite_conversion.messaging_block', value: '1' },
    { action_type: 'onsite_conversion.messaging_user_depth_3_message_send', value: '4' },
    { action_type: 'post_engagement', value: '77' },
  ],
  cost_per_action_type: [{ action_type: 'onsite_conversion.messaging_conversation_started_7d', value: '1.371111' }],
};

describe('toInsightRow', () => {
  it('types the figures the product uses and keeps the whole actions array', () => {
    expect(toInsightRow(row)).toMatchObject({
      accountId: 'act_1001',
      adId: 'a1',
      day: '2026-11-02',
      currency: 'EUR',
      spend: '12.34',
      impressions: 1500,
      linkClicks: 38,
      conversationsStarted: 9,
      blocks: 1,
      depth3: 4,
      firstReplies: 0,
    });
    expect(toInsightRow(row).actions).toHaveLength(5);
    expect(toInsightRow(row).costPerActionType[0]?.value).toBe('1.371111');
  });

  it('reads a row without actions (no messaging that day) as zeros', () => {
    const { actions: _a, cost_per_action_type: _c, ...bare } = row;
    expect(toInsightRow(bare)).toMatchObject({ conversationsStarted: 0, actions: [], costPerActionType: [] });
  });

  it.each([
    [{ ...row, date_stop: '2026-11-03' }, /not one day/],
    [{ ...row, ad_id: undefined }, /without ad_id/],
    [{ ...row, spend: 'abc' }, /spend is not an amount/],
    [{ ...row, impressions: '-4' }, /not a count/],
    [{ ...row, actions: { link_click: 3 } }, /actions is not a list/],
  ])('refuses a malformed row (%#)', (raw, message) => {
    expect(() => toInsightRow(raw)).toThrow(InsightRowError);
    expect(() => toInsightRow(raw)).toThrow(message);
  });
});
