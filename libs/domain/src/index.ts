export type { HealthStatus } from './health.js';
