import type { SimAdAccount, SimPage } from '../../types.js';
import { requireSystemUser } from '../auth.js';
import { forKind, type Handler } from '../context.js';
import { checkFields, pickFields, type FieldGetters } from '../fields.js';
import { pageOf, pageWindow } from '../paging.js';
import type { RouteTable } from '../router.js';

export const ACCOUNT_FIELDS: FieldGetters<SimAdAccount> = {
  id: (a) => a.id,
  account_id: (a) => a.accountId,
  name: (a) => a.name,
  currency: (a) => a.currency,
  timezone_name: (a) => a.timezoneName,
  account_status: (a) => a.accountStatus,
  business: (a) => ({ id: a.businessId, name: `Business ${a.businessId}` }),
  business_id: (a) => a.businessId,
  amount_spent: () => undefined,
  disable_reason: (a) => (a.accountStatus === 1 ? 0 : 1),
};

export const PAGE_FIELDS: FieldGetters<SimPage> = {
  id: (p) => p.id,
  name: (p) => p.name,
  username: (p) => p.username,
  link: (p) => `https://www.facebook.com/${p.username}`,
  category: () => 'Shopping & retail',
  access_token: (p) => p.accessToken,
  tasks: () => ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE'],
};

const SYSTEM_USER_FIELDS: FieldGetters<null> = { id: () => '100000000000001', name: () => 'CTM Analytics system user' };

const me: Handler = (ctx) => {
  if (ctx.auth.kind === 'page') return pickFields(ctx.auth.page, PAGE_FIELDS, ctx.req.params, 'Page', ['id', 'name']);
  return pickFields(null, SYSTEM_USER_FIELDS, ctx.req.params, 'User', ['id', 'name']);
};

/** The pages the system user manages, each with its page access token. */
const myPages: Handler = (ctx) => {
  requireSystemUser(ctx.auth);
  const params = ctx.req.params;
  checkFields(PAGE_FIELDS, params, 'Page');
  const rows = ctx.state.index.world.pages.map((p) =>
    pickFields(p, PAGE_FIELDS, params, 'Page', ['access_token', 'category', 'name', 'id', 'tasks']),
  );
  return pageOf(ctx.req, ctx.baseUrl, rows, pageWindow(params));
};

const myAdAccounts: Handler = (ctx) => {
  requireSystemUser(ctx.auth);
  const params = ctx.req.params;
  checkFields(ACCOUNT_FIELDS, params, 'AdAccount');
  const rows = ctx.state.index.world.accounts.map((a) =>
    pickFields(a, ACCOUNT_FIELDS, params, 'AdAccount', ['account_id', 'id']),
  );
  return pageOf(ctx.req, ctx.baseUrl, rows, pageWindow(params));
};

const accountNode = forKind(['account'], (ctx, node) => {
  requireSystemUser(ctx.auth);
  return pickFields(node.account, ACCOUNT_FIELDS, ctx.req.params, 'AdAccount', ['account_id', 'id']);
});

export const accountRoutes: RouteTable = {
  'GET me': { handle: me },
  'GET me/accounts': { handle: myPages },
  'GET me/adaccounts': { handle: myAdAccounts },
  'GET account': { handle: accountNode, buc: 'ads_management' },
};
