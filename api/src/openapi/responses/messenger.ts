import { z } from 'zod';
import type { ReportedConversion } from '../../messenger/conversions.service.js';
import type { QuarantineSummary } from '../../messenger/quarantine.service.js';
import type { ReportedSendOutcome } from '../../messenger/send-outcomes.service.js';
import { responseDoc } from '../api-doc.decorator.js';
import { describes } from '../zod-schema.js';
import { dateTime } from './common.js';

const contactKnown = z
  .boolean()
  .meta({ description: 'Whether the person is a known contact yet; an unknown one is linked when they appear.' });

export const reportedConversionResponse = responseDoc(
  describes<ReportedConversion>()(
    z.object({
      id: z.string(),
      duplicate: z.boolean().meta({ description: 'True (and 200) when this idempotency key was already recorded.' }),
      contactKnown,
    }),
  ),
  { id: '42', duplicate: false, contactKnown: true },
  'Recorded (201), or already recorded under this idempotency key (200).',
);

export const reportedSendOutcomeResponse = responseDoc(
  describes<ReportedSendOutcome>()(
    z.object({
      id: z.string(),
      duplicate: z.boolean().meta({ description: 'True (and 200) when this idempotency key was already recorded.' }),
      outcome: z
        .enum(['delivered', 'outside_window', 'unreachable', 'failed'])
        .meta({ description: 'How the answer counts: unreachable (551) is kept apart from other failures.' }),
      contactKnown,
    }),
  ),
  { id: '43', duplicate: false, outcome: 'unreachable', contactKnown: true },
  'Recorded (201), or already recorded under this idempotency key (200).',
);

export const quarantineResponse = responseDoc(
  z.array(
    describes<QuarantineSummary>()(
      z.object({
        pageId: z.string().nullable(),
        reason: z.string(),
        items: z.number().int(),
        oldest: dateTime,
        newest: dateTime,
      }),
    ),
  ),
  [
    {
      pageId: '104857600000777',
      reason: 'unknown_page',
      items: 12,
      oldest: '2026-11-24T08:00:00.000Z',
      newest: '2026-11-25T10:00:00.000Z',
    },
  ],
  'Quarantined webhook events per page and reason: ids and counts, never their content.',
);

export const handshakeResponse = responseDoc(
  z.string(),
  '1158201444',
  'The hub.challenge, echoed: Meta then sends deliveries here.',
  'text/plain',
);

export const webhookAckResponse = responseDoc(
  z.string(),
  'EVENT_RECEIVED',
  'Stored; processed in the background.',
  'text/plain',
);

export const webhookDelivery = responseDoc(
  z
    .object({ object: z.literal('page'), entry: z.array(z.object({ id: z.string(), time: z.number() }).loose()) })
    .loose(),
  {
    object: 'page',
    entry: [
      {
        id: '104857600000009',
        time: 1764072000000,
        messaging: [
          {
            sender: { id: '7312345600002000' },
            recipient: { id: '104857600000009' },
            timestamp: 1764072000000,
            message: {
              mid: 'm_1',
              text: 'Hi',
              referral: { ad_id: '120210000000011', source: 'ADS', type: 'OPEN_THREAD' },
            },
          },
        ],
      },
    ],
  },
  'Meta’s delivery, up to 1,000 events: its raw bytes are checked against X-Hub-Signature-256.',
);
