import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPage } from '../../src/messenger/messenger-pages.bootstrap.js';
import { memberHeaders, startTestApp, tokenHeaders, type RunningApp } from '../support/test-app.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';
import { decodePng, decodeQrSvg } from './qr-decode.js';

const PAGE_A = '104857600000031';
const PAGE_A2 = '104857600000032';
const PAGE_B = '104857600000041';

type Link = {
  id: string;
  pageId: string;
  pageName: string | null;
  ref: string;
  label: string;
  campaignTag: string | null;
  note: string | null;
  url: string;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
};

describe.each(databaseKinds)('registered ref links (/api/links) on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  const as: Record<string, Record<string, string>> = {};
  const call = (who: Record<string, string>, path: string, method = 'GET', body?: unknown) =>
    fetch(`${running.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...who },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const create = async (who: Record<string, string>, body: object): Promise<Link> => {
    const res = await call(who, '/api/links', 'POST', body);
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as Link;
  };
  const refusal = async (res: Response) => ({
    status: res.status,
    message: ((await res.json()) as { message: string }).message,
  });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url);
    for (const [slug, pages] of [
      ['links-a', [{ pageId: PAGE_A, name: 'Casa Verde', username: 'casaverde' }, { pageId: PAGE_A2 }]],
      ['links-b', [{ pageId: PAGE_B, name: 'Other shop', username: 'othershop' }]],
    ] as const) {
      const [{ id }] = await running.sql.query(`INSERT INTO workspace (slug, name) VALUES ($1, $1) RETURNING id`, [
        slug,
      ]);
      for (const page of pages) await connectPage(running.sql, id, page);
    }
    for (const role of ['owner', 'analyst', 'viewer'] as const)
      as[role] = await memberHeaders(running.app, { workspace: 'links-a', role });
    as.ownerB = await memberHeaders(running.app, { workspace: 'links-b', role: 'owner' });
    const { tokenId: _, ...read } = await tokenHeaders(running.app, { workspace: 'links-a', scope: 'read' });
    as.readToken = read;
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });

  it('registers a link with its m.me URL, lists it, changes it and deletes it, each write audited', async () => {
    const link = await create(as.analyst!, {
      pageId: PAGE_A,
      ref: 'spring_poster-2026=a',
      label: '  Poster in the shop window ',
      campaignTag: 'spring-2026',
    });
    expect(link).toMatchObject({
      pageId: PAGE_A,
      pageName: 'Casa Verde',
      ref: 'spring_poster-2026=a',
      label: 'Poster in the shop window',
      campaignTag: 'spring-2026',
      note: null,
      url: 'https://m.me/casaverde?ref=spring_poster-2026=a',
      createdBy: 'analyst@links-a.test',
    });
    const list = (await (await call(as.viewer!, '/api/links')).json()) as Link[];
    expect(list).toEqual([link]);

    // a page with no known username: the link opens it by id
    const byId = await create(as.owner!, { pageId: PAGE_A2, ref: 'flyer', label: 'Flyer' });
    expect(byId).toMatchObject({ pageName: null, url: `https://m.me/${PAGE_A2}?ref=flyer` });

    const patched = await call(as.analyst!, `/api/links/${link.id}`, 'PATCH', {
      note: 'Printed 200',
      campaignTag: null,
    });
    expect(patched.status).toBe(200);
    const changed = (await patched.json()) as Link;
    expect(changed).toMatchObject({ label: 'Poster in the shop window', note: 'Printed 200', campaignTag: null });
    expect(Date.parse(changed.updatedAt)).toBeGreaterThanOrEqual(Date.parse(link.updatedAt));
    // the same ref on another page of the workspace is another link
    const moved = await call(as.analyst!, `/api/links/${byId.id}`, 'PATCH', { ref: 'spring_poster-2026=a' });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as Link).url).toBe(`https://m.me/${PAGE_A2}?ref=spring_poster-2026=a`);

    const removed = await call(as.analyst!, `/api/links/${byId.id}`, 'DELETE');
    expect(removed.status).toBe(200);
    expect(((await removed.json()) as Link).id).toBe(byId.id);
    expect(((await (await call(as.viewer!, '/api/links')).json()) as Link[]).map((l) => l.id)).toEqual([link.id]);
    expect((await call(as.analyst!, `/api/links/${byId.id}`, 'DELETE')).status).toBe(404);

    const audit = (await (await call(as.owner!, '/api/audit')).json()) as {
      action: string;
      actor: string;
      detail: object;
    }[];
    expect(audit.filter((e) => e.action.startsWith('link.')).map((e) => e.action)).toEqual([
      'link.deleted',
      'link.updated',
      'link.updated',
      'link.created',
      'link.created',
    ]);
    expect(audit.find((e) => e.action === 'link.updated')).toMatchObject({
      actor: 'analyst@links-a.test',
      detail: { ref: { from: 'flyer', to: 'spring_poster-2026=a' } },
    });
  });

  it('refuses bad input with a sentence naming the parameter', async () => {
    const base = { pageId: PAGE_A, ref: 'newsletter', label: 'Newsletter' };
    const cases: [object, string][] = [
      [
        { ...base, ref: 'spring sale' },
        'ref: may contain only letters, digits, -, _ and = (Meta’s rule for m.me refs)',
      ],
      [{ ...base, ref: 'été' }, 'ref: may contain only letters, digits, -, _ and = (Meta’s rule for m.me refs)'],
      [{ ...base, ref: 'a'.repeat(2084) }, 'ref: must be at most 2083 characters (Meta’s limit)'],
      [{ ...base, ref: '' }, 'ref: must not be empty'],
      [{ pageId: PAGE_A, ref: 'x' }, 'label: is required: a name people recognise, e.g. "Poster in the shop window"'],
      [{ ...base, label: '   ' }, 'label: must not be empty'],
      [{ ...base, pageId: 'casaverde' }, 'pageId: must be a numeric Facebook page id'],
      [{ ...base, color: 'red' }, 'Unrecognized key: "color"'],
    ];
    for (const [body, message] of cases)
      expect(
        await refusal(await call(as.owner!, '/api/links', 'POST', body)),
        JSON.stringify(body).slice(0, 80),
      ).toEqual({
        status: 400,
        message,
      });
    // the longest ref Meta accepts is fine
    expect((await call(as.owner!, '/api/links', 'POST', { ...base, ref: 'a'.repeat(2083) })).status).toBe(201);

    const link = await create(as.owner!, base);
    expect(await refusal(await call(as.owner!, '/api/links', 'POST', { ...base, label: 'Again' }))).toEqual({
      status: 409,
      message: `ref: page ${PAGE_A} already has a link with the ref newsletter: edit that link, or choose another ref.`,
    });
    const other = await create(as.owner!, { ...base, ref: 'newsletter_b' });
    expect(
      (await refusal(await call(as.owner!, `/api/links/${other.id}`, 'PATCH', { ref: 'newsletter' }))).status,
    ).toBe(409);
    expect(await refusal(await call(as.owner!, `/api/links/${link.id}`, 'PATCH', {}))).toEqual({
      status: 400,
      message: 'the body must change at least one of pageId, ref, label, campaignTag and note',
    });
    expect(await refusal(await call(as.owner!, '/api/links/not-an-id', 'PATCH', { label: 'x' }))).toEqual({
      status: 400,
      message: 'id must be a link id (a UUID)',
    });
    expect(await refusal(await call(as.owner!, '/api/links', 'POST', { ...base, pageId: '999' }))).toEqual({
      status: 404,
      message: 'pageId: 999 is not a page of this workspace.',
    });
  });

  it("keeps each workspace's links to itself: another workspace's link or page is not found", async () => {
    const ofB = await create(as.ownerB!, { pageId: PAGE_B, ref: 'tenant_b_ref', label: 'B only' });
    for (const [method, path, body] of [
      ['PATCH', `/api/links/${ofB.id}`, { label: 'taken over' }],
      ['DELETE', `/api/links/${ofB.id}`, undefined],
      ['GET', `/api/links/${ofB.id}/qr.png`, undefined],
      ['GET', `/api/links/${ofB.id}/qr.svg`, undefined],
    ] as const)
      expect((await call(as.owner!, path, method, body)).status, `${method} ${path}`).toBe(404);
    expect(await (await call(as.owner!, '/api/links')).text()).not.toContain('tenant_b_ref');
    expect(await (await call(as.owner!, '/api/links/pages')).text()).not.toContain(PAGE_B);
    const intoB = await call(as.owner!, '/api/links', 'POST', { pageId: PAGE_B, ref: 'sneaky', label: 'x' });
    expect(intoB.status).toBe(404);
    // B's link is untouched, and the same page+ref in another workspace would be no conflict
    expect((await (await call(as.ownerB!, '/api/links')).json()) as Link[]).toEqual([ofB]);
  });

  it('lets viewers and read tokens read, and only analysts and above write', async () => {
    const link = await create(as.analyst!, { pageId: PAGE_A, ref: 'roles_check', label: 'Roles' });
    for (const who of [as.viewer!, as.readToken!]) {
      expect((await call(who, '/api/links')).status).toBe(200);
      expect((await call(who, '/api/links/pages')).status).toBe(200);
      expect((await call(who, `/api/links/${link.id}/qr.svg`)).status).toBe(200);
      expect((await call(who, '/api/links', 'POST', { pageId: PAGE_A, ref: 'v', label: 'v' })).status).toBe(403);
      expect((await call(who, `/api/links/${link.id}`, 'PATCH', { label: 'v' })).status).toBe(403);
      expect((await call(who, `/api/links/${link.id}`, 'DELETE')).status).toBe(403);
    }
    expect((await call({}, '/api/links')).status).toBe(401);
    const pages = (await (await call(as.viewer!, '/api/links/pages')).json()) as { id: string; url: string }[];
    expect(pages).toEqual([
      { id: PAGE_A, name: 'Casa Verde', username: 'casaverde', url: 'https://m.me/casaverde' },
      { id: PAGE_A2, name: null, username: null, url: `https://m.me/${PAGE_A2}` },
    ]);
  });

  it('draws a QR code that reads back as the link, as a PNG and as well-formed SVG attachments', async () => {
    const link = await create(as.owner!, { pageId: PAGE_A, ref: 'qr_store_window', label: 'Store window' });
    const png = await call(as.viewer!, `/api/links/${link.id}/qr.png`);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('content-disposition')).toBe('attachment; filename="casaverde-qr_store_window-qr.png"');
    expect(decodePng(Buffer.from(await png.arrayBuffer()))).toBe('https://m.me/casaverde?ref=qr_store_window');

    const svg = await call(as.viewer!, `/api/links/${link.id}/qr.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(svg.headers.get('content-disposition')).toBe('attachment; filename="casaverde-qr_store_window-qr.svg"');
    const text = await svg.text();
    const parser = new SaxesParser({ xmlns: true });
    const elements: string[] = [];
    parser.on('opentag', (tag) => elements.push(tag.local));
    parser.write(text).close(); // throws on anything not well-formed
    expect(elements[0]).toBe('svg');
    expect(decodeQrSvg(text)).toBe('https://m.me/casaverde?ref=qr_store_window');

    // a long ref still fits (error correction falls back from Q to M)
    const long = await create(as.owner!, { pageId: PAGE_A, ref: `x${'y'.repeat(1800)}`, label: 'Long' });
    const longPng = await call(as.owner!, `/api/links/${long.id}/qr.png`);
    expect(longPng.status).toBe(200);
    expect(decodePng(Buffer.from(await longPng.arrayBuffer()))).toBe(long.url);
  });
});
