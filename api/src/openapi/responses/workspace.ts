import { z } from 'zod';
import type { WorkspaceSettings } from '../../workspaces/workspace-settings.service.js';
import { responseDoc } from '../api-doc.decorator.js';
import { describes } from '../zod-schema.js';

export const workspaceSettingsResponse = responseDoc(
  describes<WorkspaceSettings>()(
    z.object({
      id: z.uuid(),
      slug: z.string(),
      name: z.string(),
      timeZone: z.string().meta({ description: 'Messenger figures’ days are in this time zone.' }),
      blockRateThreshold: z.number().meta({ description: 'Block rate over which /api/alerts warns.' }),
      blockRateMinContacts: z
        .number()
        .int()
        .meta({ description: 'Fewest new contacts before a block rate can raise an alert.' }),
    }),
  ),
  {
    id: '06e568ec-d097-4bb4-b83f-541f7c433eda',
    slug: 'default',
    name: 'Acme',
    timeZone: 'Europe/Madrid',
    blockRateThreshold: 0.05,
    blockRateMinContacts: 30,
  },
  'The workspace’s settings.',
);
