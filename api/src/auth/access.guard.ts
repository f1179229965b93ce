import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
  type Type,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { WebhookController } from '../messenger/webhook.controller.js';
import { ACCESS_RULE, PUBLIC_ROUTE } from './access.decorator.js';
import { WORKSPACE_HEADER } from './auth.constants.js';
import { AuthService } from './auth.service.js';
import type { RequestWithAccess } from './current.decorator.js';
import { allows, type AccessRule, type Grant } from './roles.js';
import { sessionSecret } from './session-cookie.js';
import { TokensService } from './tokens.service.js';
import type { RequestAccess } from './request-access.js';

/** Controllers that prove their caller otherwise: Meta's webhook deliveries carry an HMAC signature. */
export const SIGNATURE_GUARDED: Type[] = [WebhookController];

/**
 * Every route needs a session or an API token, and the role or scope its @Access declares; a route
 * that declares nothing is refused (fail closed), so a new route cannot slip through unguarded.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly tokens: TokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (SIGNATURE_GUARDED.includes(context.getClass())) return true;
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, targets);
    if (!rule) throw new ForbiddenException('This route declares no access rule, so nobody may call it.');
    const req = context.switchToHttp().getRequest<Request & RequestWithAccess>();
    const { access, grant } = await this.authenticate(req);
    if (!allows(rule, grant)) throw new ForbiddenException(refusal(rule, grant));
    req.access = access;
    return true;
  }

  private async authenticate(req: Request): Promise<{ access: RequestAccess; grant: Grant }> {
    const header = req.headers[WORKSPACE_HEADER];
    const requested = typeof header === 'string' && header !== '' ? header.slice(0, 64) : undefined;
    const authorization = req.headers.authorization;
    if (authorization !== undefined) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      if (!bearer) throw new UnauthorizedException('Authorization must be "Bearer <API token>".');
      const access = await this.tokens.resolve(bearer);
      if (!access) throw new UnauthorizedException('This API token is unknown or was revoked.');
      if (requested !== undefined && requested !== access.workspace)
        throw new ForbiddenException(`workspace: this API token belongs to workspace "${access.workspace}" only.`);
      return { access, grant: { kind: 'token', scope: access.scope! } };
    }
    const secret = sessionSecret(req);
    if (!secret) throw new UnauthorizedException('Sign in, or send an API token as "Authorization: Bearer <token>".');
    const session = await this.auth.resolveSession(secret, requested);
    if (!session) throw new UnauthorizedException('Your session has expired or ended: sign in again.');
    const { access, highestRole } = session;
    return { access, grant: { kind: 'session', role: access.role!, highestRole } };
  }
}

function refusal(rule: AccessRule, grant: Grant): string {
  if (grant.kind === 'token')
    return rule.tokenScopes.length === 0 || rule.server
      ? 'An API token cannot do this: sign in.'
      : `This API token's scope (${grant.scope}) does not allow this; it needs ${rule.tokenScopes.join(' or ')}.`;
  return rule.server
    ? `Only the ${rule.role}s of a workspace may do this.`
    : `Your role here (${grant.role}) does not allow this; it needs ${rule.role} or above.`;
}
