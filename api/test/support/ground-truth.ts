import type { PersonTruth } from '@ctm/meta-sim';

/** What the product stored, as read back from the database. Times are epoch ms. */
export type Observed = {
  contacts: {
    pageId: string;
    personKey: string;
    firstSource: string;
    firstRef: string | null;
    firstAdId: string | null;
    firstSeenAt: number;
    /** From the Send API's answers the business reported (the test messages every contact at the month's end). */
    reachability: 'unknown' | 'reachable' | 'unreachable';
  }[];
  touches: {
    pageId: string;
    personKey: string;
    source: string;
    ref: string | null;
    adId: string | null;
    time: number;
    opensThread: boolean;
  }[];
  conversions: { pageId: string; personKey: string | null; eventName: string; time: number }[];
};

export type Dimension = 'contacts' | 'opening touch' | 'new / re-engaged' | 'conversions' | 'blocks';
export type Score = { matched: number; knowable: number; total: number };
export type Unknowable = { dimension: Dimension; what: string; count: number; why: string };
export type Accuracy = {
  scores: Record<Dimension, Score>;
  unknowable: Unknowable[];
  /** Knowable facts the product got wrong, and rows it stored that no truth explains: each should be empty. */
  mismatches: string[];
};

type Month = { from: number; to: number };
type Touch = PersonTruth['touches'][number];

const DIMENSIONS: Dimension[] = ['contacts', 'opening touch', 'new / re-engaged', 'conversions', 'blocks'];

// the reasons, once: the table prints them
const WHY = {
  beforeMonth:
    'the thread opened before the month: its opening (and whether a later referral re-engages it) is in payloads never delivered',
  pluginSplit:
    'chat-plugin visitor who continued in Messenger: no payload carries both user_ref and PSID, so the guest contact (plugin touch) and the PSID contact (organic opener) cannot be joined',
  adNoReferral: "ad arrival whose payload carried no referral: observed as ORGANIC; only Meta's insights count it",
  comment: 'comment private reply: the payloads are an echo and a message without referral; observed as ORGANIC',
  reported: "shop order with a value: reported by the business's systems (POST /api/conversions), not a webhook",
  guestBlock:
    'a chat-plugin guest never known by PSID: the Send API answers 551 for a PSID, and no webhook says who blocked',
} as const;

/** A QR code is an m.me link: old codes still say MESSENGER_CODE, which the product keeps verbatim. */
const sameSource = (truth: string, stored: string) =>
  truth === stored || (truth === 'SHORTLINK' && stored === 'MESSENGER_CODE');

const at = (month: Month, time: number) => time >= month.from && time < month.to;
const pageKey = (pageId: string, personKey: string | null) => `${pageId}/${personKey ?? ''}`;

/** Compares what the product stored with the world's truth for one month of delivered events. */
export function compareWithTruth(people: Iterable<PersonTruth>, observed: Observed, month: Month): Accuracy {
  const scores = Object.fromEntries(DIMENSIONS.map((d) => [d, { matched: 0, knowable: 0, total: 0 }])) as Record<
    Dimension,
    Score
  >;
  const unknowable = new Map<string, Unknowable>();
  const mismatches: string[] = [];
  const notKnowable = (dimension: Dimension, what: keyof typeof WHY, label: string) => {
    const key = `${dimension}/${label}`;
    const entry = unknowable.get(key) ?? { dimension, what: label, count: 0, why: WHY[what] };
    entry.count += 1;
    unknowable.set(key, entry);
  };
  const score = (dimension: Dimension, ok: boolean, detail: () => string) => {
    const s = scores[dimension];
    s.total += 1;
    s.knowable += 1;
    if (ok) s.matched += 1;
    else mismatches.push(`${dimension}: ${detail()}`);
  };

  const contacts = new Map(observed.contacts.map((c) => [pageKey(c.pageId, c.personKey), c]));
  const touches = new Map<string, Observed['touches']>();
  for (const t of observed.touches) {
    const key = pageKey(t.pageId, t.personKey);
    touches.set(key, [...(touches.get(key) ?? []), t]);
  }
  const conversions = new Map<string, Observed['conversions']>();
  for (const c of observed.conversions) {
    const key = pageKey(c.pageId, c.personKey);
    conversions.set(key, [...(conversions.get(key) ?? []), c]);
  }
  const explained = new Set<string>();
  const explainedTouches = new Set<Observed['touches'][number]>();

  for (const p of people) {
    const opening = p.touches[0];
    if (!opening || opening.at >= month.to) continue;
    const psidKey = pageKey(p.pageId, p.psid);
    const guestKey = p.userRef === undefined ? undefined : pageKey(p.pageId, `uref:${p.userRef}`);
    const keys = [psidKey, ...(guestKey ? [guestKey] : [])];
    const key = p.guest && guestKey ? guestKey : psidKey;
    const split = p.userRef !== undefined && !p.guest;
    const opened = at(month, opening.at);

    // conversions: every postback conversion of the month is in a payload, whoever's key it arrived under
    const wanted = p.conversions.filter((c) => at(month, c.at));
    const stored = keys.flatMap((k) => conversions.get(k) ?? []);
    for (const c of wanted) {
      scores.conversions.total += 1;
      if (c.value !== undefined) notKnowable('conversions', 'reported', 'orders reported with a value');
      else scores.conversions.knowable += 1;
    }
    for (const kind of ['purchase', 'lead'] as const) {
      const want = wanted.filter((c) => c.kind === kind && c.value === undefined);
      const got = stored.filter((c) => c.eventName === kind && at(month, c.time));
      if (want.length === got.length) scores.conversions.matched += want.length;
      else mismatches.push(`conversions: ${key} has ${got.length} ${kind} conversions, the world ${want.length}`);
    }
    keys.forEach((k) => explained.add(`conversion ${k}`));

    // blocks: no webhook says so; the Send API answers 551 when the page messages the person afterwards
    const blockedBy = (t: number) => p.blockedAt !== undefined && p.blockedAt < t;
    const psidContact = contacts.get(psidKey);
    if (psidContact && psidContact.reachability === 'unreachable' && !blockedBy(month.to))
      mismatches.push(`blocks: ${psidKey} is marked unreachable, yet never blocked the page`);
    if (p.blockedAt !== undefined && at(month, p.blockedAt)) {
      if (psidContact)
        score(
          'blocks',
          psidContact.reachability === 'unreachable',
          () => `${psidKey} blocked the page, yet is ${psidContact.reachability}`,
        );
      else {
        scores.blocks.total += 1;
        notKnowable('blocks', 'guestBlock', 'blocks by chat-plugin guests');
      }
    } else if (psidContact && psidContact.reachability === 'unreachable' && !blockedBy(month.from)) {
      mismatches.push(`blocks: ${psidKey} is marked unreachable, yet did not block the page in the month`);
    }

    const inMonth = p.touches.filter((t) => at(month, t.at));
    if (!opened) {
      // delivered in part: whatever the product made of it is not the thread's real story
      if (keys.some((k) => contacts.has(k))) {
        scores.contacts.total += 1;
        scores['opening touch'].total += 1;
        notKnowable('contacts', 'beforeMonth', 'threads opened before the month');
        notKnowable('opening touch', 'beforeMonth', 'threads opened before the month');
      }
      for (const _ of inMonth) {
        scores['new / re-engaged'].total += 1;
        notKnowable('new / re-engaged', 'beforeMonth', 'returns into threads opened before the month');
      }
      keys.forEach((k) => explained.add(k));
      keys.forEach((k) => (touches.get(k) ?? []).forEach((t) => explainedTouches.add(t)));
      continue;
    }

    const contact = contacts.get(key);
    explained.add(key);
    if (split) {
      explained.add(psidKey);
      scores.contacts.total += 1;
      notKnowable('contacts', 'pluginSplit', 'plugin visitors who continued in Messenger');
      scores['opening touch'].total += 1;
      notKnowable('opening touch', 'pluginSplit', 'plugin visitors who continued in Messenger');
      if (guestKey) {
        explained.add(guestKey);
        (touches.get(guestKey) ?? []).forEach((t) => explainedTouches.add(t));
      }
      // the PSID contact's opener is the first message after the plugin: organic as far as payloads go
      (touches.get(psidKey) ?? []).filter((t) => t.opensThread).forEach((t) => explainedTouches.add(t));
    } else {
      score('contacts', contact !== undefined, () => `no contact ${key}`);
      scoreOpening(p, opening, contact, key);
    }

    for (const t of inMonth) {
      if (t.isNew && (split || !knowableOpening(opening))) {
        scores['new / re-engaged'].total += 1;
        notKnowable('new / re-engaged', split ? 'pluginSplit' : openingReason(opening), openingLabel(opening, split));
        (touches.get(key) ?? []).filter((s) => s.opensThread).forEach((s) => explainedTouches.add(s));
        continue;
      }
      const home = t.isNew ? key : psidKey;
      const psidSince = contacts.get(psidKey)?.firstSeenAt;
      if (split && !t.isNew && (psidSince === undefined || psidSince >= t.at)) {
        // everything before the return came as a guest: to the PSID contact the return is what opened it
        scores['new / re-engaged'].total += 1;
        notKnowable('new / re-engaged', 'pluginSplit', 'returns of plugin visitors who were guests until then');
        (touches.get(psidKey) ?? []).filter((s) => s.time === t.at).forEach((s) => explainedTouches.add(s));
        continue;
      }
      const found = (touches.get(home) ?? []).find(
        (s) =>
          s.time === t.at && sameSource(t.source, s.source) && s.adId === (t.adId ?? null) && s.ref === (t.ref ?? null),
      );
      if (found) explainedTouches.add(found);
      score(
        'new / re-engaged',
        found?.opensThread === t.isNew,
        () =>
          `${home} ${t.isNew ? 'new' : 're-engaged'} ${t.source} at ${new Date(t.at).toISOString()}: ${found ? `opensThread ${found.opensThread}` : 'missing'}`,
      );
    }
  }

  for (const c of observed.contacts) {
    const key = pageKey(c.pageId, c.personKey);
    if (!explained.has(key)) mismatches.push(`contacts: ${key} is no person of the world`);
  }
  for (const t of observed.touches) {
    if (!explainedTouches.has(t))
      mismatches.push(
        `touches: ${pageKey(t.pageId, t.personKey)} ${t.source} at ${new Date(t.time).toISOString()} is no touch of the world`,
      );
  }
  for (const [key, list] of conversions) {
    if (!explained.has(`conversion ${key}`))
      mismatches.push(`conversions: ${list.length} for ${key}, no person of the world`);
  }
  return { scores, unknowable: [...unknowable.values()], mismatches };

  function scoreOpening(
    p: PersonTruth,
    opening: Touch,
    contact: Observed['contacts'][number] | undefined,
    key: string,
  ) {
    if (!knowableOpening(opening)) {
      scores['opening touch'].total += 1;
      notKnowable('opening touch', openingReason(opening), openingLabel(opening, false));
      // what the payloads do say must still be what the product shows
      if (contact && contact.firstSource !== 'ORGANIC')
        mismatches.push(
          `opening touch: ${key} has no referral in its payloads, yet is credited to ${contact.firstSource}`,
        );
      return;
    }
    score(
      'opening touch',
      contact !== undefined &&
        sameSource(opening.source, contact.firstSource) &&
        contact.firstAdId === (opening.adId ?? null) &&
        contact.firstRef === (opening.ref ?? null) &&
        contact.firstSeenAt === opening.at,
      () =>
        `${key}: world ${opening.source} ad=${opening.adId} ref=${opening.ref} at ${new Date(opening.at).toISOString()}, ` +
        `stored ${contact ? `${contact.firstSource} ad=${contact.firstAdId} ref=${contact.firstRef} at ${new Date(contact.firstSeenAt).toISOString()}` : 'nothing'}`,
    );
  }
}

/** Knowable when the payload carried a referral, or when there was none to carry (an organic first message). */
function knowableOpening(t: Touch): boolean {
  return t.hasReferral !== false || t.source === 'ORGANIC';
}

function openingReason(t: Touch): keyof typeof WHY {
  return t.source === 'COMMENT' ? 'comment' : 'adNoReferral';
}

function openingLabel(t: Touch, split: boolean): string {
  if (split) return 'plugin visitors who continued in Messenger';
  return t.source === 'COMMENT' ? 'comment private replies' : 'ad arrivals without a referral';
}

/** The accuracy table: per dimension matched / knowable / total, then what is not knowable and why. */
export function formatAccuracy(accuracy: Accuracy): string {
  const pct = (s: Score) =>
    s.knowable === 0 ? '   n/a' : `${((100 * s.matched) / s.knowable).toFixed(1)}%`.padStart(6);
  const lines = ['dimension          matched / knowable / total   accuracy'];
  for (const d of DIMENSIONS) {
    const s = accuracy.scores[d];
    lines.push(
      `${d.padEnd(18)} ${String(s.matched).padStart(7)} / ${String(s.knowable).padStart(8)} / ${String(s.total).padStart(5)}   ${pct(s)}`,
    );
  }
  lines.push('', 'not knowable from the payloads:');
  for (const u of accuracy.unknowable) lines.push(`  ${u.dimension}: ${u.count} ${u.what} — ${u.why}`);
  return lines.join('\n');
}
