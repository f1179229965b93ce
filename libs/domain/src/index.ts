export type { HealthStatus } from './health.js';
export type { AdAccountStatus, AdAccountSummary, ConnectionStatus } from './sync.js';
