import type { AttributionModel, ConversionInput, Touch } from './types.js';

function byTimeThenEvent(a: Touch, b: Touch): number {
  return a.time - b.time || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

/**
 * The touch credited with a conversion. The window applies to both models (use Infinity for none):
 * first_touch credits the touch that opened the thread if it lies within the window before the conversion;
 * last_touch credits the latest touch at or before the conversion within the window.
 */
export function attributeConversion(
  conversion: ConversionInput,
  touches: readonly Touch[],
  model: AttributionModel,
): Touch | undefined {
  const sorted = [...touches].sort(byTimeThenEvent);
  const qualifies = (t: Touch): boolean => t.time <= conversion.time && conversion.time - t.time <= model.windowMs;
  if (model.kind === 'last_touch') return sorted.filter(qualifies).at(-1);
  // a caller may pass touches without the flag set: the earliest one opened the thread then
  const opening = sorted.find((t) => t.opensThread) ?? sorted[0];
  return opening && qualifies(opening) ? opening : undefined;
}
