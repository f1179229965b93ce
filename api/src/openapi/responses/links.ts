import type { StreamableFile } from '@nestjs/common';
import { z } from 'zod';
import type { LinkPage, LinkView } from '../../links/links.service.js';
import { responseDoc } from '../api-doc.decorator.js';
import { describes, type Json } from '../zod-schema.js';
import { dateTime } from './common.js';

const link = describes<LinkView>()(
  z.object({
    id: z.uuid(),
    pageId: z.string(),
    pageName: z.string().nullable().meta({ description: 'The page’s name; null when it is not known (yet).' }),
    ref: z.string(),
    label: z.string(),
    campaignTag: z.string().nullable(),
    note: z.string().nullable(),
    url: z.string().meta({ description: 'The m.me link to hand out: https://m.me/<page username or id>?ref=<ref>.' }),
    createdAt: dateTime,
    updatedAt: dateTime,
    createdBy: z.string().nullable().meta({ description: 'The email of the member who created it; null for a token.' }),
  }),
);

const example = {
  id: '3f1c2a9e-5b7d-4c1e-9a2b-7d6e5f4a3b2c',
  pageId: '104857600000009',
  pageName: 'Casa Verde Plants',
  ref: 'spring_poster',
  label: 'Poster in the shop window',
  campaignTag: 'spring-2026',
  note: null,
  url: 'https://m.me/casaverdeplants?ref=spring_poster',
  createdAt: '2026-11-02T09:30:00.000Z',
  updatedAt: '2026-11-02T09:30:00.000Z',
  createdBy: 'ana@example.com',
};

export const linksResponse = responseDoc(
  z.array(link),
  [example],
  'The workspace’s registered links, newest first. Their figures are in GET /api/ref-links, by page and ref.',
);

export const linkResponse = responseDoc(link, example, 'The link.');

export const linkPagesResponse = responseDoc(
  describes<LinkPage[]>()(
    z.array(
      z.object({
        id: z.string(),
        name: z.string().nullable(),
        username: z.string().nullable(),
        url: z.string().meta({ description: 'The page’s bare m.me link.' }),
      }),
    ),
  ),
  [
    {
      id: '104857600000009',
      name: 'Casa Verde Plants',
      username: 'casaverdeplants',
      url: 'https://m.me/casaverdeplants',
    },
  ],
  'The workspace’s Messenger pages: a link can open any of them.',
);

/** A file answer: its bytes, not JSON (the handler returns a StreamableFile). */
const file = (description: string) =>
  z.custom<Json<StreamableFile>>().meta({ type: 'string', format: 'binary', description });

export const qrPngResponse = responseDoc(
  file('A PNG image, 512 px square.'),
  '<PNG bytes>' as unknown as Json<StreamableFile>,
  'The link’s QR code as a PNG (error correction Q, a 4-module quiet zone), as an attachment.',
  'image/png',
);

export const qrSvgResponse = responseDoc(
  file('An SVG document.'),
  '<svg xmlns="http://www.w3.org/2000/svg" …></svg>' as unknown as Json<StreamableFile>,
  'The link’s QR code as SVG, for print (error correction Q, a 4-module quiet zone), as an attachment.',
  'image/svg+xml',
);
