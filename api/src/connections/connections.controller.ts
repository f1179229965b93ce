import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Access } from '../auth/access.decorator.js';
import { Current } from '../auth/current.decorator.js';
import type { RequestAccess } from '../auth/request-access.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import type { ConnectionView } from './connections.repository.js';
import { ConnectionsService, type ConnectionPreview } from './connections.service.js';
import {
  connectionIdSchema,
  createConnectionSchema,
  previewConnectionSchema,
  type CreateConnectionBody,
  type PreviewConnectionBody,
} from './dto/connection.dto.js';

/** The workspace's Meta connections. Tokens come in, never go out (their last four characters at most). */
@Controller('api/connections')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  /** What a token can see (ad accounts, pages), before choosing what to connect; nothing is stored. */
  @Access('admin')
  @Post('preview')
  @HttpCode(200)
  preview(
    @Body(new ZodValidationPipe(previewConnectionSchema)) body: PreviewConnectionBody,
  ): Promise<ConnectionPreview> {
    return this.connections.preview(body.token);
  }

  @Access('admin')
  @Post()
  create(
    @Current() access: RequestAccess,
    @Body(new ZodValidationPipe(createConnectionSchema)) body: CreateConnectionBody,
  ): Promise<ConnectionView> {
    return this.connections.connect(access, body);
  }

  /** Connections with their health: `expiring` and `invalid` carry a sentence for the dashboard. */
  @Access('analyst')
  @Get()
  list(@Current() access: RequestAccess): Promise<ConnectionView[]> {
    return this.connections.list(access.workspaceId);
  }

  @Access('admin')
  @Delete(':id')
  remove(
    @Current() access: RequestAccess,
    @Param('id', new ZodValidationPipe(connectionIdSchema)) id: string,
  ): Promise<ConnectionView> {
    return this.connections.disconnect(access, id);
  }
}
