import type { SimPage, WorldEvent } from '../../types.js';
import { conversationId, requirePageToken } from '../auth.js';
import { forKind } from '../context.js';
import { checkFields, pickFields, type FieldGetters } from '../fields.js';
import { pageOf, pageWindow } from '../paging.js';
import { stringParam } from '../request.js';
import type { RouteTable } from '../router.js';
import type { Thread } from '../threads.js';

// Graph's times: ISO 8601 with a +0000 offset
const graphTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');

const person = (psid: string) => ({ name: `Person ${psid.slice(-4)}`, email: `${psid}@facebook.com`, id: psid });
const pageParty = (page: SimPage) => ({ name: page.name, email: `${page.id}@facebook.com`, id: page.id });

type ThreadOfPage = { page: SimPage; thread: Thread };

const CONVERSATION_FIELDS: FieldGetters<ThreadOfPage> = {
  id: ({ page, thread }) => conversationId(page.id, thread.psid),
  updated_time: ({ thread }) => graphTime(thread.last),
  message_count: ({ thread }) => thread.messageCount,
  participants: ({ page, thread }) => ({ data: [person(thread.psid), pageParty(page)] }),
  link: ({ page, thread }) => `/${page.username}/inbox/${thread.psid}`,
  unread_count: () => 0,
};

/** Threads, most recently updated first, as the inbox lists them. */
const conversations = forKind(['page'], (ctx, { page }) => {
  requirePageToken(ctx.auth, page.id);
  const { params } = ctx.req;
  checkFields(CONVERSATION_FIELDS, params, 'UnifiedThread');
  const platform = stringParam(params, 'platform');
  if (platform === 'instagram') return { data: [] };
  const now = ctx.state.now();
  const rows = [...ctx.state.threads.threads(page.id).values()]
    .filter((t) => t.first <= now)
    .sort((a, b) => b.last - a.last || a.psid.localeCompare(b.psid))
    .map((thread) =>
      pickFields({ page, thread }, CONVERSATION_FIELDS, params, 'UnifiedThread', ['id', 'updated_time']),
    );
  return pageOf(ctx.req, ctx.baseUrl, rows, pageWindow(params));
});

type MessageOfPage = { page: SimPage; w: WorldEvent };

const messageBody = (w: WorldEvent) => w.event['message'] as { mid?: string; text?: string; is_echo?: boolean };

const MESSAGE_FIELDS: FieldGetters<MessageOfPage> = {
  id: ({ w }) => messageBody(w).mid,
  created_time: ({ w }) => graphTime(w.time),
  message: ({ w }) => messageBody(w).text ?? '',
  from: ({ page, w }) => (messageBody(w).is_echo ? pageParty(page) : person(w.event.sender?.id ?? '')),
  to: ({ page, w }) => ({ data: [messageBody(w).is_echo ? person(w.event.recipient.id) : pageParty(page)] }),
};

/** A thread's messages, newest first. */
const messages = forKind(['conversation'], (ctx, { page, psid }) => {
  requirePageToken(ctx.auth, page.id);
  const { params } = ctx.req;
  checkFields(MESSAGE_FIELDS, params, 'Message');
  const now = ctx.state.now();
  const rows = [...ctx.state.threads.messages(page.id, psid)]
    .filter((w) => w.time <= now)
    .reverse()
    .map((w) => pickFields({ page, w }, MESSAGE_FIELDS, params, 'Message', ['id', 'created_time']));
  return pageOf(ctx.req, ctx.baseUrl, rows, pageWindow(params));
});

const conversationNode = forKind(['conversation'], (ctx, { page, psid }) => {
  requirePageToken(ctx.auth, page.id);
  const thread = ctx.state.threads.threads(page.id).get(psid);
  if (!thread) return { id: conversationId(page.id, psid) };
  return pickFields({ page, thread }, CONVERSATION_FIELDS, ctx.req.params, 'UnifiedThread', ['id', 'updated_time']);
});

export const conversationRoutes: RouteTable = {
  'GET page/conversations': { handle: conversations },
  'GET conversation': { handle: conversationNode },
  'GET conversation/messages': { handle: messages },
};
