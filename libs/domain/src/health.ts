/** The answer of GET /api/health, read by the dashboard's status line and by load balancers. */
export type HealthStatus = {
  status: 'ok' | 'unavailable';
  db: 'ok' | 'down';
  version: string;
};
