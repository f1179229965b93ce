import { invalidParam } from './errors.js';
import { jsonParam, type Params } from './request.js';

export type FilterRule = { field: string; operator: string; value: unknown };

/** Reads a row's value for a filter field such as `effective_status`, `campaign.id`, `spend`. */
export type FieldLookup<T> = (row: T, field: string) => unknown;

const OPERATORS = new Set([
  'EQUAL',
  'NOT_EQUAL',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL',
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL',
  'IN_RANGE',
  'NOT_IN_RANGE',
  'CONTAIN',
  'NOT_CONTAIN',
  'IN',
  'NOT_IN',
  'ANY',
  'ALL',
  'NONE',
]);

/** Parses Graph's `filtering` param: a JSON array of `{field, operator, value}`. */
export function filterRules(params: Params): FilterRule[] {
  const raw = jsonParam(params, 'filtering');
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw invalidParam('Filtering must be an array of filter objects');
  return raw.map((rule: unknown, i) => {
    const r = (rule ?? {}) as Partial<FilterRule>;
    if (typeof r.field !== 'string' || typeof r.operator !== 'string' || !('value' in r))
      throw invalidParam(`Filtering field ${i} must have field, operator and value`);
    if (!OPERATORS.has(r.operator))
      throw invalidParam(`Filtering operator must be one of ${[...OPERATORS].join(', ')}; got ${r.operator}`);
    return { field: r.field, operator: r.operator, value: r.value };
  });
}

export function matchesAll<T>(row: T, rules: FilterRule[], lookup: FieldLookup<T>): boolean {
  return rules.every((rule) => matches(lookup(row, rule.field), rule));
}

function matches(actual: unknown, { operator, value }: FilterRule): boolean {
  const list = Array.isArray(value) ? value.map(String) : [String(value)];
  const text = actual === undefined || actual === null ? '' : String(actual);
  const num = Number(actual);
  switch (operator) {
    case 'EQUAL':
      return text === String(value);
    case 'NOT_EQUAL':
      return text !== String(value);
    case 'GREATER_THAN':
      return num > Number(value);
    case 'GREATER_THAN_OR_EQUAL':
      return num >= Number(value);
    case 'LESS_THAN':
      return num < Number(value);
    case 'LESS_THAN_OR_EQUAL':
      return num <= Number(value);
    case 'IN_RANGE':
      return num >= Number(list[0]) && num <= Number(list[1]);
    case 'NOT_IN_RANGE':
      return !(num >= Number(list[0]) && num <= Number(list[1]));
    case 'CONTAIN':
      return text.toLowerCase().includes(String(value).toLowerCase());
    case 'NOT_CONTAIN':
      return !text.toLowerCase().includes(String(value).toLowerCase());
    case 'IN':
    case 'ANY':
      return list.includes(text);
    case 'NOT_IN':
    case 'NONE':
      return !list.includes(text);
    default:
      return list.every((v) => v === text);
  }
}
