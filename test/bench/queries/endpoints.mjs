// The endpoints the bench times, each with the figures its answer carries and the same figures by
// plain SQL over the raw tables: contacts, touches and conversions (what processing stores per
// person) for observed figures, never observed_daily; ad_insight_daily (as synced, one row per ad
// and day) and ad_object for delivery figures and the ad tree. Figures are flattened to maps
// "what → number"; zeros and absent figures are alike (an endpoint lists days and rows a raw query
// has no row for).

/**
 * observed_daily's rows for a range, computed from the raw tables: each new contact on the day of
 * its first touch, each later touch a re-engagement, each conversion of a known contact on its day
 * under the touch it is credited to (libs/metrics contributions), days in the workspace's zone.
 */
const OBSERVED = `
  tz AS (SELECT time_zone AS z, ($2::date)::timestamp AT TIME ZONE time_zone AS lo,
           ($3::date + 1)::timestamp AT TIME ZONE time_zone AS hi FROM workspace WHERE id = $1),
  o AS (
    SELECT (c.first_seen_at AT TIME ZONE tz.z)::date AS day, c.page_id, c.first_source AS source,
      coalesce(c.first_ad_id, '') AS ad_id, coalesce(c.first_ref, '') AS ref, '' AS currency, 1 AS new_contacts,
      (c.inbound_messages >= 2)::int AS replied_new_contacts,
      (EXISTS (SELECT 1 FROM conversion v WHERE v.workspace_id = c.workspace_id AND v.page_id = c.page_id
        AND v.person_key = c.person_key))::int AS converted_new_contacts,
      (c.reachability = 'unreachable')::int AS unreachable_new_contacts, 0 AS reengaged_contacts, 0 AS conversions,
      0::numeric AS revenue
    FROM contact c, tz WHERE c.workspace_id = $1 AND c.first_seen_at >= tz.lo AND c.first_seen_at < tz.hi
    UNION ALL
    SELECT (t.time AT TIME ZONE tz.z)::date, t.page_id, t.source, coalesce(t.ad_id, ''), coalesce(t.ref, ''), '',
      0, 0, 0, 0, 1, 0, 0
    FROM contact_touch t, tz WHERE t.workspace_id = $1 AND NOT t.opens_thread AND t.time >= tz.lo AND t.time < tz.hi
    UNION ALL
    SELECT (v.time AT TIME ZONE tz.z)::date, v.page_id, coalesce(v.credited_source, 'UNCREDITED'),
      coalesce(v.credited_ad_id, ''), coalesce(v.credited_ref, ''),
      CASE WHEN v.value IS NOT NULL AND v.currency <> '' THEN v.currency ELSE '' END, 0, 0, 0, 0, 0, 1,
      CASE WHEN v.value IS NOT NULL AND v.currency <> '' THEN v.value ELSE 0 END
    FROM conversion v JOIN contact k ON k.workspace_id = v.workspace_id AND k.page_id = v.page_id
      AND k.person_key = v.person_key, tz
    WHERE v.workspace_id = $1 AND v.time >= tz.lo AND v.time < tz.hi
  )`;

const raw = (select) => `WITH ${OBSERVED} ${select}`;
/** The ref-links report files old printed QR codes (MESSENGER_CODE) with the m.me links they are. */
const REF_SOURCE = `CASE WHEN source = 'MESSENGER_CODE' THEN 'SHORTLINK' ELSE source END`;
const DELIVERY = `FROM ad_insight_daily WHERE workspace_id = $1 AND day BETWEEN $2::date AND $3::date`;
const ADS_OBSERVED = `FROM o JOIN ad_object ad ON ad.workspace_id = $1 AND ad.id = o.ad_id AND ad.level = 'ad' WHERE o.source = 'ADS'`;

/** Runs an endpoint's raw queries (in parallel on a pool, as an endpoint runs its own) into one figure map. */
async function figures(pool, queries, args) {
  const results = await Promise.all(queries.map(([sql, extra = []]) => pool.query(sql, [...args, ...extra])));
  return results.map((r) => r.rows);
}

const put = (map, key, value) => {
  const n = value === null || value === undefined ? 0 : Number(value);
  if (n !== 0) map.set(key, (map.get(key) ?? 0) + n);
};

function adRows(level, parentColumn) {
  const column = { campaign: 'campaign_id', adset: 'adset_id', ad: 'ad_id' }[level];
  const adColumn = level === 'ad' ? 'ad.id' : `ad.${column}`;
  const parentDelivery = parentColumn ? `AND ${parentColumn} = $4` : '';
  const parentObserved = parentColumn ? `AND ad.${parentColumn} = $4` : '';
  return {
    response: (body) => {
      const map = new Map();
      for (const row of body.rows)
        for (const id of ['spend', 'clicks', 'conversationsStarted', 'newContacts', 'conversions', 'blocks'])
          put(map, `${row.id} ${id}`, row.metrics[id]?.value);
      return map;
    },
    raw: async (pool, args, ctx) => {
      const extra = parentColumn ? [ctx[parentColumn]] : [];
      const [delivery, observed] = await figures(
        pool,
        [
          [
            `SELECT ${column} AS id, sum(spend)::float8 AS spend, sum(clicks)::float8 AS clicks,
               sum(conversations_started)::int AS started ${DELIVERY} ${parentDelivery} GROUP BY 1`,
            extra,
          ],
          [
            raw(`SELECT ${adColumn} AS id, sum(new_contacts)::int AS new_contacts, sum(conversions)::int AS conversions,
               sum(unreachable_new_contacts)::int AS blocks ${ADS_OBSERVED} ${parentObserved} GROUP BY 1`),
            extra,
          ],
        ],
        args,
      );
      const map = new Map();
      for (const r of delivery) {
        put(map, `${r.id} spend`, r.spend);
        put(map, `${r.id} clicks`, r.clicks);
        put(map, `${r.id} conversationsStarted`, r.started);
      }
      for (const r of observed) {
        put(map, `${r.id} newContacts`, r.new_contacts);
        put(map, `${r.id} conversions`, r.conversions);
        put(map, `${r.id} blocks`, r.blocks);
      }
      return map;
    },
  };
}

export const ENDPOINTS = [
  {
    name: 'overview',
    path: (q) => `/api/overview?${q}`,
    response: (body) => {
      const map = new Map();
      for (const id of ['newContacts', 'reengagedContacts', 'conversions', 'blocks'])
        put(map, `observed ${id}`, body.observed[id].value);
      for (const { currency, metrics } of body.byCurrency)
        for (const id of ['spend', 'conversationsStarted', 'costPerNewContact', 'revenue'])
          put(map, `${currency} ${id}`, metrics[id].value);
      for (const d of body.series) {
        put(map, `${d.day} newContacts`, d.newContacts);
        put(map, `${d.day} conversions`, d.conversions);
      }
      return map;
    },
    raw: async (pool, args) => {
      const [[totals], byCurrency, fromAds, delivery, days] = await figures(
        pool,
        [
          [
            raw(`SELECT sum(new_contacts) AS new_contacts, sum(reengaged_contacts) AS reengaged,
               sum(conversions) AS conversions, sum(unreachable_new_contacts) AS blocks FROM o`),
          ],
          [raw(`SELECT currency, sum(revenue)::float8 AS revenue FROM o WHERE currency <> '' GROUP BY 1`)],
          [
            raw(`SELECT a.currency, sum(new_contacts) AS n FROM o
               JOIN ad_object ad ON ad.workspace_id = $1 AND ad.id = o.ad_id
               JOIN ad_account a ON a.workspace_id = $1 AND a.id = ad.account_id WHERE o.source = 'ADS' GROUP BY 1`),
          ],
          [
            `SELECT currency, sum(spend)::float8 AS spend, sum(conversations_started) AS started ${DELIVERY} GROUP BY 1`,
          ],
          [raw(`SELECT day::text AS day, sum(new_contacts) AS n, sum(conversions) AS conversions FROM o GROUP BY 1`)],
        ],
        args,
      );
      const map = new Map();
      put(map, 'observed newContacts', totals.new_contacts);
      put(map, 'observed reengagedContacts', totals.reengaged);
      put(map, 'observed conversions', totals.conversions);
      put(map, 'observed blocks', totals.blocks);
      for (const r of byCurrency) put(map, `${r.currency} revenue`, r.revenue);
      const contactsIn = new Map(fromAds.map((r) => [r.currency, Number(r.n)]));
      for (const r of delivery) {
        put(map, `${r.currency} spend`, r.spend);
        put(map, `${r.currency} conversationsStarted`, r.started);
        if (contactsIn.get(r.currency))
          put(map, `${r.currency} costPerNewContact`, r.spend / contactsIn.get(r.currency));
      }
      for (const r of days) {
        put(map, `${r.day} newContacts`, r.n);
        put(map, `${r.day} conversions`, r.conversions);
      }
      return map;
    },
  },
  { name: 'campaigns', path: (q) => `/api/campaigns?${q}`, ...adRows('campaign') },
  {
    name: 'adsets',
    path: (q, ctx) => `/api/adsets?campaign=${ctx.campaign_id}&${q}`,
    ...adRows('adset', 'campaign_id'),
  },
  { name: 'ads', path: (q, ctx) => `/api/ads?adset=${ctx.adset_id}&${q}`, ...adRows('ad', 'adset_id') },
  {
    name: 'ref-links',
    path: (q) => `/api/ref-links?${q}`,
    response: (body) => {
      const map = new Map();
      for (const row of body.rows) {
        for (const id of ['newContacts', 'reengagedContacts', 'conversions', 'blocks'])
          put(map, `${row.source}/${row.ref} ${id}`, row.metrics[id].value);
        for (const d of row.trend) put(map, `${row.source}/${row.ref} ${d.day}`, d.newContacts);
      }
      return map;
    },
    raw: async (pool, args) => {
      const [totals, days] = await figures(
        pool,
        [
          [
            raw(`SELECT ${REF_SOURCE} AS source, ref, sum(new_contacts) AS n, sum(reengaged_contacts) AS reengaged,
               sum(conversions) AS conversions, sum(unreachable_new_contacts) AS blocks FROM o WHERE ref <> '' GROUP BY 1, 2`),
          ],
          [
            raw(`SELECT ${REF_SOURCE} AS source, ref, day::text AS day, sum(new_contacts) AS n FROM o
               WHERE ref <> '' GROUP BY 1, 2, 3`),
          ],
        ],
        args,
      );
      const map = new Map();
      for (const r of totals) {
        put(map, `${r.source}/${r.ref} newContacts`, r.n);
        put(map, `${r.source}/${r.ref} reengagedContacts`, r.reengaged);
        put(map, `${r.source}/${r.ref} conversions`, r.conversions);
        put(map, `${r.source}/${r.ref} blocks`, r.blocks);
      }
      for (const r of days) put(map, `${r.source}/${r.ref} ${r.day}`, r.n);
      return map;
    },
  },
  {
    name: 'timeseries',
    path: (q) => `/api/timeseries?metric=newContacts&interval=day&groupBy=source&${q}`,
    response: (body) => {
      const map = new Map();
      for (const s of body.series) for (const p of s.points) put(map, `${s.group} ${p.period}`, p.value);
      return map;
    },
    raw: async (pool, args) => {
      const [rows] = await figures(
        pool,
        [[raw(`SELECT source, day::text AS day, sum(new_contacts) AS n FROM o GROUP BY 1, 2`)]],
        args,
      );
      const map = new Map();
      for (const r of rows) put(map, `${r.source} ${r.day}`, r.n);
      return map;
    },
  },
  {
    name: 'funnel',
    path: (q) => `/api/funnel?by=source&${q}`,
    response: (body) => {
      const map = new Map();
      for (const row of body.rows)
        for (const [stage, n] of Object.entries(row.stages)) put(map, `${row.key} ${stage}`, n);
      return map;
    },
    raw: async (pool, args) => {
      const [observed, [delivery]] = await figures(
        pool,
        [
          [
            raw(`SELECT source, sum(new_contacts) AS n, sum(replied_new_contacts) AS replied,
               sum(converted_new_contacts) AS converted FROM o GROUP BY 1`),
          ],
          [`SELECT sum(clicks)::float8 AS clicks, sum(conversations_started) AS started ${DELIVERY}`],
        ],
        args,
      );
      const map = new Map();
      for (const r of observed) {
        put(map, `${r.source} newContacts`, r.n);
        put(map, `${r.source} replied`, r.replied);
        put(map, `${r.source} converted`, r.converted);
      }
      put(map, 'ADS clicks', delivery.clicks);
      put(map, 'ADS conversationsStarted', delivery.started);
      return map;
    },
  },
  {
    // a filter: the top campaign's contacts and spend, as the dashboard asks when one campaign is picked
    name: 'overview+c',
    path: (q, ctx) => `/api/overview?campaign=${ctx.campaign_id}&${q}`,
    response: (body) => {
      const map = new Map();
      put(map, 'newContacts', body.observed.newContacts.value);
      put(map, 'conversions', body.observed.conversions.value);
      for (const { currency, metrics } of body.byCurrency) put(map, `${currency} spend`, metrics.spend.value);
      return map;
    },
    raw: async (pool, args, ctx) => {
      const [[observed], delivery] = await figures(
        pool,
        [
          [
            raw(`SELECT sum(new_contacts) AS n, sum(conversions) AS conversions FROM o
               JOIN ad_object ad ON ad.workspace_id = $1 AND ad.id = o.ad_id AND ad.level = 'ad'
               WHERE ad.campaign_id = $4`),
            [ctx.campaign_id],
          ],
          [
            `SELECT currency, sum(spend)::float8 AS spend ${DELIVERY} AND campaign_id = $4 GROUP BY 1`,
            [ctx.campaign_id],
          ],
        ],
        args,
      );
      const map = new Map();
      put(map, 'newContacts', observed.n);
      put(map, 'conversions', observed.conversions);
      for (const r of delivery) put(map, `${r.currency} spend`, r.spend);
      return map;
    },
  },
  {
    name: 'cohorts',
    path: (q) => `/api/cohorts?by=source&days=28&${q}`,
    response: (body) => {
      const map = new Map();
      for (const row of body.rows) {
        put(map, `${row.key} newContacts`, row.newContacts);
        for (const p of row.curve) put(map, `${row.key} day ${p.day}`, p.converted);
      }
      return map;
    },
    // whole days from a contact's first message to its first conversion, from the raw tables
    raw: async (pool, args) => {
      const [rows] = await figures(
        pool,
        [
          [
            `WITH tz AS (SELECT time_zone AS z FROM workspace WHERE id = $1),
             first AS (SELECT page_id, person_key, min(time) AS at FROM conversion
                       WHERE workspace_id = $1 AND person_key IS NOT NULL GROUP BY 1, 2),
             c AS (
               SELECT c.first_source AS source, floor(extract(epoch FROM (f.at - c.first_seen_at)) / 86400) AS days
               FROM contact c CROSS JOIN tz
               LEFT JOIN first f ON f.page_id = c.page_id AND f.person_key = c.person_key
               WHERE c.workspace_id = $1 AND (c.first_seen_at AT TIME ZONE tz.z)::date BETWEEN $2::date AND $3::date)
             SELECT source, days, count(*) AS n FROM c GROUP BY 1, 2`,
          ],
        ],
        args,
      );
      // null days: never converted, counted among the new contacts only
      const map = new Map();
      for (const r of rows) {
        put(map, `${r.source} newContacts`, r.n);
        if (r.days === null) continue;
        for (let d = Math.max(Number(r.days), 0); d <= 28; d++) put(map, `${r.source} day ${d}`, r.n);
      }
      return map;
    },
  },
  {
    name: 'reconcile',
    path: (q) => `/api/reconciliation?${q}`,
    response: (body) => {
      const map = new Map();
      for (const row of body.rows) {
        put(map, `${row.key} meta`, row.metaConversationsStarted);
        put(map, `${row.key} new`, row.observedNewContacts);
        put(map, `${row.key} reengaged`, row.observedReengaged);
      }
      return map;
    },
    raw: async (pool, args) => {
      const [meta, observed] = await figures(
        pool,
        [
          [`SELECT ad_id, sum(conversations_started) AS n ${DELIVERY} GROUP BY 1`],
          [
            raw(`SELECT ad_id, sum(new_contacts) AS n, sum(reengaged_contacts) AS reengaged FROM o
               WHERE source = 'ADS' AND ad_id <> '' GROUP BY 1`),
          ],
        ],
        args,
      );
      const map = new Map();
      for (const r of meta) put(map, `${r.ad_id} meta`, r.n);
      for (const r of observed) {
        put(map, `${r.ad_id} new`, r.n);
        put(map, `${r.ad_id} reengaged`, r.reengaged);
      }
      return map;
    },
  },
  {
    // rules over the rollups and the sync state, for the last 7 days whatever the range: nothing raw to set beside it
    name: 'alerts',
    noRaw: true,
    path: () => `/api/alerts`,
    response: (body) => new Map([['alerts', body.alerts?.length ?? 0]]),
    raw: async () => new Map(),
  },
  {
    name: 'contacts',
    list: true,
    path: (q) => `/api/contacts?limit=50&${q}`,
    response: (body) => {
      const map = new Map();
      body.rows.forEach((r, i) => {
        put(map, `#${i} ${r.pageId}/${r.psid ?? ''} inbound`, r.inboundMessages + 1);
        put(map, `#${i} ${r.pageId}/${r.psid ?? ''} conversions`, r.conversions + 1);
      });
      return map;
    },
    raw: async (pool, args) => {
      const [rows] = await figures(
        pool,
        [
          [
            `WITH tz AS (SELECT time_zone AS z FROM workspace WHERE id = $1)
             SELECT c.page_id, c.psid, c.inbound_messages,
               (SELECT count(*) FROM conversion v WHERE v.workspace_id = c.workspace_id AND v.page_id = c.page_id
                  AND v.person_key = c.person_key) AS conversions
             FROM contact c, tz WHERE c.workspace_id = $1 AND (c.first_seen_at AT TIME ZONE tz.z)::date BETWEEN $2 AND $3
             ORDER BY c.first_seen_at DESC, c.page_id DESC, c.person_key DESC LIMIT 50`,
          ],
        ],
        args,
      );
      const map = new Map();
      rows.forEach((r, i) => {
        put(map, `#${i} ${r.page_id}/${r.psid ?? ''} inbound`, r.inbound_messages + 1);
        put(map, `#${i} ${r.page_id}/${r.psid ?? ''} conversions`, Number(r.conversions) + 1);
      });
      return map;
    },
  },
];

/** The first figure the two maps disagree on (relative 1e-9 for sums of money), or undefined. */
export function firstMismatch(got, expected) {
  const keys = [...new Set([...got.keys(), ...expected.keys()])].sort();
  for (const key of keys) {
    const a = got.get(key) ?? 0;
    const b = expected.get(key) ?? 0;
    if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))) return { key, endpoint: a, raw: b };
  }
  return undefined;
}
