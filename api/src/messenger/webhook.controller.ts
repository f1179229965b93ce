import { Controller, Get, Header, HttpCode, Post, Query, Req } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { WebhookService } from './webhook.service.js';
import { ApiHeader, ApiQuery } from '@nestjs/swagger';
import { ApiDoc } from '../openapi/api-doc.decorator.js';
import { handshakeResponse, webhookAckResponse, webhookDelivery } from '../openapi/responses/messenger.js';

/** Meta's Messenger webhook: guarded by its signature, not by a session (outside /api). */
@Controller('webhooks/messenger')
export class WebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  @ApiDoc({
    summary: 'Meta’s subscription handshake',
    response: handshakeResponse,
    errors: { 400: 'hub.challenge is missing.', 403: 'The verify token does not match META_VERIFY_TOKEN.' },
  })
  @ApiQuery({ name: 'hub.mode', required: true, schema: { type: 'string', enum: ['subscribe'] } })
  @ApiQuery({ name: 'hub.verify_token', required: true, description: 'META_VERIFY_TOKEN', schema: { type: 'string' } })
  @ApiQuery({ name: 'hub.challenge', required: true, description: 'Echoed back.', schema: { type: 'string' } })
  @Get()
  @Header('content-type', 'text/plain')
  handshake(
    @Query('hub.mode') mode: string | undefined,
    @Query('hub.verify_token') token: string | undefined,
    @Query('hub.challenge') challenge: string | undefined,
  ): string {
    return this.webhooks.handshake(mode, token, challenge);
  }

  @ApiDoc({
    summary: 'Receive Meta’s Messenger webhook deliveries',
    response: webhookAckResponse,
    body: webhookDelivery,
    errors: {
      400: 'The body is not JSON.',
      403: 'X-Hub-Signature-256 does not match the body signed with the app secret.',
      413: undefined,
      503: 'Webhooks are not configured: set META_APP_SECRET.',
    },
  })
  @ApiHeader({
    name: 'X-Hub-Signature-256',
    required: true,
    description: 'sha256=<HMAC-SHA256 of the body with the app secret>',
  })
  @Post()
  @HttpCode(200)
  @Header('content-type', 'text/plain')
  async receive(@Req() req: Request): Promise<string> {
    // a delivery the fast path refused or could not store: answered here, like any other error
    const refused = refusals.get(req);
    if (refused) throw refused.error;
    await this.webhooks.receive(req.body, req.header('x-hub-signature-256'));
    return 'EVENT_RECEIVED';
  }
}

/** Deliveries the fast path did not acknowledge, with why: the controller raises it through Nest. */
const refusals = new WeakMap<IncomingMessage, { error: unknown }>();

/**
 * The hot path of POST /webhooks/messenger, on the bare HTTP server ahead of Express and Nest: under
 * a burst of deliveries, Express's router and Nest's pipeline (request logger child per request,
 * interceptors, exception zone, body-parser) were most of the CPU spent per delivery. Same steps,
 * same order, as the controller: raw bytes, signature, JSON check, durable append, then 200. A
 * delivery it does not acknowledge goes on to Express with its bytes already read, and the
 * controller answers it exactly as before (status, JSON error body, error logging); so does
 * everything but a POST to the exact path. Global Nest guards or interceptors would not see an
 * acknowledged delivery: the signature is this route's only guard.
 */
export function webhookFastPath(
  webhooks: WebhookService,
  options: { path: string; limitBytes: number },
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    if (req.method !== 'POST' || !isPath(req.url, options.path)) return next();
    const started = performance.now();
    const handle = (body: Buffer) => {
      (req as Request).body = body;
      const signature = req.headers['x-hub-signature-256'];
      webhooks.receive(body, typeof signature === 'string' ? signature : undefined).then(
        () => {
          res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': 14 });
          res.end('EVENT_RECEIVED');
          logRequest(req, res, started);
        },
        (refused: unknown) => {
          refusals.set(req, { error: refused });
          next();
        },
      );
    };
    const length = Number(req.headers['content-length']);
    // the plain case (Meta's): read the bytes as they come; the HTTP parser holds them to content-length.
    // Anything else (chunked, compressed, too large, empty) goes to Express untouched: body-parser
    // reads it, errors included, and the controller answers.
    if (!(length > 0 && length <= options.limitBytes && !req.headers['content-encoding'])) return next();
    readBody(req, length, handle, next);
  };
}

/** `/webhooks/messenger` exactly, with or without a query string or a trailing slash. */
function isPath(url: string | undefined, path: string): boolean {
  if (!url?.startsWith(path)) return false;
  const rest = url.slice(path.length);
  return rest === '' || rest === '/' || rest.startsWith('?') || rest.startsWith('/?');
}

function readBody(req: IncomingMessage, length: number, done: (body: Buffer) => void, fail: () => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.once('end', () => done(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length)));
  req.once('error', fail);
}

/** The line the request logger writes for every request (pino-http does not see this path). */
function logRequest(req: IncomingMessage, res: ServerResponse, started: number): void {
  const log = PinoLogger.root;
  if (log?.isLevelEnabled('info')) {
    log.info({ req, res, ms: Math.round(performance.now() - started) }, 'request completed');
  }
}
