import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { Access } from './access.decorator.js';
import { Current } from './current.decorator.js';
import { createTokenSchema, tokenIdSchema, type CreateTokenBody } from './dto/token.dto.js';
import type { RequestAccess } from './request-access.js';
import type { TokenView } from './tokens.repository.js';
import { TokensService, type CreatedToken } from './tokens.service.js';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import { createdTokenResponse, revokedTokenResponse, tokensResponse } from '../openapi/responses/access.js';

/** The workspace's API tokens. Sessions only: a leaked token must not be able to mint lasting ones. */
@Controller('api/tokens')
export class TokensController {
  constructor(private readonly tokens: TokensService) {}

  /** The secret is in this answer only; it is stored as a hash. */
  @Access('admin', { tokenScopes: [] })
  @ApiDoc({ summary: 'Create an API token (its secret is shown once)', response: createdTokenResponse })
  @Post()
  create(
    @Current() access: RequestAccess,
    @Body(new ZodValidationPipe(createTokenSchema)) body: CreateTokenBody,
  ): Promise<CreatedToken> {
    return this.tokens.create(access.workspaceId, body.name, body.scope, access.actor);
  }

  @Access('admin', { tokenScopes: [] })
  @ApiDoc({ summary: 'The workspace’s API tokens', response: tokensResponse })
  @Get()
  list(@Current() access: RequestAccess): Promise<TokenView[]> {
    return this.tokens.list(access.workspaceId);
  }

  @Access('admin', { tokenScopes: [] })
  @ApiDoc({ summary: 'Revoke an API token', response: revokedTokenResponse })
  @Delete(':id')
  revoke(
    @Current() access: RequestAccess,
    @Param('id', new ZodValidationPipe(tokenIdSchema)) id: string,
  ): Promise<TokenView> {
    return this.tokens.revoke(access.workspaceId, id, access.actor);
  }
}
