import { Controller, Get, Header, HttpCode, Post, Query, Req } from '@nestjs/common';
import type { Request } from 'express';
import { WebhookService } from './webhook.service.js';

/** Meta's Messenger webhook: guarded by its signature, not by a session (outside /api). */
@Controller('webhooks/messenger')
export class WebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  @Get()
  @Header('content-type', 'text/plain')
  handshake(
    @Query('hub.mode') mode: string | undefined,
    @Query('hub.verify_token') token: string | undefined,
    @Query('hub.challenge') challenge: string | undefined,
  ): string {
    return this.webhooks.handshake(mode, token, challenge);
  }

  @Post()
  @HttpCode(200)
  @Header('content-type', 'text/plain')
  async receive(@Req() req: Request): Promise<string> {
    await this.webhooks.receive(req.body, req.header('x-hub-signature-256'));
    return 'EVENT_RECEIVED';
  }
}
