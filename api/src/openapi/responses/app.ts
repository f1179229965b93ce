import type { HealthStatus } from '@ctm/domain';
import { z } from 'zod';
import type { DemoStatus } from '../../demo/demo.service.js';
import { responseDoc } from '../api-doc.decorator.js';
import { describes } from '../zod-schema.js';

export const healthResponse = responseDoc(
  describes<HealthStatus>()(
    z.object({ status: z.enum(['ok', 'unavailable']), db: z.enum(['ok', 'down']), version: z.string() }),
  ),
  { status: 'ok', db: 'ok', version: '0.1.0' },
  'ok (200), or unavailable (503) while the database is down.',
);

export const demoResponse = responseDoc(
  describes<DemoStatus>()(
    z.discriminatedUnion('enabled', [
      z.object({ enabled: z.literal(false) }),
      z.object({
        enabled: z.literal(true),
        workspace: z.string(),
        world: z.object({ seed: z.literal(7), size: z.literal('medium'), endDate: z.string() }),
        note: z.string().meta({ description: 'Says plainly that the data is simulated, for the dashboard’s banner.' }),
      }),
    ]),
  ),
  {
    enabled: true,
    workspace: 'demo',
    world: { seed: 7, size: 'medium', endDate: '2026-11-24' },
    note: 'This installation shows simulated data: connect a Meta account to see yours.',
  },
  'Whether this installation shows simulated data.',
);
