import { forKind } from '../context.js';
import { invalidParam } from '../errors.js';
import { stringParam } from '../request.js';
import type { RouteTable } from '../router.js';

const SYSTEM_USER_ID = '100000000000001';
const SYSTEM_SCOPES = ['ads_read', 'ads_management', 'business_management', 'pages_show_list', 'pages_messaging'];
const PAGE_SCOPES = ['pages_messaging', 'pages_manage_metadata', 'pages_read_engagement'];

/** GET /debug_token?input_token=…: what Meta says about a token (type, owner, scopes, expiry, validity). */
const debugToken = forKind(['debug_token'], (ctx) => {
  const input = stringParam(ctx.req.params, 'input_token');
  if (!input) throw invalidParam('The parameter input_token is required');
  const { world } = ctx.state.index;
  const page = ctx.state.index.pagesByToken.get(input);
  const known = input === world.systemUserToken || page !== undefined;
  const expiresAtMs = ctx.state.tokenExpiry.get(input);
  const expired = ctx.state.expiredTokens.has(input);
  const common = {
    app_id: world.appId,
    application: 'CTM Analytics',
    // 0: never expires (system-user tokens)
    expires_at: expiresAtMs === undefined ? 0 : Math.floor(expiresAtMs / 1000),
    data_access_expires_at: 0,
  };
  if (!known)
    return {
      data: {
        error: { code: 190, message: 'Invalid OAuth access token - Cannot parse access token' },
        is_valid: false,
        scopes: [],
      },
    };
  const owner = page
    ? { type: 'PAGE', user_id: SYSTEM_USER_ID, profile_id: page.id, scopes: PAGE_SCOPES }
    : { type: 'SYSTEM_USER', user_id: SYSTEM_USER_ID, scopes: SYSTEM_SCOPES };
  if (expired)
    return {
      data: {
        ...common,
        ...owner,
        is_valid: false,
        error: { code: 190, subcode: 463, message: 'Error validating access token: Session has expired.' },
      },
    };
  return { data: { ...common, ...owner, is_valid: true, issued_at: Math.floor(ctx.state.now() / 1000) - 86_400 } };
});

export const debugTokenRoutes: RouteTable = { 'GET debug_token': { handle: debugToken } };
