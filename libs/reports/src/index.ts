export * from './weeks.js';
export * from './content.js';
export * from './assemble.js';
export * from './format.js';
export * from './tables.js';
export * from './schedule.js';
