import { randomBytes } from 'node:crypto';
import { requirePageToken } from '../auth.js';
import { forKind, type Ctx } from '../context.js';
import { GraphError, invalidParam } from '../errors.js';
import { pickFields } from '../fields.js';
import { jsonParam, listParam, stringParam } from '../request.js';
import type { RouteTable } from '../router.js';
import { PAGE_FIELDS } from './accounts.js';

const WEBHOOK_FIELDS = [
  'messages',
  'messaging_postbacks',
  'messaging_optins',
  'messaging_referrals',
  'message_deliveries',
  'message_reads',
  'message_echoes',
  'messaging_policy_enforcement',
  'messaging_handovers',
  'message_reactions',
];
const TAGS = ['CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'ACCOUNT_UPDATE', 'HUMAN_AGENT'];
const MESSAGING_TYPES = ['RESPONSE', 'UPDATE', 'MESSAGE_TAG'];
const HOUR = 3_600_000;

const pageNode = forKind(['page'], (ctx, { page }) =>
  pickFields(page, PAGE_FIELDS, ctx.req.params, 'Page', ['name', 'id']),
);

const APP = { id: '100000000000777', name: 'CTM Analytics', link: 'https://ctm-analytics.example/' };

const listSubscriptions = forKind(['page'], (ctx, { page }) => {
  requirePageToken(ctx.auth, page.id);
  const fields = ctx.state.subscriptions.get(page.id);
  return { data: fields ? [{ ...APP, subscribed_fields: fields }] : [] };
});

const subscribe = forKind(['page'], (ctx, { page }) => {
  requirePageToken(ctx.auth, page.id);
  const fields = listParam(ctx.req.params, 'subscribed_fields');
  if (!fields?.length) throw invalidParam('The parameter subscribed_fields is required.');
  fields.forEach((field, i) => {
    if (!WEBHOOK_FIELDS.includes(field))
      throw invalidParam(
        `Param subscribed_fields[${i}] must be one of {${WEBHOOK_FIELDS.join(', ')}} - got "${field}".`,
      );
  });
  ctx.state.subscriptions.set(page.id, fields);
  return { success: true };
});

const unsubscribe = forKind(['page'], (ctx, { page }) => {
  requirePageToken(ctx.auth, page.id);
  ctx.state.subscriptions.delete(page.id);
  return { success: true };
});

const sendError = (message: string, code: number, subcode: number) =>
  new GraphError({ message, type: 'OAuthException', code, error_subcode: subcode });

/** Send API: Meta's rules on who can be messaged, and when (META.md §3). */
function send(ctx: Ctx, pageId: string) {
  const { params } = ctx.req;
  const recipient = jsonParam(params, 'recipient') as { id?: unknown } | undefined;
  const psid = recipient?.id === undefined ? undefined : String(recipient.id);
  if (!psid) throw invalidParam('param recipient must be non-empty.');
  if (jsonParam(params, 'message') === undefined && stringParam(params, 'sender_action') === undefined)
    throw invalidParam('param message must be non-empty.');
  const type = stringParam(params, 'messaging_type') ?? 'RESPONSE';
  if (!MESSAGING_TYPES.includes(type))
    throw invalidParam(`param messaging_type must be one of ${MESSAGING_TYPES.join(', ')}`);
  const tag = stringParam(params, 'tag');
  if (type === 'MESSAGE_TAG' && (!tag || !TAGS.includes(tag)))
    throw invalidParam('param tag must be a valid message tag.');
  const now = ctx.state.now();
  const person = ctx.state.index.world.personState(pageId, psid, now);
  if (!person.known) throw sendError('(#100) No matching user found', 100, 2018001);
  if (person.blocked) throw sendError("(#551) This person isn't available right now.", 551, 1545041);
  const age = person.lastInboundAt === undefined ? Infinity : now - person.lastInboundAt;
  const allowed = age <= 24 * HOUR || (type === 'MESSAGE_TAG' && (tag !== 'HUMAN_AGENT' || age <= 7 * 24 * HOUR));
  if (!allowed)
    throw sendError(
      '(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview',
      10,
      2018278,
    );
  const messageId = `m_${randomBytes(18).toString('base64url')}`;
  ctx.state.sent.push({ pageId, recipientId: psid, messageId, at: now, body: params['message'] });
  return { recipient_id: psid, message_id: messageId };
}

const sendFromPage = forKind(['page'], (ctx, { page }) => {
  requirePageToken(ctx.auth, page.id);
  return send(ctx, page.id);
});

const sendFromMe = forKind(['me'], (ctx) => {
  if (ctx.auth.kind !== 'page') throw invalidParam('The Send API needs a page access token.');
  return send(ctx, ctx.auth.page.id);
});

export const pageRoutes: RouteTable = {
  'GET page': { handle: pageNode },
  'GET page/subscribed_apps': { handle: listSubscriptions },
  'POST page/subscribed_apps': { handle: subscribe },
  'DELETE page/subscribed_apps': { handle: unsubscribe },
  'POST page/messages': { handle: sendFromPage },
  'POST me/messages': { handle: sendFromMe },
};
