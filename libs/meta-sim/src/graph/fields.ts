import { nonexistingField } from './errors.js';
import { listParam, type Params } from './request.js';

/** How to read each Graph field of a node type; a field whose getter gives `undefined` is omitted, as Graph does. */
export type FieldGetters<T> = Record<string, (object: T) => unknown>;

/** Picks the requested `fields` (or the defaults), failing like Graph on a field the node type lacks. */
export function pickFields<T>(
  object: T,
  getters: FieldGetters<T>,
  params: Params,
  nodeType: string,
  defaults: string[] = ['id'],
): Record<string, unknown> {
  const requested = listParam(params, 'fields') ?? defaults;
  const out: Record<string, unknown> = {};
  for (const expr of requested) {
    // `creative{id,name}` and `insights.limit(1)` style expansions: we serve the bare field
    const field = expr.replace(/[{.(].*$/, '');
    const getter = getters[field];
    if (!getter) throw nonexistingField(field, nodeType);
    const value = getter(object);
    if (value !== undefined) out[field] = value;
  }
  if (!('id' in out) && getters['id']) out['id'] = getters['id'](object);
  return out;
}

/** Checks the fields up front, so an edge with a bad field fails even when it is empty. */
export function checkFields<T>(getters: FieldGetters<T>, params: Params, nodeType: string): void {
  for (const expr of listParam(params, 'fields') ?? []) {
    const field = expr.replace(/[{.(].*$/, '');
    if (!getters[field]) throw nonexistingField(field, nodeType);
  }
}
