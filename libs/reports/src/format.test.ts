import { describe, expect, it } from 'vitest';
import { excelFormat, formatChange, formatFigure, type CellUnit } from './format.js';

describe('formatting a figure for print', () => {
  it.each<[number | string | null, CellUnit, string | null, string]>([
    [1234, 'count', null, '1,234'],
    [1234.5, 'money', 'EUR', 'EUR 1,234.50'],
    [0.1234, 'ratio', null, '12.3%'],
    [1.5, 'multiple', null, '1.50x'],
    [45_000, 'duration_ms', null, '45 s'],
    [600_000, 'duration_ms', null, '10 min'],
    [9_000_000, 'duration_ms', null, '2.5 h'],
    [null, 'ratio', null, '–'],
    ['Spring sale', 'text', null, 'Spring sale'],
  ])('%s as %s (%s) is %s', (value, unit, currency, text) => {
    expect(formatFigure(value, unit, currency)).toBe(text);
  });

  it.each<[number | null, string]>([
    [0.125, '+12.5%'],
    [-0.5, '-50.0%'],
    [0, 'no change'],
    [null, '–'],
  ])('a change of %s is %s', (change, text) => {
    expect(formatChange(change)).toBe(text);
  });

  it.each<[CellUnit, string | null, string | undefined]>([
    ['count', null, '#,##0'],
    ['money', 'USD', '#,##0.00 "USD"'],
    ['ratio', null, '0.0%'],
    ['text', null, undefined],
  ])('Excel formats %s (%s) as %s', (unit, currency, fmt) => {
    expect(excelFormat(unit, currency)).toBe(fmt);
  });
});
