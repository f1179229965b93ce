export type * from './types.js';
export { createWorld } from './world/create-world.js';
export { ACTION_TYPES } from './world/ad-day.js';
export * as metaRules from './world/meta-rules.js';
