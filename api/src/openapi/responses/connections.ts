import { z } from 'zod';
import type { ConnectionView } from '../../connections/connections.repository.js';
import type { ConnectionPreview } from '../../connections/connections.service.js';
import { responseDoc } from '../api-doc.decorator.js';
import { describes } from '../zod-schema.js';
import { dateTime } from './common.js';

const kind = z.enum(['system_user', 'page']);
const page = z.object({ id: z.string(), name: z.string().nullable(), username: z.string().nullable() });

const connection = describes<ConnectionView>()(
  z.object({
    id: z.string().meta({ description: 'A uuid for a stored connection; `configured` or `demo` otherwise.' }),
    origin: z
      .enum(['stored', 'configured', 'demo'])
      .meta({ description: 'stored: connected here; configured (META_ACCESS_TOKEN) and demo are read-only.' }),
    kind,
    tokenLast4: z.string(),
    metaUserId: z.string().nullable(),
    appId: z.string().nullable(),
    scopes: z.array(z.string()),
    expiresAt: dateTime.nullable(),
    status: z
      .enum(['ok', 'expiring', 'invalid', 'unchecked'])
      .meta({ description: 'expiring and invalid come with a sentence in statusDetail.' }),
    statusDetail: z.string().nullable(),
    checkedAt: dateTime.nullable(),
    createdAt: dateTime.nullable(),
    adAccounts: z.array(
      z.object({
        id: z.string(),
        name: z.string().nullable(),
        currency: z.string().nullable(),
        timezone: z.string().nullable(),
        syncStatus: z.string(),
      }),
    ),
    pages: z.array(page),
  }),
);
const connectionExample = {
  id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  origin: 'stored' as const,
  kind: 'system_user' as const,
  tokenLast4: 'ZDZD',
  metaUserId: '100012345678901',
  appId: '123456789012345',
  scopes: ['ads_read', 'pages_messaging', 'pages_manage_metadata'],
  expiresAt: null,
  status: 'ok' as const,
  statusDetail: null,
  checkedAt: '2026-11-25T08:00:00.000Z',
  createdAt: '2026-11-20T09:00:00.000Z',
  adAccounts: [
    { id: 'act_1234567890', name: 'Acme ads', currency: 'EUR', timezone: 'Europe/Madrid', syncStatus: 'ok' },
  ],
  pages: [{ id: '104857600000009', name: 'Acme', username: 'acme' }],
};

export const connectionsResponse = responseDoc(
  z.array(connection),
  [connectionExample],
  'The workspace’s Meta connections and their health.',
);
export const connectionResponse = responseDoc(connection, connectionExample, 'The connection.');

export const connectionPreviewResponse = responseDoc(
  describes<ConnectionPreview>()(
    z.object({
      kind,
      metaUserId: z.string().nullable(),
      appId: z.string().nullable(),
      scopes: z.array(z.string()),
      expiresAt: dateTime.nullable(),
      adAccounts: z.array(
        z.object({
          id: z.string(),
          name: z.string().nullable(),
          currency: z.string().nullable(),
          timezone: z.string().nullable(),
        }),
      ),
      pages: z.array(page),
    }),
  ),
  {
    kind: 'system_user',
    metaUserId: connectionExample.metaUserId,
    appId: connectionExample.appId,
    scopes: connectionExample.scopes,
    expiresAt: null,
    adAccounts: [{ id: 'act_1234567890', name: 'Acme ads', currency: 'EUR', timezone: 'Europe/Madrid' }],
    pages: connectionExample.pages,
  },
  'What the token can see; nothing is stored.',
);
