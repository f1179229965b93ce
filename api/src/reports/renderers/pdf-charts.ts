import { formatFigure, type CellUnit } from '@ctm/reports';
import { GREY, INK, RULE, pdfSafe, type Doc } from './pdf-layout.js';

export type Box = { x: number; y: number; w: number; h: number };

/** A round axis maximum at or above the largest value (1, 2, 2.5 or 5 times a power of ten). */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 2.5, 5, 10].find((m) => m * power >= max) ?? 10) * power;
}

/** Title, y-axis with its top and zero labelled in the unit, x labels (days as MM-DD). */
function frame(
  doc: Doc,
  box: Box,
  title: string,
  top: number,
  unit: CellUnit,
  currency: string | null,
  labels: string[],
) {
  doc.font('Helvetica-Bold').fontSize(9).fillColor(INK).text(pdfSafe(title), box.x, box.y, { width: box.w });
  const plot = { x: box.x + 48, y: box.y + 16, w: box.w - 52, h: box.h - 32 };
  doc.font('Helvetica').fontSize(6.5).fillColor(GREY);
  doc.text(formatFigure(top, unit, currency), box.x, plot.y - 3, { width: 44, align: 'right' });
  doc.text(formatFigure(0, unit, currency), box.x, plot.y + plot.h - 4, { width: 44, align: 'right' });
  doc
    .moveTo(plot.x, plot.y)
    .lineTo(plot.x + plot.w, plot.y)
    .lineWidth(0.3)
    .dash(1, { space: 2 })
    .strokeColor(RULE)
    .stroke();
  doc.undash();
  doc
    .moveTo(plot.x, plot.y + plot.h)
    .lineTo(plot.x + plot.w, plot.y + plot.h)
    .lineWidth(0.6)
    .strokeColor(INK)
    .stroke();
  const step = plot.w / Math.max(1, labels.length);
  const every = Math.ceil(labels.length / 10);
  labels.forEach((label, i) => {
    if (i % every !== 0) return;
    doc.text(label.slice(5), plot.x + i * step, plot.y + plot.h + 3, { width: step * every, align: 'left' });
  });
  return { plot, step };
}

/** Vertical bars, one per label: solid dark grey, legible in black and white. */
export function barChart(doc: Doc, box: Box, title: string, labels: string[], values: number[], unit: CellUnit): void {
  const top = niceMax(Math.max(0, ...values));
  const { plot, step } = frame(doc, box, title, top, unit, null, labels);
  values.forEach((v, i) => {
    const h = (v / top) * plot.h;
    doc.rect(plot.x + i * step + step * 0.15, plot.y + plot.h - h, step * 0.7, h).fill('#404040');
  });
}

/** A line with a marker on each day; the currency is in the title and the axis labels. */
export function lineChart(
  doc: Doc,
  box: Box,
  title: string,
  labels: string[],
  values: number[],
  currency: string,
): void {
  const top = niceMax(Math.max(0, ...values));
  const { plot, step } = frame(doc, box, title, top, 'money', currency, labels);
  const points = values.map((v, i) => [plot.x + i * step + step / 2, plot.y + plot.h - (v / top) * plot.h] as const);
  points.forEach(([x, y], i) => (i === 0 ? doc.moveTo(x, y) : doc.lineTo(x, y)));
  doc.lineWidth(1.2).strokeColor(INK).stroke();
  for (const [x, y] of points) doc.rect(x - 1.8, y - 1.8, 3.6, 3.6).fill(INK);
}

/** One horizontal bar per label with its value written at its end: conversion rate by campaign. */
export function horizontalBars(
  doc: Doc,
  box: Box,
  title: string,
  bars: { label: string; value: number | null }[],
  unit: CellUnit,
): number {
  doc.font('Helvetica-Bold').fontSize(9).fillColor(INK).text(pdfSafe(title), box.x, box.y, { width: box.w });
  const rowH = 12;
  const labelW = Math.min(220, box.w * 0.35);
  const barW = box.w - labelW - 60;
  const top = niceMax(Math.max(0, ...bars.map((b) => b.value ?? 0)));
  let y = box.y + 16;
  doc.fontSize(7);
  for (const bar of bars) {
    doc
      .font('Helvetica')
      .fillColor(INK)
      .text(pdfSafe(bar.label), box.x, y + 2, { width: labelW - 6, height: rowH, ellipsis: true, lineBreak: false });
    const w = bar.value === null ? 0 : (bar.value / top) * barW;
    doc.rect(box.x + labelW, y + 1, Math.max(w, 0.5), rowH - 3).fill('#404040');
    doc
      .fillColor(INK)
      .text(formatFigure(bar.value, unit), box.x + labelW + w + 4, y + 2, { width: 56, lineBreak: false });
    y += rowH;
  }
  return y;
}
