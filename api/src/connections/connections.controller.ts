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
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import {
  connectionPreviewResponse,
  connectionResponse,
  connectionsResponse,
} from '../openapi/responses/connections.js';

/** The workspace's Meta connections. Tokens come in, never go out (their last four characters at most). */
@Controller('api/connections')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  /** What a token can see (ad accounts, pages), before choosing what to connect; nothing is stored. */
  @Access('admin')
  @ApiDoc({
    summary: 'See what a Meta token can reach, storing nothing',
    response: connectionPreviewResponse,
    errors: { 502: 'Meta did not answer: try again in a minute.' },
  })
  @Post('preview')
  @HttpCode(200)
  preview(
    @Body(new ZodValidationPipe(previewConnectionSchema)) body: PreviewConnectionBody,
  ): Promise<ConnectionPreview> {
    return this.connections.preview(body.token);
  }

  @Access('admin')
  @ApiDoc({
    summary: 'Connect ad accounts and pages with a Meta token',
    response: connectionResponse,
    errors: {
      409: 'act_1 is already connected to this workspace.',
      502: 'Meta did not answer: try again in a minute.',
    },
  })
  @Post()
  create(
    @Current() access: RequestAccess,
    @Body(new ZodValidationPipe(createConnectionSchema)) body: CreateConnectionBody,
  ): Promise<ConnectionView> {
    return this.connections.connect(access, body);
  }

  /** Connections with their health: `expiring` and `invalid` carry a sentence for the dashboard. */
  @Access('analyst')
  @ApiDoc({ summary: 'The workspace’s Meta connections and their health', response: connectionsResponse })
  @Get()
  list(@Current() access: RequestAccess): Promise<ConnectionView[]> {
    return this.connections.list(access.workspaceId);
  }

  @Access('admin')
  @ApiDoc({ summary: 'Disconnect a stored Meta connection', response: connectionResponse })
  @Delete(':id')
  remove(
    @Current() access: RequestAccess,
    @Param('id', new ZodValidationPipe(connectionIdSchema)) id: string,
  ): Promise<ConnectionView> {
    return this.connections.disconnect(access, id);
  }
}
