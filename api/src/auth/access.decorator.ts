import { SetMetadata } from '@nestjs/common';
import { defaultTokenScopes, type AccessRule, type Role, type TokenScope } from './roles.js';

export const ACCESS_RULE = 'ctm:access-rule';
export const PUBLIC_ROUTE = 'ctm:public-route';

/**
 * Who may call a route: the least role in the request's workspace, and optionally which token
 * scopes (an empty list: sessions only). A route that declares neither this nor @Public() is denied.
 */
export const Access = (role: Role, options: { tokenScopes?: TokenScope[]; server?: boolean } = {}) =>
  SetMetadata(ACCESS_RULE, {
    role,
    tokenScopes: options.tokenScopes ?? defaultTokenScopes(role),
    server: options.server ?? false,
  } satisfies AccessRule);

/** A route anyone may call without credentials: health, sign-in, first run. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);
