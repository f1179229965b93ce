import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { filtersOf } from './dto/filters.dto.js';
import { adIdCondition, refSource, SqlParams } from './filter-sql.js';
import { MetricsRepository } from './metrics.repository.js';
import type { ContactsQuery } from './dto/contacts-query.dto.js';

export type ContactRow = {
  /** opaque: the page and the person, for GET /api/contacts/:id */
  id: string;
  pageId: string;
  psid: string | null;
  firstSeenAt: string;
  source: string;
  ref: string | null;
  adId: string | null;
  campaignId: string | null;
  inboundMessages: number;
  lastInboundAt: string | null;
  reachability: string;
  unreachableAt: string | null;
  conversions: number;
};

export type ContactDetail = ContactRow & {
  touches: { time: string; source: string; ref: string | null; adId: string | null; opensThread: boolean }[];
  conversionsList: {
    time: string;
    event: string;
    value: number | null;
    currency: string | null;
    creditedSource: string | null;
  }[];
  sendOutcomes: { time: string; outcome: string; errorCode: number | null }[];
};

const encodeId = (pageId: string, personKey: string) =>
  Buffer.from(JSON.stringify([pageId, personKey])).toString('base64url');

function decodeId(id: string): [string, string] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(id, 'base64url').toString('utf8'));
    return Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')
      ? [value[0] as string, value[1] as string]
      : null;
  } catch {
    return null;
  }
}

const SELECT = `
  SELECT c.page_id, c.person_key, c.psid, c.first_seen_at, c.first_source, c.first_ref, c.first_ad_id, ad.campaign_id,
    c.inbound_messages, c.last_inbound_at, c.reachability, c.unreachable_at,
    (SELECT count(*)::int FROM conversion v WHERE v.workspace_id = c.workspace_id AND v.page_id = c.page_id
       AND v.person_key = c.person_key) AS conversions
  FROM contact c
  LEFT JOIN ad_object ad ON ad.workspace_id = c.workspace_id AND ad.id = c.first_ad_id`;

/** GET /api/contacts and /api/contacts/:id: who became a contact, from where, and what happened since. */
@Injectable()
export class ContactsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly repo: MetricsRepository,
  ) {}

  async list(workspaceId: string, q: ContactsQuery): Promise<{ rows: ContactRow[]; nextCursor: string | null }> {
    const limit = q.limit ?? 50;
    const cursor = q.cursor ? parseCursor(q.cursor) : null;
    await this.repo.checkFilters(workspaceId, filtersOf(q));
    const p = new SqlParams(
      workspaceId,
      q.from ?? null,
      q.to ?? null,
      q.page ?? null,
      q.source ?? null,
      q.ref ?? null,
      q.ad ?? null,
      q.reachability ?? null,
      q.converted === undefined ? null : q.converted === 'true',
      cursor?.at ?? null,
      cursor?.pageId ?? null,
      cursor?.personKey ?? null,
      limit + 1,
    );
    const under = adIdCondition('c.first_ad_id', { account: q.account, campaign: q.campaign, adset: q.adset }, p);
    const search = q.q
      ? ` AND (c.psid LIKE ${p.add(`${likeEscape(q.q)}%`)} OR c.first_ref ILIKE ${p.add(`%${likeEscape(q.q)}%`)})`
      : '';
    const rows: Record<string, unknown>[] = await this.db.query(
      `WITH tz AS (SELECT time_zone AS z FROM workspace WHERE id = $1)
       ${SELECT}, tz
       WHERE c.workspace_id = $1
         AND ($2::date IS NULL OR (c.first_seen_at AT TIME ZONE tz.z)::date >= $2::date)
         AND ($3::date IS NULL OR (c.first_seen_at AT TIME ZONE tz.z)::date <= $3::date)
         AND ($4::text IS NULL OR c.page_id = $4) AND ($5::text IS NULL OR ${refSource('c.first_source')} = $5)
         AND ($6::text IS NULL OR c.first_ref = $6) AND ($7::text IS NULL OR c.first_ad_id = $7)
         AND ($8::text IS NULL OR c.reachability = $8)
         AND ($9::boolean IS NULL OR EXISTS (SELECT 1 FROM conversion v WHERE v.workspace_id = c.workspace_id
               AND v.page_id = c.page_id AND v.person_key = c.person_key) = $9)
         AND ($10::timestamptz IS NULL OR (c.first_seen_at, c.page_id, c.person_key) < ($10::timestamptz, $11, $12))
         ${under}${search}
       ORDER BY c.first_seen_at DESC, c.page_id DESC, c.person_key DESC
       LIMIT $13`,
      p.values,
    );
    const page = rows.slice(0, limit).map(toRow);
    const last = rows.length > limit ? rows[limit - 1]! : null;
    return {
      rows: page,
      nextCursor: last
        ? Buffer.from(
            JSON.stringify([(last['first_seen_at'] as Date).toISOString(), last['page_id'], last['person_key']]),
          ).toString('base64url')
        : null,
    };
  }

  async detail(workspaceId: string, id: string): Promise<ContactDetail> {
    const key = decodeId(id);
    const notFound = new NotFoundException(`id: ${id} is not a contact of this workspace.`);
    if (!key) throw notFound;
    const [pageId, personKey] = key;
    const [row] = await this.db.query(`${SELECT} WHERE c.workspace_id = $1 AND c.page_id = $2 AND c.person_key = $3`, [
      workspaceId,
      pageId,
      personKey,
    ]);
    if (!row) throw notFound;
    const args = [workspaceId, pageId, personKey];
    const [touches, conversions, outcomes] = await Promise.all([
      this.db.query(
        `SELECT time, source, ref, ad_id, opens_thread FROM contact_touch
         WHERE workspace_id = $1 AND page_id = $2 AND person_key = $3 ORDER BY time`,
        args,
      ),
      this.db.query(
        `SELECT time, event_name, value::float8 AS value, currency, credited_source FROM conversion
         WHERE workspace_id = $1 AND page_id = $2 AND person_key = $3 ORDER BY time`,
        args,
      ),
      this.db.query(
        `SELECT time, outcome, error_code FROM send_outcome
         WHERE workspace_id = $1 AND page_id = $2 AND person_key = $3 ORDER BY time`,
        args,
      ),
    ]);
    return {
      ...toRow(row),
      touches: touches.map((t: Record<string, unknown>) => ({
        time: (t['time'] as Date).toISOString(),
        source: t['source'] as string,
        ref: (t['ref'] as string | null) ?? null,
        adId: (t['ad_id'] as string | null) ?? null,
        opensThread: t['opens_thread'] as boolean,
      })),
      conversionsList: conversions.map((v: Record<string, unknown>) => ({
        time: (v['time'] as Date).toISOString(),
        event: v['event_name'] as string,
        value: (v['value'] as number | null) ?? null,
        currency: (v['currency'] as string | null) ?? null,
        creditedSource: (v['credited_source'] as string | null) ?? null,
      })),
      sendOutcomes: outcomes.map((o: Record<string, unknown>) => ({
        time: (o['time'] as Date).toISOString(),
        outcome: o['outcome'] as string,
        errorCode: (o['error_code'] as number | null) ?? null,
      })),
    };
  }
}

function parseCursor(cursor: string): { at: string; pageId: string; personKey: string } {
  try {
    const [at, pageId, personKey] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as string[];
    if (!at || Number.isNaN(Date.parse(at)) || !pageId || !personKey) throw new Error('bad');
    return { at, pageId, personKey };
  } catch {
    throw new BadRequestException('cursor: is not a cursor this API gave: pass nextCursor as it came.');
  }
}

function toRow(r: Record<string, unknown>): ContactRow {
  const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : null);
  return {
    id: encodeId(r['page_id'] as string, r['person_key'] as string),
    pageId: r['page_id'] as string,
    psid: (r['psid'] as string | null) ?? null,
    firstSeenAt: iso(r['first_seen_at'])!,
    source: r['first_source'] as string,
    ref: (r['first_ref'] as string | null) ?? null,
    adId: (r['first_ad_id'] as string | null) ?? null,
    campaignId: (r['campaign_id'] as string | null) ?? null,
    inboundMessages: r['inbound_messages'] as number,
    lastInboundAt: iso(r['last_inbound_at']),
    reachability: r['reachability'] as string,
    unreachableAt: iso(r['unreachable_at']),
    conversions: r['conversions'] as number,
  };
}

/** A user's text matched literally by LIKE: its wildcards escaped. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
