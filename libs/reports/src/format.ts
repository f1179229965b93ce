import type { MetricUnit } from '@ctm/metrics';

/** A table cell's unit: a metric's, or text and days. */
export type CellUnit = MetricUnit | 'text' | 'day' | 'datetime';

/** What a printed report shows for a figure that does not exist (a rate over zero contacts). */
export const NO_VALUE = '–';

const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const multiple = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * A figure as the printed report writes it (PDF): counts with thousands separators, money with two
 * decimals after its currency code, rates as percentages, durations in the largest sensible unit.
 */
export function formatFigure(value: number | string | null, unit: CellUnit, currency?: string | null): string {
  if (value === null || value === '') return NO_VALUE;
  if (typeof value === 'string') return value;
  switch (unit) {
    case 'count':
      return counts.format(value);
    case 'money':
      return currency ? `${currency} ${money.format(value)}` : money.format(value);
    case 'ratio':
      return percent.format(value);
    case 'multiple':
      return `${multiple.format(value)}x`;
    case 'duration_ms':
      return formatDuration(value);
    case 'text':
    case 'day':
    case 'datetime':
      return String(value);
  }
}

/** A duration in ms: seconds under two minutes, minutes under two hours, then hours. */
export function formatDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

/** A relative change as a signed percentage; none when there is nothing to compare with. */
export function formatChange(relativeChange: number | null): string {
  if (relativeChange === null) return NO_VALUE;
  if (relativeChange === 0) return 'no change';
  return `${relativeChange > 0 ? '+' : '-'}${percent.format(Math.abs(relativeChange))}`;
}

/** Excel's number format for a unit; money carries its currency code so it stays a number, not text. */
export function excelFormat(unit: CellUnit, currency?: string | null): string | undefined {
  switch (unit) {
    case 'count':
      return '#,##0';
    case 'money':
      return currency ? `#,##0.00 "${currency.replace(/"/g, '')}"` : '#,##0.00';
    case 'ratio':
      return '0.0%';
    case 'multiple':
      return '0.00"x"';
    case 'duration_ms':
      return '#,##0';
    case 'text':
    case 'day':
    case 'datetime':
      return undefined;
  }
}
