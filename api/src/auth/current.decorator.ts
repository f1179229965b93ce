import { createParamDecorator, InternalServerErrorException, type ExecutionContext } from '@nestjs/common';
import type { RequestAccess } from './request-access.js';

export type RequestWithAccess = { access?: RequestAccess };

/** The request's resolved workspace, role or scope and actor, as the access guard put them. */
export const Current = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestAccess => {
  const access = ctx.switchToHttp().getRequest<RequestWithAccess>().access;
  // only a @Public() route can lack it, and such a route must not ask for it
  if (!access) throw new InternalServerErrorException('This route has no resolved access.');
  return access;
});
