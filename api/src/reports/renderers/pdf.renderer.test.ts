import { compare } from '@ctm/metrics';
import { assembleReport, type ReportSources } from '@ctm/reports';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { renderPdf } from './pdf.renderer.js';

const c = (v: number, p: number) => compare(v, p, 'higher');

/** A report with as many campaigns as asked, each named so that the PDF's text can be searched for it. */
function content(campaigns: number) {
  const sources: ReportSources = {
    workspace: { slug: 'shop', name: 'Casa Verde Plants', timeZone: 'Europe/Berlin' },
    kind: 'weekly',
    week: '2026-W47',
    range: { from: '2026-11-16', to: '2026-11-22' },
    comparison: { from: '2026-11-09', to: '2026-11-15' },
    generatedAt: '2026-11-23T05:00:00.000Z',
    freshness: { lastSyncAt: null, lastWebhookAt: null },
    overview: {
      observed: { newContacts: c(1234, 1000) },
      byCurrency: [{ currency: 'EUR', metrics: { spend: c(987.65, 900) } }],
      series: ['16', '17', '18', '19', '20', '21', '22'].map((d, i) => ({
        day: `2026-11-${d}`,
        newContacts: 100 + i * 10,
        conversions: i,
        spend: { EUR: 100 + i },
      })),
    },
    campaigns: Array.from({ length: campaigns }, (_, i) => ({
      id: `c${i}`,
      name: `Campaign number ${String(i).padStart(3, '0')}`,
      status: 'ACTIVE',
      currency: 'EUR',
      metrics: { spend: c(10 + i, 5), newContacts: c(i, 1), conversionRate: c(i / 100, 0.1) },
    })),
    refLinks: [],
    blockCounts: [],
    blockRateSettings: { threshold: 0.05, minContacts: 30 },
    policy: [],
    reconciliation: { metaConversationsStarted: 0, observedNewContacts: 0, observedReengaged: 0, gap: 0, causes: [] },
  };
  return assembleReport(sources);
}

async function pages(pdf: Buffer): Promise<string[]> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: false });
  return (text as string[]).map((t) => t.replace(/\s+/g, ' '));
}

describe('the PDF', () => {
  it.each([1, 120])('with %s campaigns lists each once, its table header on every page it spans', async (n) => {
    const text = await pages(await renderPdf(content(n)));
    for (let i = 0; i < n; i++) {
      const name = `Campaign number ${String(i).padStart(3, '0')}`;
      // once in the table, and in the conversion-rate chart
      expect(text.join(' ').split(name).length - 1, name).toBe(2);
    }
    const tablePages = text.filter((p) => /Campaign number \d{3} ACTIVE EUR/.test(p));
    expect(tablePages.length).toBeGreaterThanOrEqual(n > 60 ? 3 : 1);
    for (const page of tablePages) expect(page).toContain('Campaign Status Currency Spend Impressions');
  });

  it('stamps the workspace, the days and the generation time on every page, and numbers them', async () => {
    const text = await pages(await renderPdf(content(120)));
    text.forEach((page, i) => {
      expect(page).toContain(
        'Casa Verde Plants | 2026-11-16 to 2026-11-22 (Europe/Berlin) | generated 2026-11-23T05:00:00.000Z',
      );
      expect(page).toContain(`Page ${i + 1} of ${text.length}`);
    });
  });

  it('writes the headline figures as printed, with their change', async () => {
    const [first] = await pages(await renderPdf(content(1)));
    expect(first).toContain('1,234');
    expect(first).toContain('+23.4%');
    expect(first).toContain('EUR 987.65');
  });
});
