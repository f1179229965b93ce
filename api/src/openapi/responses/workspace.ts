import { z } from 'zod';
import type { WorkspaceSettings, WorkspaceUpdate } from '../../workspaces/workspace-settings.service.js';
import { responseDoc } from '../api-doc.decorator.js';
import { describes } from '../zod-schema.js';

const settings = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  timeZone: z.string().meta({ description: 'Messenger figures’ days are in this time zone.' }),
  blockRateThreshold: z.number().meta({ description: 'Block rate over which /api/alerts warns.' }),
  blockRateMinContacts: z
    .number()
    .int()
    .meta({ description: 'Fewest new contacts before a block rate can raise an alert.' }),
  attributionModel: z.enum(['first_touch', 'last_touch']).meta({
    description:
      'first_touch credits a conversion to the touch that opened the conversation; last_touch to the latest touch before it.',
  }),
  attributionWindowDays: z
    .number()
    .int()
    .meta({ description: 'A touch earns the credit only if it lies at most this many days before the conversion.' }),
  recomputing: z.boolean().meta({
    description: 'True while the figures are recomputed after a time-zone or attribution change (on this instance).',
  }),
});

const example = {
  id: '06e568ec-d097-4bb4-b83f-541f7c433eda',
  slug: 'default',
  name: 'Acme',
  timeZone: 'Europe/Madrid',
  blockRateThreshold: 0.05,
  blockRateMinContacts: 30,
  attributionModel: 'first_touch' as const,
  attributionWindowDays: 7,
  recomputing: false,
};

export const workspaceSettingsResponse = responseDoc(
  describes<WorkspaceSettings>()(settings),
  example,
  'The workspace’s settings.',
);

export const workspaceUpdateResponse = responseDoc(
  describes<WorkspaceUpdate>()(
    settings.extend({
      notice: z.string().nullable().meta({
        description: 'When the change recomputes the figures, a sentence saying what is recomputed; null otherwise.',
      }),
    }),
  ),
  { ...example, notice: null },
  'The workspace’s settings after the change.',
);
