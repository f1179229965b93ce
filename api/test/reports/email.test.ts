import type { AddressInfo } from 'node:net';
import { SchedulerRegistry } from '@nestjs/schedule';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportMailer } from '../../src/reports/report-mailer.service.js';
import { seedTwoCurrencies } from '../metrics/seed.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-database.js';
import { startTestApp, type RunningApp } from '../support/test-app.js';
import { pdfText } from './files.js';

const SECRET = 'email-secret';
const PAGE = '104857600000024';
const PASSWORD = 's3cret-smtp-pass';

type Mail = { from: string; to: string[]; raw: string };
type Delivery = {
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  recipients: string[];
};

/** A local mail server that wants a login, and fails the next `failures` messages with a temporary error. */
async function startMailServer() {
  const mails: Mail[] = [];
  const state = { failures: 0 };
  const server = new SMTPServer({
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, done) =>
      auth.username === 'mailer' && auth.password === PASSWORD
        ? done(null, { user: 'mailer' })
        : done(new Error('Invalid login')),
    onData: (stream, session, done) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (state.failures > 0) {
          state.failures--;
          return done(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
        }
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { mails, state, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The base64 body of the MIME part with this content type. */
function attachment(raw: string, type: string): Buffer {
  const part = raw.split(/\r?\n--/).find((p) => p.includes(`Content-Type: ${type}`));
  if (!part) throw new Error(`no ${type} part`);
  const body = part
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('')
    .replace(/\s+/g, '');
  return Buffer.from(body, 'base64');
}

describe.each(databaseKinds)('weekly reports by e-mail on %s', (kind) => {
  let db: TestDatabase;
  let running: RunningApp;
  let mail: Awaited<ReturnType<typeof startMailServer>>;

  const makeWeek = async (week: string) => {
    const res = await running.api('/api/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ week }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };
  const delivery = async (id: string) =>
    ((await (await running.api(`/api/reports/${id}`)).json()) as { delivery: Delivery | null }).delivery;
  const mailer = () => running.app.get(ReportMailer);

  beforeAll(async () => {
    mail = await startMailServer();
    db = await createTestDatabase(kind);
    running = await startTestApp(db.url, {
      META_APP_SECRET: SECRET,
      META_PAGE_IDS: PAGE,
      SMTP_URL: `smtp://mailer:${PASSWORD}@127.0.0.1:${mail.port}?from=reports@casa.example&tls=off`,
    });
    running.app.get(SchedulerRegistry).deleteCronJob('reports-weekly');
    await seedTwoCurrencies(running, PAGE, SECRET);
    await running.sql.query(`UPDATE workspace SET name = 'Casa Verde Plants' WHERE slug = 'default'`);
    const put = await running.api('/api/reports/settings', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        weeklyEnabled: true,
        weeklyTime: '06:00',
        recipients: ['ana@example.com', 'ben@example.com'],
      }),
    });
    expect(put.status).toBe(200);
  });
  afterAll(async () => {
    await running?.close();
    await db?.drop();
    await mail?.close();
  });

  it('sends a weekly report to the recipients with its PDF attached, and shows it sent', async () => {
    const id = await makeWeek('2026-W45');
    expect(await delivery(id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      recipients: ['ana@example.com', 'ben@example.com'],
    });
    expect(await mailer().deliverDue()).toBe(1);
    expect(mail.mails).toHaveLength(1);
    const [sent] = mail.mails;
    expect(sent!.from).toBe('reports@casa.example');
    expect(sent!.to).toEqual(['ana@example.com', 'ben@example.com']);
    expect(sent!.raw).toContain('Subject: Casa Verde Plants: weekly report 2026-W45');
    expect(sent!.raw).toMatch(/filename="?default-report-2026-W45\.pdf"?/);
    const pdf = attachment(sent!.raw, 'application/pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text } = await pdfText(new Uint8Array(pdf).buffer);
    expect(text).toContain('Casa Verde Plants | 2026-11-02 to 2026-11-08');
    expect(await delivery(id)).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    // sent once: nothing more to send
    expect(await mailer().deliverDue()).toBe(0);
  });

  it('retries a failed send after a wait, showing the failure meanwhile, never the password', async () => {
    mail.state.failures = 1;
    const id = await makeWeek('2026-W44');
    const before = mail.mails.length;
    expect(await mailer().deliverDue()).toBe(0);
    const failed = (await delivery(id))!;
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed.lastError).toContain('Mailbox busy');
    expect(failed.lastError).not.toContain(PASSWORD);
    const retryAt = Date.parse(failed.nextAttemptAt!);
    expect(retryAt - Date.now()).toBeGreaterThan(30_000);
    // not before its time
    expect(await mailer().deliverDue()).toBe(0);
    expect(await mailer().deliverDue(new Date(retryAt + 1))).toBe(1);
    expect(mail.mails.length).toBe(before + 1);
    expect(await delivery(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('after the last retry the send is marked failed with the reason, in the history', async () => {
    mail.state.failures = 100;
    const id = await makeWeek('2026-W43');
    let at = Date.now();
    for (let attempt = 1; attempt <= 6; attempt++) {
      await mailer().deliverDue(new Date(at));
      const d = (await delivery(id))!;
      expect(d.attempts).toBe(attempt);
      if (d.nextAttemptAt) at = Date.parse(d.nextAttemptAt) + 1;
    }
    const list = (await (await running.api('/api/reports')).json()) as {
      reports: { id: string; delivery: Delivery }[];
    };
    const shown = list.reports.find((r) => r.id === id)!.delivery;
    expect(shown).toMatchObject({ status: 'failed', attempts: 6, nextAttemptAt: null });
    expect(shown.lastError).toContain('Mailbox busy');
    expect(await mailer().deliverDue(new Date(at + 86_400_000))).toBe(0);
  });
});
