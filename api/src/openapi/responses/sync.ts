import type { AdAccountStatus } from '@ctm/domain';
import { z } from 'zod';
import type { SyncRun } from '../../ads-sync/sync-runs.repository.js';
import { responseDoc } from '../api-doc.decorator.js';
import { dateTime, day } from './common.js';
import { describes } from '../zod-schema.js';

const status = z.enum(['queued', 'running', 'succeeded', 'failed']);
const run = describes<SyncRun>()(
  z.object({
    id: z.uuid(),
    workspaceId: z.uuid(),
    accountId: z.string(),
    kind: z.enum(['hourly', 'daily', 'backfill']),
    since: day,
    until: day,
    status,
    requests: z.number().int(),
    rowsWritten: z.number().int(),
    daysTotal: z.number().int(),
    daysDone: z.number().int(),
    doneUntil: day
      .nullable()
      .meta({ description: 'Every day up to this one is stored; a resumed run starts after it.' }),
    error: z.string().nullable(),
    createdAt: dateTime,
    startedAt: dateTime.nullable(),
    finishedAt: dateTime.nullable(),
  }),
);
const runExample = {
  id: '5d1f8a2e-3b4c-4d5e-8f6a-7b8c9d0e1f2a',
  workspaceId: '06e568ec-d097-4bb4-b83f-541f7c433eda',
  accountId: 'act_1234567890',
  kind: 'backfill' as const,
  since: '2026-09-01',
  until: '2026-11-24',
  status: 'running' as const,
  requests: 12,
  rowsWritten: 5400,
  daysTotal: 85,
  daysDone: 40,
  doneUntil: '2026-10-10',
  error: null,
  createdAt: '2026-11-25T09:00:00.000Z',
  startedAt: '2026-11-25T09:00:01.000Z',
  finishedAt: null,
};

export const startedSyncResponse = responseDoc(
  z.object({ runId: z.uuid(), status }),
  { runId: runExample.id, status: 'queued' },
  'The backfill is queued: follow it at GET /api/sync/runs/{id}.',
);
export const syncRunsResponse = responseDoc(z.array(run), [runExample], 'Sync runs, newest first.');
export const syncRunResponse = responseDoc(run, runExample, 'The sync run and its progress.');

export const adAccountsResponse = responseDoc(
  z.array(
    describes<AdAccountStatus>()(
      z.object({
        workspaceId: z.uuid(),
        id: z.string(),
        name: z.string().nullable(),
        currency: z.string().nullable(),
        timezoneName: z.string().nullable(),
        connectionStatus: z
          .enum(['ok', 'token_invalid', 'error'])
          .meta({ description: 'token_invalid: Meta refused the token, reconnect.' }),
        connectionError: z.string().nullable(),
        structureSyncedAt: dateTime.nullable(),
        insightsSyncedAt: dateTime.nullable(),
      }),
    ),
  ),
  [
    {
      workspaceId: runExample.workspaceId,
      id: 'act_1234567890',
      name: 'Acme ads',
      currency: 'EUR',
      timezoneName: 'Europe/Madrid',
      connectionStatus: 'ok',
      connectionError: null,
      structureSyncedAt: '2026-11-25T08:00:00.000Z',
      insightsSyncedAt: '2026-11-25T08:00:05.000Z',
    },
  ],
  'The connected ad accounts, their connection status and last syncs.',
);
