import { Inject, Injectable, Logger } from '@nestjs/common';
import { formatChange, formatFigure } from '@ctm/reports';
import { CLOCK } from '../meta/clock.provider.js';
import type { Clock } from '../meta/clock.js';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport.provider.js';
import { ReportsRepository, type ClaimedDelivery } from './reports.repository.js';
import { renderReport } from './reports.service.js';

/** Attempts before a delivery is marked failed: after 1, 2, 4, 8 minutes, then an hour. */
export const DELIVERY_BACKOFF_MS = [60_000, 120_000, 240_000, 480_000, 3_600_000];
/** A delivery claimed this long ago by an instance that never answered is due again. */
const CLAIM_STALE_MS = 10 * 60_000;

/**
 * E-mails weekly reports, PDF attached, to the workspace's recipients; a failed send is retried
 * with growing waits and, after the last, marked failed: both shown in the report's history.
 */
@Injectable()
export class ReportMailer {
  private readonly logger = new Logger(ReportMailer.name);

  constructor(
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport | null,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly repo: ReportsRepository,
  ) {}

  /** Sends every delivery due at `now` (claimed, so two instances never send the same one). */
  async deliverDue(now = new Date(this.clock.now())): Promise<number> {
    if (!this.transport) return 0;
    let sent = 0;
    for (const delivery of await this.repo.claimDeliveries(now, CLAIM_STALE_MS))
      if (await this.deliver(this.transport, delivery, now)) sent++;
    return sent;
  }

  private async deliver(transport: MailTransport, d: ClaimedDelivery, now: Date): Promise<boolean> {
    try {
      const report = await this.repo.get(d.workspaceId, d.reportId);
      if (!report?.content) throw new Error('the report has no content');
      const c = report.content;
      const pdf = await renderReport(c, 'pdf');
      const headline = c.headline.observed
        .map((f) => `${f.label}: ${formatFigure(f.value, f.unit)} (${formatChange(f.relativeChange)})`)
        .concat(
          c.headline.byCurrency.flatMap((g) =>
            g.figures
              .filter((f) => f.id === 'spend' || f.id === 'costPerNewContact')
              .map(
                (f) => `${f.label}: ${formatFigure(f.value, f.unit, g.currency)} (${formatChange(f.relativeChange)})`,
              ),
          ),
        );
      await transport.send({
        to: d.recipients,
        subject: `${c.workspace.name}: weekly report ${c.week ?? `${c.range.from} to ${c.range.to}`}`,
        text: [
          `The weekly report of ${c.workspace.name} for ${c.range.from} to ${c.range.to} (${c.workspace.timeZone}), against the week before, is attached.`,
          '',
          ...headline,
          '',
          `Generated at ${c.generatedAt}.`,
        ].join('\n'),
        attachments: [{ filename: pdf.fileName, content: pdf.body, contentType: pdf.contentType }],
      });
      await this.repo.delivered(d.reportId, now);
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const wait = DELIVERY_BACKOFF_MS[d.attempts - 1];
      const retryAt = wait === undefined ? null : new Date(now.getTime() + wait);
      // the transport's errors name the server and its answer, never the password
      this.logger.warn(
        `e-mail of report ${d.reportId} failed (attempt ${d.attempts}): ${message}; ${retryAt ? `retrying at ${retryAt.toISOString()}` : 'giving up'}`,
      );
      await this.repo.deliveryFailed(d.reportId, message, retryAt);
      return false;
    }
  }
}
