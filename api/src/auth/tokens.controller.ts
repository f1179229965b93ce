import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { Access } from './access.decorator.js';
import { Current } from './current.decorator.js';
import { createTokenSchema, tokenIdSchema, type CreateTokenBody } from './dto/token.dto.js';
import type { RequestAccess } from './request-access.js';
import type { TokenView } from './tokens.repository.js';
import { TokensService, type CreatedToken } from './tokens.service.js';

/** The workspace's API tokens. Sessions only: a leaked token must not be able to mint lasting ones. */
@Controller('api/tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  /** The secret is in this answer only; it is stored as a hash. */
  @Access('admin', { tokenScopes: [] })
  @Post()
  create(
    @Current() access: RequestAccess,
    @Body(new ZodValidationPipe(createTokenSchema)) body: CreateTokenBody,
  ): Promise<CreatedToken> {
    return this.tokens.create(access.workspaceId, body.name, body.scope, access.actor);
  }

  @Access('admin', { tokenScopes: [] })
  @Get()
  list(@Current() access: RequestAccess): Promise<TokenView[]> {
    return this.tokens.list(access.workspaceId);
  }

  @Access('admin', { tokenScopes: [] })
  @Delete(':id')
  revoke(
    @Current() access: RequestAccess,
    @Param('id', new ZodValidationPipe(tokenIdSchema)) id: string,
  ): Promise<TokenView> {
    return this.tokens.revoke(access.workspaceId, id, access.actor);
  }
}
