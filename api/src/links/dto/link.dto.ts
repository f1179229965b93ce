import { z } from 'zod';
import { REF_MAX_LENGTH, REF_PATTERN } from '../ref-rules.js';

const pageId = z
  .string({ error: 'is required: the id of one of the workspace’s Facebook pages' })
  .regex(/^\d{1,20}$/, { error: 'must be a numeric Facebook page id' })
  .meta({ description: 'One of the workspace’s pages: the link opens a conversation with it.' });

const ref = z
  .string({ error: 'is required: the tag after ?ref= in the m.me link, e.g. spring_sale' })
  .min(1, { error: 'must not be empty' })
  .max(REF_MAX_LENGTH, { error: `must be at most ${REF_MAX_LENGTH} characters (Meta’s limit)` })
  .regex(REF_PATTERN, { error: 'may contain only letters, digits, -, _ and = (Meta’s rule for m.me refs)' })
  .meta({ description: 'What follows ?ref= in the m.me link: letters, digits, -, _ and =.' });

const label = z
  .string({ error: 'is required: a name people recognise, e.g. "Poster in the shop window"' })
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'must be at most 200 characters' });

const campaignTag = z
  .string({ error: 'must be a text, e.g. spring-2026' })
  .trim()
  .max(100, { error: 'must be at most 100 characters' })
  .transform((s) => s || null)
  .nullable()
  .meta({ description: 'Groups links of one campaign, e.g. spring-2026.' });

const note = z
  .string({ error: 'must be a text' })
  .trim()
  .max(2000, { error: 'must be at most 2000 characters' })
  .transform((s) => s || null)
  .nullable();

export const createLinkSchema = z
  .object({ pageId, ref, label, campaignTag: campaignTag.optional(), note: note.optional() })
  .strict()
  .meta({
    example: {
      pageId: '104857600000009',
      ref: 'spring_poster',
      label: 'Poster in the shop window',
      campaignTag: 'spring-2026',
    },
  });
export type CreateLinkBody = z.infer<typeof createLinkSchema>;

export const updateLinkSchema = z
  .object({
    pageId: pageId.optional(),
    ref: ref.optional(),
    label: label.optional(),
    campaignTag: campaignTag.optional(),
    note: note.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, {
    error: 'the body must change at least one of pageId, ref, label, campaignTag and note',
  })
  .meta({ example: { label: 'Poster in the shop window (new design)', note: 'Printed 200 copies' } });
export type UpdateLinkBody = z.infer<typeof updateLinkSchema>;

export const linkIdSchema = z.uuid({ error: 'id must be a link id (a UUID)' });
