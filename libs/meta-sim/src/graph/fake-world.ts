import type {
  InsightsQuery,
  SimAd,
  SimAdAccount,
  SimAdSet,
  SimCampaign,
  SimInsightRow,
  World,
  WorldEvent,
} from '../types.js';

const DAY = 86_400_000;

/**
 * A small hand-made World for the servers' own tests: exact, readable counts (2 accounts × 2 campaigns ×
 * 2 ad sets × 3 ads, 30 days, events every 3 hours per page) that do not move when the real world's model does.
 */
export function fakeWorld(endDate = '2025-06-30', days = 30): World {
  const accounts: SimAdAccount[] = [
    account('1001', 'Acme Store', 'USD', 'America/Los_Angeles', 'standard'),
    account('1002', 'Acme EU', 'EUR', 'Europe/Paris', 'development'),
  ];
  const tree = accounts.map((a) => buildTree(a));
  const pages = [
    { id: '501', name: 'Acme', username: 'acme', accessToken: 'PAGE-TOKEN-501' },
    { id: '502', name: 'Acme Europe', username: 'acme.eu', accessToken: 'PAGE-TOKEN-502' },
  ];
  const end = Date.parse(`${endDate}T00:00:00Z`) + DAY;
  const start = end - days * DAY;
  // one person blocked the page two days before the end: the Send API must refuse them
  const blockedAt = end - 2 * DAY;
  const find = (id: string) => tree.find((t) => t.account.id === id);
  return {
    options: { seed: 1, size: 'tiny', endDate },
    accounts,
    pages,
    refLinks: [{ pageId: '501', ref: 'spring_sale', kind: 'link', label: 'Spring sale' }],
    systemUserToken: 'SYSTEM-USER-TOKEN',
    campaigns: (id) => find(id)?.campaigns ?? [],
    adsets: (id) => find(id)?.adsets ?? [],
    ads: (id) => find(id)?.ads ?? [],
    insights: (q) => insightRows(find(q.accountId), q, start, end),
    events: (from, to) => eventsBetween(Math.max(from, start), Math.min(to, end), pages),
    truth: () => [{ pageId: '501', psid: '5013', touches: [], conversions: [], blockedAt }],
    appId: '100000000000777',
    personState: (pageId, psid, at) => {
      let lastInboundAt: number | undefined;
      for (const w of eventsBetween(start, Math.min(at + 1, end), pages))
        if (w.pageId === pageId && w.event.sender?.id === psid) lastInboundAt = w.time;
      const blocked = pageId === '501' && psid === '5013' && at >= blockedAt;
      return { known: lastInboundAt !== undefined, blocked, ...(blocked ? { blockedAt } : {}), lastInboundAt };
    },
  };
}

function account(accountId: string, name: string, currency: string, tz: string, tier: SimAdAccount['tier']) {
  const id = `act_${accountId}`;
  return { id, accountId, businessId: `9${accountId}`, name, currency, timezoneName: tz, accountStatus: 1, tier };
}

function buildTree(account: SimAdAccount) {
  const campaigns: SimCampaign[] = [];
  const adsets: SimAdSet[] = [];
  const ads: SimAd[] = [];
  const base = { accountId: account.id, objective: 'OUTCOME_ENGAGEMENT', history: [] };
  const times = { createdTime: '2025-01-01T00:00:00+0000', updatedTime: '2025-02-01T00:00:00+0000' };
  for (let c = 1; c <= 2; c++) {
    const cid = `${account.accountId}${c}`;
    const status = c === 2 ? 'PAUSED' : 'ACTIVE';
    campaigns.push({ ...base, ...times, id: cid, name: `Campaign ${c}`, status, effectiveStatus: status });
    for (let s = 1; s <= 2; s++) {
      const sid = `${cid}${s}`;
      const eff = c === 2 ? 'CAMPAIGN_PAUSED' : 'ACTIVE';
      adsets.push({
        ...base,
        ...times,
        id: sid,
        campaignId: cid,
        name: `Ad set ${c}.${s}`,
        status: 'ACTIVE',
        effectiveStatus: eff,
      });
      for (let n = 1; n <= 3; n++) {
        const common = { ...base, ...times, campaignId: cid, adsetId: sid, pageId: '501', adTitle: `Chat ${n}` };
        ads.push({ ...common, id: `${sid}${n}`, name: `Ad ${c}.${s}.${n}`, status: 'ACTIVE', effectiveStatus: eff });
      }
    }
  }
  return { account, campaigns, adsets, ads };
}

function* insightRows(
  tree: ReturnType<typeof buildTree> | undefined,
  q: InsightsQuery,
  start: number,
  end: number,
): Iterable<SimInsightRow> {
  if (!tree) return;
  const days = dayList(q.since, q.until).filter(
    (d) => Date.parse(`${d}T00:00:00Z`) >= start && Date.parse(`${d}T00:00:00Z`) < end,
  );
  const key = (ad: SimAd) =>
    q.level === 'ad' ? ad.id : q.level === 'adset' ? ad.adsetId : q.level === 'campaign' ? ad.campaignId : 'all';
  const groups = [...new Set(tree.ads.map(key))];
  const buckets = q.timeIncrement === 1 ? days.map((d) => [d]) : days.length ? [days] : [];
  for (const bucket of buckets) {
    for (const group of groups) {
      const ads = tree.ads.filter((ad) => key(ad) === group);
      yield sumRow(tree.account, ads, bucket, q.level);
    }
  }
}

function sumRow(account: SimAdAccount, ads: SimAd[], days: string[], level: InsightsQuery['level']): SimInsightRow {
  let impressions = 0;
  let clicks = 0;
  let started = 0;
  for (const ad of ads)
    for (const day of days) {
      const seed = Number(ad.id.slice(-3)) + Number(day.slice(-2));
      impressions += 100 + (seed % 50);
      clicks += 3 + (seed % 7);
      started += seed % 3;
    }
  const first = ads[0] as SimAd;
  const spend = (impressions * 0.01).toFixed(2);
  return {
    account_id: account.accountId,
    campaign_id: level === 'account' ? '' : first.campaignId,
    adset_id: level === 'ad' || level === 'adset' ? first.adsetId : '',
    ad_id: level === 'ad' ? first.id : '',
    date_start: days[0] ?? '',
    date_stop: days[days.length - 1] ?? '',
    account_currency: account.currency,
    spend,
    impressions: String(impressions),
    reach: String(Math.round(impressions * 0.8)),
    clicks: String(clicks),
    actions: [{ action_type: 'onsite_conversion.messaging_conversation_started_7d', value: String(started) }],
  };
}

export function dayList(since: string, until: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${since}T00:00:00Z`); t <= Date.parse(`${until}T00:00:00Z`); t += DAY)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

function* eventsBetween(from: number, to: number, pages: { id: string }[]): Iterable<WorldEvent> {
  const step = 3 * 3_600_000;
  for (let t = Math.ceil(from / step) * step; t < to; t += step) {
    for (const [i, page] of pages.entries()) {
      const psid = `${page.id}${(t / step) % 17}`;
      const event = {
        sender: { id: psid },
        recipient: { id: page.id },
        timestamp: t + i,
        message: { mid: `m_${t}_${i}`, text: i ? 'Ça coûte combien ? 😀' : 'hello' },
      };
      yield { pageId: page.id, time: t + i, event };
    }
  }
}
