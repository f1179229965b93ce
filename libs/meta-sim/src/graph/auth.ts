import { createHmac } from 'node:crypto';
import type { Auth, GraphNode, ServerState } from './context.js';
import { expiredToken, GraphError, invalidParam, invalidToken, unknownPath } from './errors.js';
import { stringParam, type GraphRequest } from './request.js';
import { accountOf } from './world-index.js';

/** Only the world's own tokens open the door; an expired one fails with 190/463 as Meta's do. */
export function authenticate(state: ServerState, req: GraphRequest, appSecret?: string): Auth {
  const token = req.token;
  if (!token)
    throw new GraphError({
      message: 'An access token is required to request this resource.',
      type: 'OAuthException',
      code: 104,
    });
  if (state.expiredTokens.has(token)) throw expiredToken();
  const proof = stringParam(req.params, 'appsecret_proof');
  if (proof && appSecret && proof !== createHmac('sha256', appSecret).update(token).digest('hex'))
    throw invalidParam('Invalid appsecret_proof provided in the API argument');
  if (token === state.index.world.systemUserToken) return { kind: 'system', token };
  const page = state.index.pagesByToken.get(token);
  if (page) return { kind: 'page', token, page };
  throw invalidToken();
}

/** What the first path segment names: `me`, an ad account, an ad object, a page, a conversation or a report run. */
export function resolveNode(state: ServerState, id: string | undefined): GraphNode {
  const { index } = state;
  if (id === undefined || id === '') throw unknownPath('');
  if (id === 'me') return { kind: 'me' };
  if (id === 'debug_token') return { kind: 'debug_token' };
  const account = index.accounts.get(id);
  if (account) return { kind: 'account', account };
  const object = index.objects.get(id);
  const owner = object && accountOf(index, object.object.accountId);
  if (object && owner) return { ...object, account: owner };
  const page = index.pages.get(id);
  if (page) return { kind: 'page', page };
  const run = state.reportRuns.get(id);
  if (run) return { kind: 'report_run', run };
  const conversation = parseConversationId(state, id);
  if (conversation) return conversation;
  throw unknownPath(id);
}

/** Conversation ids name their page and person (`t_<page>_<psid>`), so no index of threads is needed. */
export const conversationId = (pageId: string, psid: string): string => `t_${pageId}_${psid}`;

function parseConversationId(state: ServerState, id: string): GraphNode | undefined {
  const match = /^t_(\d+)_(.+)$/.exec(id);
  const page = match && state.index.pages.get(match[1] ?? '');
  if (!match || !page) return undefined;
  return { kind: 'conversation', id, page, psid: match[2] ?? '' };
}

/** Ads endpoints need the system user's token; Messenger endpoints need the page's own token. */
export function requireSystemUser(auth: Auth): void {
  if (auth.kind !== 'system')
    throw new GraphError({
      message: '(#200) Ad account owner has NOT grant ads_management or ads_read permission',
      type: 'OAuthException',
      code: 200,
    });
}

export function requirePageToken(auth: Auth, pageId: string): void {
  if (auth.kind !== 'page' || auth.page.id !== pageId)
    throw new GraphError({
      message: '(#210) A page access token is required to request this resource.',
      type: 'OAuthException',
      code: 210,
    });
}
